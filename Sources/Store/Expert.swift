import Foundation
import GRDB

/// A registered expert: only their score sheets count (others are held for a coordinator).
public struct Expert: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "expert"
    public var id: Int64?
    public var campaign: String
    /// Lower-cased address.
    public var email: String
    public var name: String?

    public init(id: Int64? = nil, campaign: String, email: String, name: String?) {
        self.id = id
        self.campaign = campaign
        self.email = email.lowercased()
        self.name = name
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Makes sure every configured expert has a row (idempotent).
    public static func register(_ db: Database, campaign: String, emails: [String]) throws {
        for email in emails {
            try db.execute(sql: """
                INSERT INTO expert (campaign, email) VALUES (?, ?)
                ON CONFLICT (campaign, email) DO NOTHING
                """, arguments: [campaign, email.lowercased()])
        }
    }

    /// True when `email` is a registered expert of `campaign`.
    public static func isRegistered(_ db: Database, campaign: String, email: String) throws -> Bool {
        try Expert.filter(Column("campaign") == campaign && Column("email") == email.lowercased())
            .fetchCount(db) > 0
    }
}
