// input:  applied inbound rows not yet planned (plannedAt IS NULL) and their submissions.
// output: outboxMessage rows with rendered bytes and a Message-ID fixed here (UNIQUE
//         dedupeKey `reply:<inboundID>`, `help:<sender>:<day>` or
//         `errors:<sender>:<day>:<errors hash>`), question rows for mail
//         without a form, plannedAt — one transaction per batch.
// crash:  leaves whole batches planned; nothing half-rendered is ever committed.
// rerun:  reads only unplanned rows, and a dedupe key already present is skipped, so each
//         message gets at most one reply and each sender at most one help reply a day.
import Foundation
import MailTransport
import GRDB
import Logging
import MailMessage
import Store

/// What one plan did.
public struct PlanReport: Sendable, Hashable {
    public var queued: [String: Int] = [:]
    public var questions = 0
    public var silent = 0
    public init() {}
}

extension Stages {
    /// Renders and queues the reply each applied message gets (robots get none).
    public func plan(now: Date) throws -> PlanReport {
        var report = PlanReport()
        while true {
            let rows = try store.pool.read { db in
                try InboundMessage
                    .filter(Column("appliedAt") != nil && Column("plannedAt") == nil)
                    .order(Column("id")).limit(config.fetchBatchSize).fetchAll(db)
            }
            if rows.isEmpty { break }
            let batch = try store.pool.write { db -> PlanReport in
                var batch = PlanReport()
                for var row in rows {
                    if let template = try planOne(db, row: row, now: now) {
                        batch.queued[template.rawValue, default: 0] += 1
                    } else if row.disposition == .noForm {
                        batch.queued["help_suppressed", default: 0] += 1
                    } else {
                        batch.silent += 1
                    }
                    if row.disposition == .noForm { batch.questions += 1 }
                    row.plannedAt = now
                    try row.update(db, columns: ["plannedAt"])
                }
                return batch
            }
            try crash.reach("plan.committed")
            report.queued.merge(batch.queued, uniquingKeysWith: +)
            report.questions += batch.questions
            report.silent += batch.silent
        }
        logger.info("plan done", metadata: ["plan.queued": "\(report.queued)", "plan.questions": "\(report.questions)"])
        return report
    }

    /// Queues this row's reply if it gets one; returns the template queued.
    private func planOne(_ db: Database, row: InboundMessage, now: Date) throws -> ReplyTemplate? {
        guard let disposition = row.disposition, let recipient = row.replyTo ?? row.sender else { return nil }
        let inboundID = row.id ?? 0
        let form = JSON.decode(FormResult.self, row.formJSON)
        var content = ReplyContent(template: .help, campaign: config.campaign,
                                   recipientName: form.flatMap(Self.personName),
                                   originalSubject: row.subject, formKind: form?.kind,
                                   fields: form?.fields ?? [], errors: form?.errors ?? [])
        let dedupeKey: String
        switch disposition {
        case .robot, .held, .quarantined:
            return nil
        case .noForm:
            // A question for the coordinators (the digest lists it), help at most once a day.
            if try Question.filter(Column("inboundMessageID") == inboundID).fetchCount(db) == 0 {
                var question = Question(inboundMessageID: inboundID, sender: row.sender ?? recipient,
                                        subject: row.subject, createdAt: now)
                try question.insert(db)
                try AuditEntry.record(db, at: now, cause: row.cause, entity: "question",
                                      entityID: question.id, change: "opened")
            }
            dedupeKey = "help:\(row.sender ?? recipient):\(config.day(of: row.fetchedAt))"
            // The participant score sheet only for those who may send one (experts, coordinators).
            content.mayScoreParticipants = row.sender.map { config.mayScore(kind: "motivation", sender: $0.lowercased()) } ?? false
        case .submitted:
            guard let submission = try Submission.caused(by: inboundID, db) else {
                preconditionFailure("apply recorded `submitted` for inbound \(inboundID) without a submission")
            }
            content.template = .acknowledgement
            content.number = submission.number
            content.version = submission.version
            content.eligibility = try eligibilitySentence(db, submission: submission)
            if submission.kind == "rsvp", let invitation = try invitation(answeredBy: row, db) {
                content.number = invitation.participantNumber
                content.programTitle = try String.fetchOne(db, sql: "SELECT title FROM programme WHERE campaign = ? AND number = ?",
                                                           arguments: [invitation.campaign, invitation.programmeNumber])
                (content.attending, content.rsvpLate) = Self.rsvpOutcome(invitation, answer: form?.value("answer"))
            }
            content.motivation = try motivationEcho(db, submission: submission)
            if submission.kind == "feedback" { try describeFeedback(&content, submission: submission, db) }
            if submission.version > 1 {
                let earlier = try Submission.versions(db, campaign: submission.campaign, kind: submission.kind,
                                                      number: submission.number)
                    .last { $0.version < submission.version }
                content.replacedVersion = earlier?.version
                content.replacedDate = earlier?.createdAt
            }
            dedupeKey = "reply:\(inboundID)"
        case .invalid:
            // Loops (RFC 3834 §2): an echo of our own pre-filled form repeats the same errors.
            // The same errors get one reply a day; different ones (a person fixing the form)
            // get theirs, up to `errorRepliesPerDay` a sender a day.
            content.template = .errors
            let sender = row.sender ?? recipient
            let prefix = "errors:\(sender):\(config.day(of: row.fetchedAt)):"
            let sent = try OutboxMessage.filter(Column("dedupeKey").like(Self.likePattern(prefix) + "%", escape: "\\"))
                .fetchCount(db)
            if sent >= config.errorRepliesPerDay { return nil }
            let codes = ((form?.errors ?? []).map(\.code).sorted() + [form?.kind ?? ""]).joined(separator: "|")
            dedupeKey = prefix + SHA256.hex(Array(codes.utf8)).prefix(16)
        case .closed, .notOpen:
            content.template = disposition == .closed ? .closed : .notOpen
            content.window = form.flatMap { config.windows[$0.kind] }
            dedupeKey = "reply:\(inboundID)"
        }
        if try OutboxMessage.exists(db, dedupeKey: dedupeKey) { return nil }
        let rendered: RenderedReply
        do {
            rendered = try renderer.render(content)
        } catch {
            throw PipelineError.configuration(
                "template \(content.template.rawValue) failed to render: \(error) — check the templates folder")
        }
        let messageID = "\(UUID().uuidString.lowercased())@\(domain(of: config.programmeAddress))"
        let references = JSON.decode([String].self, row.referencesJSON) ?? []
        let headers = ReplyHeaders(
            from: config.fromAddress ?? config.programmeAddress, fromName: config.programmeName, to: recipient,
            subject: rendered.subject, messageID: messageID, inReplyTo: row.messageID,
            references: Array(references.suffix(20)), replyTo: config.programmeAddress,
            loopHeader: config.loopHeader, loopValue: config.programmeAddress, date: now,
            timeZone: config.timeZone)
        let raw: [UInt8]
        do {
            raw = try ReplyComposer.compose(headers, text: rendered.text, html: rendered.html)
        } catch {
            // Bad input (e.g. a Reply-To we cannot write): no reply; a coordinator sees the audit.
            try AuditEntry.record(db, at: now, cause: row.cause, entity: "outboxMessage", entityID: nil,
                                  change: "not queued \(content.template.rawValue): \(error)")
            logger.warning("reply not generated", metadata: ["inbound.id": "\(inboundID)", "error": "\(error)"])
            return nil
        }
        var outbox = OutboxMessage(
            dedupeKey: dedupeKey, template: content.template.rawValue, recipient: recipient,
            messageID: messageID, raw: Data(raw), causeInboundID: inboundID, createdAt: now)
        // Loop brake: count replies already planned for this address for messages that
        // arrived the same programme day.
        let day = config.dayInterval(containing: row.fetchedAt)
        let earlier = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM outboxMessage o JOIN inboundMessage i ON i.id = o.causeInboundID
            WHERE o.recipient = ? AND i.fetchedAt >= ? AND i.fetchedAt < ?
            """, arguments: [recipient, day.start, day.end]) ?? 0
        let limit = try replyLimit(db, recipient: recipient, day: day)
        if earlier >= limit {
            outbox.state = .held
            logger.warning("reply held: too many replies to one address today", metadata: [
                "inbound.id": "\(inboundID)", "outbox.limit": "\(limit)",
            ])
        }
        try outbox.insert(db)
        try AuditEntry.record(db, at: now, cause: row.cause, entity: "outboxMessage", entityID: outbox.id,
                              change: outbox.state == .held
                                  ? "held \(content.template.rawValue): reply limit per address and day reached"
                                  : "queued \(content.template.rawValue)")
        return content.template
    }

    static func personName(_ form: FormResult) -> String? {
        form.value("full_name") ?? form.value("contact_person") ?? form.value("expert")
    }

    /// `text` with LIKE's wildcards escaped (escape character `\`).
    static func likePattern(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    func domain(of address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "localhost"
    }
}
