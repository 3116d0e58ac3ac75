// input:  the draft selection (placement, selectionReason), the participants, the templates.
// output: one `selection_result` outboxMessage per applicant (dedupeKey
//         `selection:<participant number>`), releasedAt on every placement, audit rows — one
//         transaction; deliver sends them on the next run.
// crash:  all or nothing: the letters and the release commit together.
// rerun:  a dedupe key already queued is skipped and released placements stay released, so
//         each applicant gets their letter once.
import Foundation
import GRDB
import MailMessage
import Programme
import Rendering
import Store

/// What a release did.
public struct SelectionReleaseReport: Sendable, Hashable {
    public var queued = 0
    public var alreadyQueued = 0
}

extension ParticipantDesk {
    /// Queues the selection letters and marks the selection released (`participants release`).
    /// - Throws: `PipelineError.notYet` when there is no draft, `.configuration` when a template fails.
    public func release(templates: TemplateSet, campaignTitle: String, config: PipelineConfig,
                        now: Date) throws -> SelectionReleaseReport {
        try store.pool.write { try release($0, templates: templates, campaignTitle: campaignTitle, config: config, now: now) }
    }

    /// `release(templates:campaignTitle:config:now:)` inside the caller's transaction.
    public func release(_ db: Database, templates: TemplateSet, campaignTitle: String, config: PipelineConfig,
                        now: Date) throws -> SelectionReleaseReport {
        let placements = try Placement.filter(Column("campaign") == campaign).fetchAll(db)
        guard !placements.isEmpty else {
            throw PipelineError.notYet("no selection draft for \(campaign) — run `internships participants select` first")
        }
        let reasons = try SelectionReason.filter(Column("campaign") == campaign).fetchAll(db)
        let titles = Dictionary(try Row.fetchAll(db, sql: "SELECT number, title FROM programme WHERE campaign = ?",
                                                 arguments: [campaign]).map { ($0["number"] as Int, $0["title"] as String) },
                                uniquingKeysWith: { a, _ in a })
        var report = SelectionReleaseReport()
        for reason in reasons.sorted(by: { $0.participantNumber < $1.participantNumber }) {
            guard let participant = try Participant.filter(Column("campaign") == campaign
                                                           && Column("number") == reason.participantNumber).fetchOne(db)
            else { continue }
            let dedupeKey = "selection:\(reason.participantNumber)"
            if try OutboxMessage.exists(db, dedupeKey: dedupeKey) { report.alreadyQueued += 1; continue }
            let context = selectionContext(reason: reason, participant: participant, placements: placements,
                                           titles: titles, campaignTitle: campaignTitle)
            try NoticeComposer.queue(
                db, config: config, templates: templates, template: "selection_result", context: context,
                to: participant.email, dedupeKey: dedupeKey, cause: "command:participants release",
                change: "queued selection_result № \(reason.participantNumber)", now: now)
            report.queued += 1
        }
        try db.execute(sql: "UPDATE placement SET releasedAt = ? WHERE campaign = ? AND releasedAt IS NULL",
                       arguments: [now, campaign])
        return report
    }
}

extension ParticipantDesk {
    /// The `selection_result` context of one applicant.
    func selectionContext(reason: SelectionReason, participant: Participant, placements: [Placement],
                          titles: [Int: String], campaignTitle: String) -> [String: TemplateValue] {
        let mine = placements.filter { $0.participantNumber == reason.participantNumber }
        let seated = mine.filter { $0.status == "seated" }.sorted { $0.programmeNumber < $1.programmeNumber }
        let reserve = mine.filter { $0.status == "reserve" }.sorted { $0.programmeNumber < $1.programmeNumber }
        return [
            "campaign": .text(campaignTitle),
            "name": .optional(participant.fullName),
            "number": .number(reason.participantNumber),
            "selected": .list(seated.map {
                .object(["programme": .number($0.programmeNumber), "title": .text(titles[$0.programmeNumber] ?? "")])
            }),
            "reserve": .list(reserve.map {
                .object(["programme": .number($0.programmeNumber), "title": .text(titles[$0.programmeNumber] ?? ""),
                         "place": .number($0.rank)])
            }),
            "invited": .flag(!seated.isEmpty),
            "reason": .text(reason.reason),
        ]
    }

    /// What `mail release selection` would queue, without queuing: letters to queue, letters
    /// already queued, and one sample per outcome (selected, reserve, neither).
    public func releasePreview(templates: TemplateSet, campaignTitle: String) throws
        -> (toQueue: Int, alreadyQueued: Int, samples: [(outcome: String, recipient: String, mail: RenderedMail)]) {
        try store.pool.read { db in
            let placements = try Placement.filter(Column("campaign") == campaign).fetchAll(db)
            guard !placements.isEmpty else {
                throw PipelineError.notYet("no selection draft for \(campaign) — run `internships participants select` first")
            }
            let titles = Dictionary(try Row.fetchAll(db, sql: "SELECT number, title FROM programme WHERE campaign = ?",
                                                     arguments: [campaign]).map { ($0["number"] as Int, $0["title"] as String) },
                                    uniquingKeysWith: { a, _ in a })
            var toQueue = 0, already = 0
            var samples: [(outcome: String, recipient: String, mail: RenderedMail)] = []
            for reason in try SelectionReason.filter(Column("campaign") == campaign).order(Column("participantNumber")).fetchAll(db) {
                guard let participant = try Participant.filter(Column("campaign") == campaign
                                                               && Column("number") == reason.participantNumber).fetchOne(db)
                else { continue }
                if try OutboxMessage.exists(db, dedupeKey: "selection:\(reason.participantNumber)") { already += 1; continue }
                toQueue += 1
                let mine = placements.filter { $0.participantNumber == reason.participantNumber }
                let outcome = mine.contains { $0.status == "seated" } ? "selected"
                    : mine.contains { $0.status == "reserve" } ? "reserve" : "not selected"
                guard !samples.contains(where: { $0.outcome == outcome }) else { continue }
                let context = selectionContext(reason: reason, participant: participant, placements: placements,
                                               titles: titles, campaignTitle: campaignTitle)
                do {
                    samples.append((outcome, participant.email, try templates.render("selection_result", context: context)))
                } catch {
                    throw PipelineError.configuration("template selection_result failed to render: \(error) — check the templates folder")
                }
            }
            return (toQueue, already, samples)
        }
    }
}
