// Summary counts for `internships status`.
import Foundation
import GRDB

/// What the database holds, counted; every state appears (zero when empty).
public struct StoreStatus: Codable, Sendable, Hashable {
    public var inbound: [String: Int]
    public var inboundUnacked: Int
    public var outbox: [String: Int]
    /// Current (winning) submissions per kind.
    public var submissions: [String: Int]
    public var openQuestions: Int
    public var cursors: [MailboxCursor]
}

extension Store {
    /// Counts by state for inbound and outbox, current submissions by kind, open questions.
    public func status() throws -> StoreStatus {
        try pool.read { db in
            var inbound = Dictionary(uniqueKeysWithValues: InboundMessage.State.allCases.map { ($0.rawValue, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM inboundMessage GROUP BY state") {
                inbound[row["state"]] = row["n"]
            }
            var outbox = Dictionary(uniqueKeysWithValues: OutboxMessage.State.allCases.map { ($0.rawValue, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM outboxMessage GROUP BY state") {
                outbox[row["state"]] = row["n"]
            }
            var submissions: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT kind, COUNT(*) AS n FROM submission WHERE isCurrent GROUP BY kind
                """) {
                submissions[row["kind"]] = row["n"]
            }
            let unacked = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM inboundMessage WHERE ackedAt IS NULL
                """) ?? 0
            return StoreStatus(
                inbound: inbound, inboundUnacked: unacked, outbox: outbox, submissions: submissions,
                openQuestions: try Question.filter(Column("answeredAt") == nil).fetchCount(db),
                cursors: try MailboxCursor.order(Column("mailbox")).fetchAll(db))
        }
    }
}
