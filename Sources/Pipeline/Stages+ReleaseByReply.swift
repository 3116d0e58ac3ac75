// input:  applied, unplanned inbound mail from a configured coordinator whose own text opens
//         with "ОТПРАВИТЬ <batch>" (a reply to the digest), and what waits for release.
// output: the batch released through `BatchReleaser` (the CLI's own functions); an answer
//         `release_reply` outboxMessage to the coordinator (dedupeKey `release-reply:<inbound
//         id>:held|done`), plannedAt (plan leaves the row alone), audit rows. A sender the trusted
//         server does not verify: the row is held (digest: held mail) and the answer says so.
// crash:  the release, the answer and plannedAt commit in one transaction per reply: a crash
//         leaves each reply either fully handled or untouched (its batch still waiting).
// rerun:  rows with plannedAt are never read again, an untouched reply is obeyed as the first
//         time, and the answer's dedupe key is UNIQUE: nothing is released or answered twice.
import Foundation
import GRDB
import Logging
import MailMessage
import Rendering
import Store

/// What one pass over coordinators' replies did.
public struct ReleaseReplyReport: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        case released, nothingWaiting = "nothing_waiting", unknownBatch = "unknown_batch", unverified, failed
    }
    /// Outcome per inbound id.
    public var outcomes: [Int64: Outcome] = [:]
    public init() {}
}

extension Stages {
    /// Obeys "ОТПРАВИТЬ <batch>" from verified coordinators and answers every such reply.
    public func releaseByReply(_ pass: ReleaseByReply, now: Date) throws -> ReleaseReplyReport {
        var report = ReleaseReplyReport()
        guard !pass.coordinators.isEmpty else { return report }
        // Without their bytes: parse kept the command line (rows parsed before v5_reply_command
        // have NULL there and are read from their bytes below).
        let rows = try store.pool.read { db in
            try InboundMessage.select(InboundMessage.leanSelection)
                .filter(Column("appliedAt") != nil && Column("plannedAt") == nil
                        && Column("class") == "human" && Column("disposition") == "no_form")
                .filter(Column("replyCommand") == nil || Column("replyCommand") != "")
                .filter(pass.coordinators.contains(Column("sender"))).order(Column("id")).fetchAll(db)
        }
        let source = StoreDigestSource(store: store, config: config, digest: pass.digest)
        for row in rows {
            guard let inboundID = row.id, let sender = row.sender,
                  let command = try replyCommand(of: row, id: inboundID) else { continue }
            let word = command.word
            let releasedByHand = try store.pool.read { db in
                try Date.fetchOne(db, sql: "SELECT releasedAt FROM inboundMessage WHERE id = ?", arguments: [inboundID])
            } != nil
            // Issue 9: only a trusted receiving server vouches for a From address; with none
            // configured nobody is, until a coordinator releases the message by hand.
            let verified = releasedByHand || (!config.trustedAuthservIDs.isEmpty && command.authentication == .verified)
            var context: [String: TemplateValue] = [
                "name": .optional(pass.digest.coordinators.first { $0.email == sender }?.name),
                "campaign": .text(pass.digest.campaignTitle), "line": .text("ОТПРАВИТЬ \(word)"),
                "inbound_id": .number(Int(inboundID)), "batch": .text(word),
            ]
            let messageID = "release-\(UUID().uuidString.lowercased())@\(domain(of: config.programmeAddress))"
            // One transaction: the release, the answer and the handled mark commit together or
            // not at all, so a re-run after a crash anywhere here finds the batch still waiting.
            let outcome: ReleaseReplyReport.Outcome? = try store.pool.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT plannedAt IS NULL FROM inboundMessage WHERE id = ?",
                                        arguments: [inboundID]) == true else { return nil }
                let outcome: ReleaseReplyReport.Outcome
                let waiting = try source.batches(db)
                if !verified {
                    outcome = .unverified
                } else if let batch = ReleaseBatch(name: word) {
                    if let item = waiting.first(where: { $0.key == batch.name }) {
                        do {
                            // A refused release (e.g. no decision any more) leaves nothing behind.
                            var queued = 0
                            try db.inSavepoint {
                                queued = try pass.releaser.release(batch, in: db, now: now)
                                return .commit
                            }
                            context["queued"] = .number(queued)
                            context["what"] = .text(item.name)
                            context["command"] = .text(item.command)
                            outcome = .released
                        } catch let crash as SimulatedCrash {
                            throw crash
                        } catch let error as DatabaseError {
                            throw error // the database, not the release, failed: stop the run
                        } catch {
                            context["reason"] = .text("\(error)")
                            outcome = .failed
                        }
                        try crash.reach("releaseByReply.released")
                    } else {
                        outcome = .nothingWaiting
                    }
                } else {
                    outcome = .unknownBatch
                }
                let still = outcome == .released ? try source.batches(db) : waiting
                for each in ReleaseReplyReport.Outcome.allCases { context["outcome_\(each.rawValue)"] = .flag(each == outcome) }
                context["waiting"] = .list(still.compactMap { item in
                    item.key.map { .object(["key": .text($0), "name": .text(item.name), "count": .number(item.count)]) }
                })
                context["has_waiting"] = .flag(still.contains { $0.key != nil })
                let mail: RenderedMail
                do {
                    mail = try pass.templates.render("release_reply", context: context)
                } catch {
                    throw PipelineError.configuration("template release_reply failed to render: \(error) — check the templates folder")
                }
                let raw = try OutgoingMessage(
                    from: Address(name: config.programmeName, address: config.fromAddress ?? config.programmeAddress),
                    to: [Address(address: sender)], replyTo: [Address(address: config.programmeAddress)],
                    subject: mail.subject, messageID: messageID, date: now, timeZone: config.timeZone,
                    inReplyTo: row.messageID.map { [$0] } ?? [], references: row.messageID.map { [$0] } ?? [],
                    extraHeaders: [
                        // RFC 3834 §5: a response to a message.
                        OutgoingHeader(name: "Auto-Submitted", value: "auto-replied"),
                        OutgoingHeader(name: config.loopHeader, value: config.programmeAddress),
                    ],
                    textBody: mail.text, htmlBody: mail.html).generate()
                // A held command released by hand later gets its second answer (what was done).
                let key = "release-reply:\(inboundID):\(outcome == .unverified ? "held" : "done")"
                if try !OutboxMessage.exists(db, dedupeKey: key) {
                    var answer = OutboxMessage(dedupeKey: key, template: "release_reply", recipient: sender,
                                               messageID: messageID, raw: Data(raw), causeInboundID: inboundID, createdAt: now)
                    try answer.insert(db)
                }
                try crash.reach("releaseByReply.answered")
                if outcome == .unverified {
                    try db.execute(sql: """
                        UPDATE inboundMessage SET state = 'held', disposition = 'held', plannedAt = ? WHERE id = ?
                        """, arguments: [now, inboundID])
                } else {
                    try db.execute(sql: "UPDATE inboundMessage SET plannedAt = ? WHERE id = ?", arguments: [now, inboundID])
                }
                try AuditEntry.record(db, at: now, cause: row.cause, entity: "inboundMessage", entityID: inboundID,
                                      change: "release by reply \(word): \(outcome.rawValue)")
                return outcome
            }
            guard let outcome else { continue }
            try crash.reach("releaseByReply.committed")
            report.outcomes[inboundID] = outcome
            logger.info("release by reply", metadata: ["inbound.id": "\(inboundID)", "release.outcome": "\(outcome.rawValue)"])
        }
        return report
    }

    /// The command word and the sender's authentication of one reply: as parse kept them, or
    /// for a row parsed before `replyCommand` existed, read from the stored bytes.
    func replyCommand(of row: InboundMessage, id: Int64) throws -> (word: String, authentication: SenderAuthentication)? {
        if let line = row.replyCommand,
           let authentication = row.senderAuthentication.flatMap(SenderAuthentication.init(rawValue:)) {
            return ReleaseByReply.command(in: line).map { ($0, authentication) }
        }
        let raw = try store.pool.read { try InboundMessage.rawBytes($0, id: id) } ?? []
        let message = Message.parse(raw)
        return ReleaseByReply.command(in: message.textBody)
            .map { ($0, SenderAuthentication.of(message, trusted: config.trustedAuthservIDs)) }
    }
}
