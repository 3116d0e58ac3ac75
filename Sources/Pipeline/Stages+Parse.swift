// input:  inboundMessage rows in state `new` (raw bytes), and the Message-IDs of the
//         invitations sent (a reply threaded to one is read as ДА / НЕТ).
// output: the same rows with class, sender, subject, defects, form JSON, the reply command
//         line and sender authentication, and state parsed | held | quarantined, one
//         transaction per batch.
// crash:  leaves some batches parsed and the rest `new`.
// rerun:  only `new` rows are read and reading is pure, so a re-run parses the rest and
//         produces exactly what one uninterrupted run would.
import Foundation
import GRDB
import Logging
import MailMessage
import Store

/// What one parse did.
public struct ParseReport: Sendable, Hashable {
    public var parsed = 0
    public var held = 0
    public var quarantined = 0
    public init() {}
}

extension Stages {
    /// Parses, classifies and reads the form of every `new` message.
    public func parse(now: Date) throws -> ParseReport {
        var report = ParseReport()
        while true {
            // The rows without their bytes; then the bytes of as many of them as fit the
            // in-flight budget (at least one), each copied once out of SQLite and dropped after
            // reading: peak memory follows the budget, not the batch size times 4 MB (P5).
            let waiting = try store.pool.read { try InboundMessage.waitingLean($0, state: .new, limit: config.fetchBatchSize) }
            if waiting.isEmpty { break }
            let rows = Stages.withinBudget(waiting, bytes: Stages.parseBudgetBytes)
            // Replies threaded to an invitation we sent are read as ДА / НЕТ even when a client
            // dropped the [INV-…] token from the subject.
            let invitationIDs = try store.pool.read { db in
                Set(try String.fetchAll(db, sql: "SELECT messageID FROM invitation WHERE messageID IS NOT NULL AND campaign = ?",
                                        arguments: [config.campaign]))
            }
            // Reading is pure and the hot path (MIME + form reading): spread it over the cores.
            let reader = self.reader
            let readings = try readAll(rows, with: reader, invitationIDs: invitationIDs)
            let decided = zip(rows, readings).map { row, reading in (row, decide(row: row, reading: reading, now: now)) }
            try store.pool.write { db in
                for (_, row) in decided {
                    // Not the raw bytes: they never change after pickup.
                    try row.update(db, columns: ["state", "class", "sender", "replyTo", "subject", "messageID",
                                                 "referencesJSON", "defects", "formJSON", "processedAt",
                                                 "replyCommand", "senderAuthentication"])
                    try AuditEntry.record(db, at: now, cause: row.cause, entity: "inboundMessage",
                                          entityID: row.id, change: "new -> \(row.state.rawValue)")
                }
            }
            try crash.reach("parse.committed")
            for (_, row) in decided {
                switch row.state {
                case .held: report.held += 1
                case .quarantined: report.quarantined += 1
                default: report.parsed += 1
                }
                logger.debug("message parsed", metadata: [
                    "inbound.id": "\(row.id ?? 0)", "inbound.state": "\(row.state.rawValue)",
                    "inbound.class": "\(row.class ?? "")",
                ])
            }
        }
        return report
    }

    /// Reads each row's message from its stored bytes on all cores; the bytes live only here.
    private func readAll(_ rows: [InboundMessage], with reader: some MessageReader,
                         invitationIDs: Set<String>) throws -> [MessageReading] {
        let raws = try store.pool.read { db in
            try rows.map { try InboundMessage.rawBytes(db, id: $0.id ?? 0) ?? [] }
        }
        return raws.concurrentMap { reader.read($0, invitationIDs: invitationIDs) }
    }

    /// Pure: the row after parse.
    func decide(row: InboundMessage, reading: MessageReading, now: Date) -> InboundMessage {
        var row = row
        row.class = reading.messageClass.rawValue
        row.sender = reading.sender
        row.replyTo = reading.replyTo
        row.subject = reading.subject.map { String($0.prefix(998)) }
        if row.messageID == nil { row.messageID = reading.messageID }
        row.referencesJSON = JSON.encode(reading.references + (reading.messageID.map { [$0] } ?? []))
        row.defects = JSON.encode(reading.defects)
        row.formJSON = reading.form.map { JSON.encode($0) }
        row.processedAt = now
        row.replyCommand = reading.replyCommand
        row.senderAuthentication = reading.replyCommand == nil ? nil : reading.authentication.rawValue
        if reading.sender == nil || reading.defects.contains(where: { $0.code.hasPrefix("limit.") }) {
            // No one to answer, or a message past the parser's hard limits: a coordinator looks.
            row.state = .quarantined
        } else if reading.messageClass == .human, let form = reading.form, config.verifiedKinds.contains(form.kind),
                  let sender = reading.sender,
                  !config.mayScore(kind: form.kind, sender: sender) || reading.authenticationFailed
                    || (!config.trustedAuthservIDs.isEmpty && reading.authentication != .verified) {
            // product.md: a score sheet (or a command) from an unregistered address, or one the
            // trusted receiving server does not verify, is held, never counted silently.
            row.state = .held
        } else {
            row.state = .parsed
        }
        return row
    }
}
