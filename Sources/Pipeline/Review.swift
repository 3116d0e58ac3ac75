// input:  programme and score submissions, assignments, decisions and result notices in the store.
// output: assignment rows, decision revisions, result notices and outboxMessage rows, each
//         written with its mail in one transaction (deliver sends them later).
// crash:  leaves whole transactions: an assignment is never recorded without its mail.
// rerun:  every mail has a dedupe key and every rule reads what is already recorded, so a
//         re-run queues only what is still missing (nothing, when nothing changed).
import Foundation
import GRDB
import Logging
import Programme
import Rendering
import Store

/// The expert review and the competition's results, over one store.
public struct Review {
    public var store: Store
    public var config: PipelineConfig
    public var review: ReviewConfig
    public var templates: TemplateSet
    public var campaignTitle: String
    public var logger: Logger

    public init(store: Store, config: PipelineConfig, review: ReviewConfig, templates: TemplateSet,
                campaignTitle: String, logger: Logger) {
        self.store = store
        self.config = config
        self.review = review
        self.templates = templates
        self.campaignTitle = campaignTitle
        self.logger = logger
    }

    /// A programme with the fields of its current application.
    public struct Entry: Sendable, Hashable {
        public var programme: ReviewProgramme
        public var fields: [String: String]
        /// Who sent the application: the host's address for its letters.
        public var host: String
    }

    /// Everything the rules read, in one snapshot.
    struct Snapshot {
        var entries: [Entry]
        var assignments: [ReviewAssignment]
        var sheets: [ScoreSheet]

        var active: Set<AssignmentPair> {
            Set(assignments.filter { $0.state == .active }.map { AssignmentPair(number: $0.programmeNumber, expert: $0.expert) })
        }
        var declined: Set<AssignmentPair> {
            Set(assignments.filter { $0.state == .conflict }.map { AssignmentPair(number: $0.programmeNumber, expert: $0.expert) })
        }
        func entry(_ number: Int) -> Entry? { entries.first { $0.programme.number == number } }
    }

    func snapshot(_ db: Database) throws -> Snapshot {
        let campaign = config.campaign
        var entries: [Entry] = []
        // Raw SQL: `Programme` is also the rules module's name.
        let rows = try Row.fetchAll(db, sql: "SELECT number, title, submissionID FROM programme WHERE campaign = ? ORDER BY number",
                                    arguments: [campaign])
        for row in rows {
            let number: Int = row["number"], title: String = row["title"], submissionID: Int64 = row["submissionID"]
            guard let submission = try Submission.fetchOne(db, key: submissionID) else { continue }
            let fields = JSON.decode([String: String].self, submission.fieldsJSON) ?? [:]
            entries.append(Entry(
                programme: ReviewProgramme(number: number, title: title,
                                           organisation: fields["organization"] ?? "",
                                           locality: fields["locality"] ?? ""),
                fields: fields, host: submission.sender))
        }
        let sheets = try Submission
            .filter(Column("campaign") == campaign && Column("kind") == "score" && Column("isCurrent") == true)
            .order(Column("id")).fetchAll(db)
            .compactMap { ScoreSheet(expert: $0.sender, fields: JSON.decode([String: String].self, $0.fieldsJSON) ?? [:]) }
        return Snapshot(entries: entries, assignments: try ReviewAssignment.all(db, campaign: campaign), sheets: sheets)
    }

    /// The ranked table `programmes rank` prints.
    public func ranking() throws -> [(entry: Entry, score: ProgrammeScore)] {
        let data = try store.pool.read { try snapshot($0) }
        return rank(data)
    }

    func rank(_ data: Snapshot) -> [(entry: Entry, score: ProgrammeScore)] {
        let scores = ScoreAggregation.aggregate(
            numbers: data.entries.map(\.programme.number), assigned: data.active, sheets: data.sheets,
            spreadThreshold: review.spreadThreshold)
        return ScoreAggregation.rank(scores).compactMap { score in data.entry(score.number).map { ($0, score) } }
    }

    /// Queues one mail; false when its dedupe key is already there.
    func queue(_ db: Database, dedupeKey: String, template: String, to recipient: String,
               context: [String: TemplateValue], cause: String, now: Date) throws -> Int64? {
        if try OutboxMessage.exists(db, dedupeKey: dedupeKey) { return nil }
        let mail = try render(template, context)
        let messageID = "\(UUID().uuidString.lowercased())@\(domain(of: config.programmeAddress))"
        let raw = try NoticeComposer.compose(config: config, to: recipient, subject: mail.subject, text: mail.text,
                                             html: mail.html, messageID: messageID, date: now)
        var outbox = OutboxMessage(dedupeKey: dedupeKey, template: template, recipient: recipient,
                                   messageID: messageID, raw: Data(raw), causeInboundID: nil, createdAt: now)
        try outbox.insert(db)
        try AuditEntry.record(db, at: now, cause: cause, entity: "outboxMessage", entityID: outbox.id,
                              change: "queued \(template)")
        return outbox.id
    }

    func render(_ template: String, _ context: [String: TemplateValue]) throws -> RenderedMail {
        var full = context
        full["campaign"] = .text(campaignTitle)
        do {
            return try templates.render(template, context: full)
        } catch {
            throw PipelineError.configuration("template \(template) failed to render: \(error) — check the templates folder")
        }
    }

    func domain(of address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "localhost"
    }
}
