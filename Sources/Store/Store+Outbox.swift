// Outbox operations for `internships outbox list|show|retry|hold`; each writes an audit row.
import Foundation
import GRDB

extension Store {
    /// Outbox rows, newest first, optionally only those in `state`.
    public func outboxList(state: OutboxMessage.State? = nil, limit: Int = 100) throws -> [OutboxMessage] {
        try pool.read { db in
            var request = OutboxMessage.order(Column("id").desc).limit(limit)
            if let state { request = request.filter(Column("state") == state.rawValue) }
            return try request.fetchAll(db)
        }
    }

    /// One outbox row with its bytes.
    public func outboxShow(id: Int64) throws -> OutboxMessage {
        try pool.read { db in
            guard let row = try OutboxMessage.fetchOne(db, key: id) else {
                throw StoreError.notFound(entity: "outbox message", id: id)
            }
            return row
        }
    }

    /// Puts a deferred, dead or held row back in the queue, due now. Sent rows stay sent.
    @discardableResult
    public func outboxRetry(id: Int64, now: Date) throws -> OutboxMessage {
        try pool.write { try outboxRetry($0, id: id, now: now) }
    }

    /// `outboxRetry(id:now:)` inside the caller's transaction.
    @discardableResult
    public func outboxRetry(_ db: Database, id: Int64, now: Date) throws -> OutboxMessage {
        try transition(db, id: id, allowed: [.deferred, .dead, .held], to: .queued, command: "outbox-retry",
                       now: now) { row in
            row.nextAttemptAt = now
        }
    }

    /// Holds a row that has not been sent: deliver never sends held rows.
    @discardableResult
    public func outboxHold(id: Int64, now: Date) throws -> OutboxMessage {
        try transition(id: id, allowed: [.queued, .deferred, .dead], to: .held, command: "outbox-hold",
                       now: now) { _ in }
    }

    private func transition(id: Int64, allowed: Set<OutboxMessage.State>, to target: OutboxMessage.State,
                            command: String, now: Date,
                            adjust: (inout OutboxMessage) -> Void) throws -> OutboxMessage {
        try pool.write { try transition($0, id: id, allowed: allowed, to: target, command: command, now: now, adjust: adjust) }
    }

    private func transition(_ db: Database, id: Int64, allowed: Set<OutboxMessage.State>, to target: OutboxMessage.State,
                            command: String, now: Date,
                            adjust: (inout OutboxMessage) -> Void) throws -> OutboxMessage {
        guard var row = try OutboxMessage.fetchOne(db, key: id) else {
            throw StoreError.notFound(entity: "outbox message", id: id)
        }
        guard allowed.contains(row.state) else {
            throw StoreError.invalidTransition(entity: "outbox message", id: id,
                                               from: row.state.rawValue, to: target.rawValue)
        }
        let from = row.state
        row.state = target
        adjust(&row)
        try row.update(db, columns: ["state", "nextAttemptAt"])
        try AuditEntry.record(db, at: now, cause: "command:\(command)", entity: "outboxMessage",
                              entityID: id, change: "\(from.rawValue) -> \(target.rawValue)")
        return row
    }
}
