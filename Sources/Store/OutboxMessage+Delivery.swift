// The deliver stage's per-message writes as fixed SQL on cached statements. A record
// `update(db, columns:)` encodes every column through Codable (four Dates through a
// DateFormatter) to write two to five of them; deliver does this once per message, inside
// the transaction that commits the relay's verdict (BENCHMARKS.md, P4 session 3).
import Foundation
import GRDB

extension OutboxMessage {
    /// Writes `attempts` and `state = sending` of this row (the mark before SMTP).
    /// - Throws: `StoreError.notFound` when the row is gone.
    public func saveSendingMark(_ db: Database) throws {
        let id = try requireID()
        let statement = try db.cachedStatement(sql: "UPDATE outboxMessage SET attempts = ?, state = ? WHERE id = ?")
        try statement.execute(arguments: [attempts, State.sending, id])
        try Self.expectOneChange(db, id: id)
    }

    /// Writes the columns a verdict sets: state, sentAt, nextAttemptAt, lastReplyCode and
    /// lastReplyText. `nowValue` is `now.databaseValue`, encoded once by the caller and
    /// written when `sentAt == now`: the same text a record update would write.
    /// - Throws: `StoreError.notFound` when the row is gone.
    public func saveVerdict(_ db: Database, now: Date, nowValue: DatabaseValue) throws {
        let id = try requireID()
        let statement = try db.cachedStatement(sql: """
            UPDATE outboxMessage SET state = ?, sentAt = ?, nextAttemptAt = ?, lastReplyCode = ?, lastReplyText = ?
            WHERE id = ?
            """)
        let sent: DatabaseValue = sentAt.map { $0 == now ? nowValue : $0.databaseValue } ?? .null
        try statement.execute(arguments: [state, sent, nextAttemptAt, lastReplyCode, lastReplyText, id])
        try Self.expectOneChange(db, id: id)
    }

    private func requireID() throws -> Int64 {
        guard let id else { throw StoreError.notFound(entity: "outboxMessage", id: 0) }
        return id
    }

    private static func expectOneChange(_ db: Database, id: Int64) throws {
        if db.changesCount != 1 { throw StoreError.notFound(entity: "outboxMessage", id: id) }
    }
}

extension AuditEntry {
    /// As `record(_:at:cause:entity:entityID:change:)`, with `at` already encoded
    /// (`Date.databaseValue`) and the INSERT on a cached statement: for stages that write one
    /// audit row per message with the same clock.
    public static func record(_ db: Database, at: DatabaseValue, cause: String, entity: String,
                              entityID: Int64?, change: String) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO audit (at, cause, entity, entityID, change) VALUES (?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [at, cause, entity, entityID, change])
    }
}
