// input:  outboxMessage rows queued, deferred and due, or left `sending` by a crash.
// output: rows sent | deferred (backoff 5 min, 15 min, 1 h, 4 h …) | dead (permanent
//         failure or past the lifetime), with the relay's reply; audit rows.
// crash:  a batch is committed `sending` BEFORE the SMTP transaction; a crash after the
//         relay's 250 but before our commit leaves it `sending`.
// rerun:  `sending` rows are sent again with the same bytes and Message-ID (at-least-once,
//         RFC 5322 §3.6.4 lets receivers de-duplicate); sent and held rows are never sent.
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
}

extension Stages {
    /// Sends due outbox rows in batches, one connection per batch.
    public func deliver(via sender: some MailSender, now: Date) throws -> DeliverReport {
        var report = DeliverReport()
        let today = config.dayInterval(containing: now)
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
                    try batch[index].update(db, columns: ["attempts", "state"])
                    if from != .sending {
                        try AuditEntry.record(db, at: now, cause: auditCause(batch[index]), entity: "outboxMessage",
                                              entityID: batch[index].id, change: "\(from.rawValue) -> sending")
                    }
                }
            }
            try crash.reach("deliver.marked")
            let envelopes = batch.map {
                Envelope(id: $0.id ?? 0, from: config.fromAddress ?? config.programmeAddress, recipients: [$0.recipient], raw: [UInt8]($0.raw))
            }
            var results: [Int64: SendResult] = [:]
            do {
                for result in try sender.send(envelopes) { results[result.id] = result }
            } catch let error as PipelineError {
                if case .configuration = error { throw error }
                report.relayUnavailable = error.description
            } catch {
                report.relayUnavailable = "\(error)"
            }
            // Between the relay's 250 and this commit a crash means a resend (same Message-ID).
            try crash.reach("deliver.sent")
            let unavailable = report.relayUnavailable
            let counts = try store.pool.write { db -> (sent: Int, deferred: Int, dead: Int) in
                var sent = 0, deferred = 0, dead = 0
                for var row in batch {
                    let result = results[row.id ?? 0] ?? SendResult(
                        id: row.id ?? 0, code: 0, text: unavailable ?? "no result from the relay",
                        outcome: .retryLater)
                    row.lastReplyCode = result.code == 0 ? nil : result.code
                    row.lastReplyText = String(result.text.prefix(500))
                    switch result.outcome {
                    case .delivered:
                        row.state = .sent
                        row.sentAt = now
                        row.nextAttemptAt = nil
                        sent += 1
                    case .permanent:
                        row.state = .dead
                        row.nextAttemptAt = nil
                        dead += 1
                    case .retryNow, .retryLater:
                        let next = now.addingTimeInterval(config.backoff(afterAttempts: row.attempts))
                        if next > row.createdAt.addingTimeInterval(config.lifetime.timeInterval) {
                            row.state = .dead
                            row.nextAttemptAt = nil
                            dead += 1
                        } else {
                            row.state = .deferred
                            row.nextAttemptAt = next
                            deferred += 1
                        }
                    }
                    try row.update(db, columns: ["state", "sentAt", "nextAttemptAt", "lastReplyCode", "lastReplyText"])
                    try AuditEntry.record(db, at: now, cause: auditCause(row), entity: "outboxMessage",
                                          entityID: row.id,
                                          change: "sending -> \(row.state.rawValue) (\(result.code))")
                    logger.info("outbox message delivered", metadata: [
                        "outbox.id": "\(row.id ?? 0)", "outbox.state": "\(row.state.rawValue)",
                        "smtp.reply": "\(result.code)",
                    ])
                }
                return (sent, deferred, dead)
            }
            try crash.reach("deliver.recorded")
            report.sent += counts.sent
            report.deferred += counts.deferred
            report.dead += counts.dead
            if unavailable != nil { break }
        }
        return report
    }

    private func auditCause(_ row: OutboxMessage) -> String {
        row.causeInboundID.map { "inbound:\($0)" } ?? "command:deliver"
    }
}
