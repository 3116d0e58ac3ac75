// The digest's facts from the database, one function per section (what each reads is in
// its doc comment; invitations, batches and ideas are in `StoreDigestSource+*.swift`). One
// read transaction: every section sees the same moment.
import Foundation
import GRDB
import MailMessage
import Rendering
import Store

/// `DigestSource` over the programme database.
public struct StoreDigestSource: DigestSource {
    public var store: Store
    public var config: PipelineConfig
    public var digest: DigestConfig

    public init(store: Store, config: PipelineConfig, digest: DigestConfig) {
        self.store = store
        self.config = config
        self.digest = digest
    }

    public func digestFacts(since: Date?, now: Date) throws -> DigestFacts {
        try store.pool.read { db in
            var facts = DigestFacts(day: russianDay(now), since: since.map(dotted))
            facts.newSubmissions = try newSubmissions(db, since: since)
            facts.questions = try questions(db)
            facts.held = try held(db)
            facts.corrections = try corrections(db)
            facts.missingScores = try missingScores(db, now: now)
            facts.batches = try batches(db)
            facts.bounces = try bounces(db, since: since)
            facts.deadMail = try deadMail(db)
            facts.rsvp = try rsvp(db)
            facts.upcoming = try upcoming(db, now: now)
            facts.ideas = try ideas(db, since: since)
            facts.targets = try targets(db, now: now)
            facts.chart = try chart(db)
            return facts
        }
    }

    /// `submission` rows created after `since`: first versions are new, later ones replaced.
    func newSubmissions(_ db: Database, since: Date?) throws -> [DigestFacts.KindCount] {
        try Row.fetchAll(db, sql: """
            SELECT kind, SUM(version = 1) AS new, SUM(version > 1) AS replaced FROM submission
            WHERE campaign = ? AND (? IS NULL OR createdAt > ?) GROUP BY kind ORDER BY kind
            """, arguments: [config.campaign, since, since]).map {
            DigestFacts.KindCount(kind: $0["kind"], new: $0["new"] ?? 0, replaced: $0["replaced"] ?? 0)
        }
    }

    /// `question` rows not answered, oldest first, with the first lines of their message.
    func questions(_ db: Database) throws -> [DigestFacts.Question] {
        try Question.filter(Column("answeredAt") == nil).order(Column("id")).fetchAll(db).map { q in
            let raw = try Data.fetchOne(db, sql: "SELECT raw FROM inboundRaw WHERE inboundID = ?",
                                        arguments: [q.inboundMessageID]) ?? Data()
            return DigestFacts.Question(id: q.id ?? 0, sender: q.sender, subject: q.subject,
                                        firstLines: Self.firstLines(of: Message.parse(Array(raw)).textBody),
                                        received: dotted(q.createdAt))
        }
    }

    /// Up to 3 non-empty lines of a message's own text (quotes and signature dropped), at most
    /// 240 characters.
    static func firstLines(of text: String) -> String {
        var lines: [String] = []
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "--" || trimmed.hasPrefix("-----") { break }
            if trimmed.isEmpty || trimmed.hasPrefix(">") { continue }
            lines.append(trimmed)
            if lines.count == 3 { break }
        }
        let joined = lines.joined(separator: " ")
        return joined.count > 240 ? String(joined.prefix(239)) + "…" : joined
    }

    /// `inboundMessage` rows held (score sheets) or quarantined (no sender, past limits).
    func held(_ db: Database) throws -> [DigestFacts.Held] {
        try InboundMessage.filter(["held", "quarantined"].contains(Column("state"))).order(Column("id"))
            .fetchAll(db).map { row in
                let reason: DigestFacts.HeldReason
                if row.state == .quarantined {
                    reason = .unreadable
                } else if let sender = row.sender, row.formJSON == nil,
                          digest.coordinators.contains(where: { $0.email == sender.lowercased() }) {
                    reason = .unverifiedCommand
                } else if let sender = row.sender,
                          config.mayScore(kind: JSON.decode(FormResult.self, row.formJSON)?.kind ?? "score", sender: sender.lowercased()) {
                    reason = .failedAuthentication
                } else {
                    reason = .unregisteredExpert
                }
                return DigestFacts.Held(inboundID: row.id ?? 0, sender: row.sender, subject: row.subject, reason: reason)
            }
    }

    /// Inbound forms with problems (`disposition = invalid`) whose sender has sent no valid
    /// form of that kind since; the latest per sender and kind.
    func corrections(_ db: Database) throws -> [DigestFacts.Correction] {
        let rows = try InboundMessage.filter(Column("disposition") == InboundMessage.Disposition.invalid.rawValue)
            .order(Column("id").desc).fetchAll(db)
        var seen: Set<String> = []
        var result: [DigestFacts.Correction] = []
        for row in rows {
            guard let sender = row.sender, let form = JSON.decode(FormResult.self, row.formJSON) else { continue }
            guard seen.insert("\(sender)|\(form.kind)").inserted else { continue }
            let fixed = try Submission.filter(Column("campaign") == config.campaign && Column("kind") == form.kind
                                              && Column("sender") == sender && Column("createdAt") >= row.fetchedAt)
                .fetchCount(db) > 0
            if fixed { continue }
            result.append(DigestFacts.Correction(inboundID: row.id ?? 0, sender: sender, kind: form.kind,
                                                 problems: max(form.errors.count, 1), received: dotted(row.fetchedAt)))
        }
        return result.reversed()
    }

    /// `programme` rows with fewer current `score` submissions (by `application_number`) than
    /// `scoresPerProgramme`, once `scoresDueFrom` has passed.
    func missingScores(_ db: Database, now: Date) throws -> [DigestFacts.ScoreGap] {
        if let due = digest.scoresDueFrom, now < due { return [] }
        var received: [Int: Int] = [:]
        for submission in try Submission.filter(Column("campaign") == config.campaign && Column("kind") == "score"
                                                && Column("isCurrent") == true).fetchAll(db) {
            let fields = JSON.decode([String: String].self, submission.fieldsJSON) ?? [:]
            if let number = Int((fields["application_number"] ?? "").filter(\.isNumber)) { received[number, default: 0] += 1 }
        }
        return try Programme.filter(Column("campaign") == config.campaign).order(Column("number")).fetchAll(db)
            .compactMap { p in
                let n = received[p.number] ?? 0
                return n < digest.scoresPerProgramme
                    ? DigestFacts.ScoreGap(programme: p.number, title: p.title, received: n, expected: digest.scoresPerProgramme)
                    : nil
            }
    }

    /// Inbound bounces (`class = bounce`) fetched after `since`, with the failed address from
    /// the RFC 3464 report when there is one.
    func bounces(_ db: Database, since: Date?) throws -> [DigestFacts.Bounce] {
        var request = InboundMessage.filter(Column("class") == "bounce")
        if let since { request = request.filter(Column("fetchedAt") > since) }
        return try request.order(Column("id")).fetchAll(db).map { row in
            let report = Message.parse(Array(row.raw)).deliveryReport
            let address = report?.recipients.first?.finalRecipient ?? row.sender ?? "?"
            return DigestFacts.Bounce(inboundID: row.id ?? 0, address: address, subject: row.subject)
        }
    }

    /// `outboxMessage` rows that died (lifetime over or a permanent refusal).
    func deadMail(_ db: Database) throws -> [DigestFacts.DeadMail] {
        try OutboxMessage.filter(Column("state") == OutboxMessage.State.dead.rawValue).order(Column("id"))
            .fetchAll(db).map { row in
                DigestFacts.DeadMail(outboxID: row.id ?? 0, recipient: row.recipient, template: row.template,
                                     reply: row.lastReplyCode.map { "\($0) \(row.lastReplyText ?? "")".trimmingCharacters(in: .whitespaces) })
            }
    }

    /// Counts against `[digest.targets]`: programme and participant rows, distinct
    /// organisations (hosts and participants), current feedback and idea submissions.
    func targets(_ db: Database, now: Date) throws -> [DigestFacts.Target] {
        let campaign = config.campaign
        var counts: [String: Int] = [:]
        counts["programmes"] = try Programme.filter(Column("campaign") == campaign).fetchCount(db)
        counts["participants"] = try Participant.filter(Column("campaign") == campaign).fetchCount(db)
        for kind in ["feedback", "idea"] {
            counts[kind == "idea" ? "ideas" : kind] = try Submission.filter(
                Column("campaign") == campaign && Column("kind") == kind && Column("isCurrent") == true).fetchCount(db)
        }
        if digest.targets["organisations"] != nil {
            counts["organisations"] = try StoreReportSource(store: store, campaign: campaign, timeZone: config.timeZone)
                .facts(db, now: now).organisationCount
        }
        return DigestConfig.targetLabels.compactMap { key, label in
            digest.targets[key].map { DigestFacts.Target(label: label, count: counts[key] ?? 0, target: $0) }
        }
    }

    /// Current participant applications by `municipal_district`, most first.
    func chart(_ db: Database) throws -> [DigestFacts.Bar] {
        var counts: [String: Int] = [:]
        for json in try String.fetchAll(db, sql: """
            SELECT fieldsJSON FROM submission WHERE campaign = ? AND kind = 'participant' AND isCurrent
            """, arguments: [config.campaign]) {
            let fields = JSON.decode([String: String].self, json) ?? [:]
            counts[fields["municipal_district"] ?? "не указан", default: 0] += 1
        }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { DigestFacts.Bar(label: $0.key, value: $0.value) }
    }

    func dotted(_ date: Date) -> String { Self.dotted(iso: config.day(of: date)) }

    static func dotted(iso: String) -> String {
        let parts = iso.split(separator: "-")
        return parts.count == 3 ? "\(parts[2]).\(parts[1]).\(parts[0])" : iso
    }

    func russianDay(_ date: Date) -> String {
        let parts = config.day(of: date).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return config.day(of: date) }
        return RussianText.date(year: parts[0], month: parts[1], day: parts[2]) ?? config.day(of: date)
    }
}
