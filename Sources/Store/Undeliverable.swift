import Foundation
import GRDB

/// A recipient our mail cannot reach: a permanent (5.x.x) bounce of one of our own messages.
/// The digest lists them (`Undeliverable.since`); a coordinator reaches the person otherwise.
public struct Undeliverable: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "undeliverable"
    /// Lower-cased address.
    public var address: String
    /// The last of our messages that bounced.
    public var outboxMessageID: Int64?
    public var status: String?
    public var diagnostic: String?
    public var failures: Int
    public var firstFailedAt: Date
    public var lastFailedAt: Date

    public init(address: String, outboxMessageID: Int64?, status: String?, diagnostic: String?,
                failures: Int = 1, firstFailedAt: Date, lastFailedAt: Date) {
        self.address = address.lowercased()
        self.outboxMessageID = outboxMessageID
        self.status = status
        self.diagnostic = diagnostic
        self.failures = failures
        self.firstFailedAt = firstFailedAt
        self.lastFailedAt = lastFailedAt
    }

    /// Marks `address` undeliverable (or counts one more failure).
    public static func mark(_ db: Database, address: String, outboxMessageID: Int64?, status: String?,
                            diagnostic: String?, at: Date) throws {
        let key = address.lowercased()
        if var row = try Undeliverable.fetchOne(db, key: key) {
            row.failures += 1
            row.lastFailedAt = max(row.lastFailedAt, at)
            row.outboxMessageID = outboxMessageID ?? row.outboxMessageID
            row.status = status ?? row.status
            row.diagnostic = diagnostic ?? row.diagnostic
            try row.update(db)
        } else {
            try Undeliverable(address: key, outboxMessageID: outboxMessageID, status: status, diagnostic: diagnostic,
                              firstFailedAt: at, lastFailedAt: at).insert(db)
        }
    }

    /// Whether mail to `address` is known to bounce.
    public static func contains(_ db: Database, address: String) throws -> Bool {
        try Undeliverable.fetchOne(db, key: address.lowercased()) != nil
    }

    /// For the digest: recipients that failed at or after `since`, most recent first.
    public static func since(_ db: Database, _ since: Date) throws -> [Undeliverable] {
        try Undeliverable.filter(Column("lastFailedAt") >= since).order(Column("lastFailedAt").desc, Column("address"))
            .fetchAll(db)
    }
}
