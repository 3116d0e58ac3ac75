// input:  outboxMessage rows queued, deferred and due, or left `sending` by a crash.
// output: rows sent | deferred (backoff 5 min, 15 min, 1 h, 4 h …) | dead (permanent
//         failure or past the lifetime), with the relay's reply; audit rows.
// crash:  a batch is committed `sending` BEFORE the SMTP transaction and each verdict is
//         committed right after the relay's reply to that message; a crash between a 250 and
//         its commit leaves that one row `sending`.
// rerun:  `sending` rows are sent again with the same bytes and Message-ID (at-least-once,
//         RFC 5322 §3.6.4 lets receivers de-duplicate): at most one message per crash is
//         sent twice; sent and held rows are never sent.
import Foundation
import GRDB
import Logging
import Store

/// What one deliver did.
public struct DeliverReport: Sendable, Hashable {
    public var sent = 0
    public var deferred = 0
    public var dead = 0
    /// The budget stopped sending for today.
    public var budgetExhausted = false
    /// The relay could not be reached (the run exits 75).
    public var relayUnavailable: String?
    public init() {}

    mutating func count(_ state: OutboxMessage.State) {
        switch state {
        case .sent: sent += 1
        case .dead: dead += 1
        default: deferred += 1
        }
    }
}

extension Stages {
    /// Sends due outbox rows in batches, one connection per batch.
    public func deliver(via sender: some MailSender, now: Date) throws -> DeliverReport {
        var report = DeliverReport()
        let today = config.dayInterval(containing: now)
        // Encoded once: every row and audit entry of this run carries the same clock.
        let nowValue = now.databaseValue
        while true {
            let sentToday = try store.pool.read { try OutboxMessage.sentCount($0, from: today.start, to: today.end) }
            let allowance = config.dailySendBudget - sentToday
            if allowance <= 0 {
                report.budgetExhausted = true
                logger.warning("daily send budget reached", metadata: ["smtp.budget": "\(config.dailySendBudget)"])
                break
            }
            var batch = try store.pool.read {
                try OutboxMessage.due($0, now: now, limit: min(allowance, config.sendBatchSize))
            }
            if batch.isEmpty { break }
            // Commit `sending` before the SMTP transaction: after a crash we know to resend.
            try store.pool.write { db in
                for index in batch.indices {
                    let from = batch[index].state
                    batch[index].attempts += 1
                    batch[index].state = .sending
                    try batch[index].saveSendingMark(db)
                    if from != .sending {
                        try AuditEntry.record(db, at: nowValue, cause: auditCause(batch[index]), entity: "outboxMessage",
                                              entityID: batch[index].id, change: "\(from.rawValue) -> sending")
                    }
                }
            }
            try crash.reach("deliver.marked")
            let envelopes = batch.map {
                Envelope(id: $0.id ?? 0, from: config.fromAddress ?? config.programmeAddress, recipients: [$0.recipient], raw: [UInt8]($0.raw))
            }
            let rows = Dictionary(batch.map { ($0.id ?? 0, $0) }, uniquingKeysWith: { first, _ in first })
            var recorded: Set<Int64> = []
            var ownError: (any Error)?
            var closing: String?
            // Each verdict is committed as soon as the relay gives it, so a crash after a 250
            // resends at most that one message (same bytes, same Message-ID).
            func record(_ result: SendResult) throws {
                guard let row = rows[result.id], !recorded.contains(result.id) else { return }
                try crash.reach("deliver.sent")
                let state = try store.pool.write { db in
                    try self.record(result, for: row, db: db, now: now, nowValue: nowValue)
                }
                recorded.insert(result.id)
                report.count(state)
                // 421 (RFC 5321 §3.8) is the relay closing the channel: the rest of the batch
                // would fail the same way, so the run stops sending and exits 75.
                if result.code == 421, closing == nil { closing = result.text }
                try crash.reach("deliver.recorded")
            }
            do {
                try sender.send(envelopes) { result in
                    do { try record(result) } catch { ownError = error; throw error }
                }
            } catch {
                if let ownError { throw ownError } // a crash or the database, not the relay
                if let error = error as? PipelineError {
                    if case .configuration = error { throw error }
                    report.relayUnavailable = error.description
                } else {
                    report.relayUnavailable = "\(error)"
                }
            }
            if report.relayUnavailable == nil, let closing { report.relayUnavailable = closing }
            let unavailable = report.relayUnavailable
            // Rows the relay gave no verdict for (it went away): retried later.
            let unanswered = batch.filter { !recorded.contains($0.id ?? 0) }
            if !unanswered.isEmpty {
                let states = try store.pool.write { db in
                    try unanswered.map { row in
                        try self.record(SendResult(id: row.id ?? 0, code: 0, text: unavailable ?? "no result from the relay",
                                                   outcome: .retryLater), for: row, db: db, now: now,
                                               nowValue: nowValue)
                    }
                }
                states.forEach { report.count($0) }
                try crash.reach("deliver.recorded")
            }
            if unavailable != nil { break }
        }
        return report
    }

    /// One verdict into its row (state, reply, backoff) with its audit row; returns the new state.
    /// `nowValue` is `now.databaseValue`, encoded once per run.
    private func record(_ result: SendResult, for original: OutboxMessage, db: Database, now: Date,
                        nowValue: DatabaseValue) throws -> OutboxMessage.State {
        var row = original
        row.lastReplyCode = result.code == 0 ? nil : result.code
        row.lastReplyText = String(result.text.prefix(500))
        switch result.outcome {
        case .delivered:
            row.state = .sent
            row.sentAt = now
            row.nextAttemptAt = nil
        case .permanent:
            row.state = .dead
            row.nextAttemptAt = nil
        case .retryNow, .retryLater:
            let next = now.addingTimeInterval(config.backoff(afterAttempts: row.attempts))
            if next > row.createdAt.addingTimeInterval(config.lifetime.timeInterval) {
                row.state = .dead
                row.nextAttemptAt = nil
            } else {
                row.state = .deferred
                row.nextAttemptAt = next
            }
        }
        try row.saveVerdict(db, now: now, nowValue: nowValue)
        try AuditEntry.record(db, at: nowValue, cause: auditCause(row), entity: "outboxMessage",
                              entityID: row.id,
                              change: "sending -> \(row.state.rawValue) (\(result.code))")
        logger.info("outbox message delivered", metadata: [
            "outbox.id": "\(row.id ?? 0)", "outbox.state": "\(row.state.rawValue)",
            "smtp.reply": "\(result.code)",
        ])
        return row.state
    }

    private func auditCause(_ row: OutboxMessage) -> String {
        row.causeInboundID.map { "inbound:\($0)" } ?? "command:deliver"
    }
}
