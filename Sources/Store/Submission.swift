import Foundation
import GRDB

/// One version of a filled form. Versions of the same thing (same `key`) share `number`.
public struct Submission: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "submission"
    public var id: Int64?
    public var campaign: String
    public var kind: String
    /// Human-readable number per (campaign, kind): № 1, № 2 …
    public var number: Int
    public var version: Int
    /// What makes two forms "the same thing", e.g. `sender|organisation` for `program`.
    public var key: String
    public var inboundMessageID: Int64
    public var sender: String
    public var fieldsJSON: String
    public var isCurrent: Bool
    public var createdAt: Date

    public init(id: Int64? = nil, campaign: String, kind: String, number: Int, version: Int,
                key: String, inboundMessageID: Int64, sender: String, fieldsJSON: String,
                isCurrent: Bool, createdAt: Date) {
        self.id = id
        self.campaign = campaign
        self.kind = kind
        self.number = number
        self.version = version
        self.key = key
        self.inboundMessageID = inboundMessageID
        self.sender = sender
        self.fieldsJSON = fieldsJSON
        self.isCurrent = isCurrent
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The winning version of the thing identified by `key`, if any.
    public static func current(_ db: Database, campaign: String, kind: String, key: String) throws -> Submission? {
        try Submission
            .filter(Column("campaign") == campaign && Column("kind") == kind
                    && Column("key") == key && Column("isCurrent") == true)
            .fetchOne(db)
    }

    /// The submission recorded for one inbound message (apply is idempotent through it).
    public static func caused(by inboundID: Int64, _ db: Database) throws -> Submission? {
        try Submission.filter(Column("inboundMessageID") == inboundID).fetchOne(db)
    }

    /// The next free human-readable number for (campaign, kind).
    public static func nextNumber(_ db: Database, campaign: String, kind: String) throws -> Int {
        let max = try Int.fetchOne(db, sql: """
            SELECT MAX(number) FROM submission WHERE campaign = ? AND kind = ?
            """, arguments: [campaign, kind])
        return (max ?? 0) + 1
    }

    /// Every version of one thing, oldest first.
    public static func versions(_ db: Database, campaign: String, kind: String, number: Int) throws -> [Submission] {
        try Submission
            .filter(Column("campaign") == campaign && Column("kind") == kind && Column("number") == number)
            .order(Column("version"))
            .fetchAll(db)
    }
}
