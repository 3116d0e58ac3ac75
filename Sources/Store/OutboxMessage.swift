import Foundation
import GRDB

/// A rendered message waiting for, or done with, delivery. Bytes and Message-ID are fixed at
/// enqueue so a resend after a crash is the same message (architecture.md, outboxMessage).
public struct OutboxMessage: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outboxMessage"

    /// queued → sending → sent | deferred | dead; held is never sent.
    public enum State: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
        case queued, sending, sent, deferred, dead, held
    }

    public var id: Int64?
    public var dedupeKey: String
    public var template: String
    public var recipient: String
    public var messageID: String
    public var raw: Data
    public var state: State
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastReplyCode: Int?
    public var lastReplyText: String?
    public var causeInboundID: Int64?
    public var createdAt: Date
    public var sentAt: Date?

    public init(id: Int64? = nil, dedupeKey: String, template: String, recipient: String,
                messageID: String, raw: Data, state: State = .queued, causeInboundID: Int64?,
                createdAt: Date) {
        self.id = id
        self.dedupeKey = dedupeKey
        self.template = template
        self.recipient = recipient
        self.messageID = messageID
        self.raw = raw
        self.state = state
        self.attempts = 0
        self.nextAttemptAt = createdAt
        self.causeInboundID = causeInboundID
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The bytes live in `outboxRaw` (v4_raw_apart): read back through a subquery.
    public static var databaseSelection: [any SQLSelectable] {
        [.allColumns, SQL("COALESCE((SELECT raw FROM outboxRaw WHERE outboxID = outboxMessage.id), x'') AS raw")]
    }

    /// Every column but `raw`: a state UPDATE never rewrites the message bytes.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["dedupeKey"] = dedupeKey
        container["template"] = template
        container["recipient"] = recipient
        container["messageID"] = messageID
        container["state"] = state
        container["attempts"] = attempts
        container["nextAttemptAt"] = nextAttemptAt
        container["lastReplyCode"] = lastReplyCode
        container["lastReplyText"] = lastReplyText
        container["causeInboundID"] = causeInboundID
        container["createdAt"] = createdAt
        container["sentAt"] = sentAt
    }

    /// The bytes are written once, in the same transaction as the row.
    public func aroundInsert(_ db: Database, insert: () throws -> InsertionSuccess) throws {
        let inserted = try insert()
        try db.execute(sql: "INSERT INTO outboxRaw (outboxID, raw) VALUES (?, ?)", arguments: [inserted.rowID, raw])
    }

    /// True when a row with this dedupe key exists (whatever its state).
    public static func exists(_ db: Database, dedupeKey: String) throws -> Bool {
        try OutboxMessage.filter(Column("dedupeKey") == dedupeKey).fetchCount(db) > 0
    }

    /// Rows deliver should try now: queued or deferred and due, plus rows left in `sending`
    /// by a crash (resent with the same Message-ID).
    public static func due(_ db: Database, now: Date, limit: Int) throws -> [OutboxMessage] {
        try OutboxMessage
            .filter(Column("state") == State.sending.rawValue
                    || ([State.queued.rawValue, State.deferred.rawValue].contains(Column("state"))
                        && (Column("nextAttemptAt") == nil || Column("nextAttemptAt") <= now)))
            .order(Column("id"))
            .limit(limit)
            .fetchAll(db)
    }

    /// How many messages were sent in `[start, end)`, for the daily send budget.
    public static func sentCount(_ db: Database, from start: Date, to end: Date) throws -> Int {
        try OutboxMessage
            .filter(Column("sentAt") >= start && Column("sentAt") < end)
            .fetchCount(db)
    }
}
