import Foundation
import GRDB

/// One state change and what caused it (`inbound:<id>` or `command:<name>`).
public struct AuditEntry: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "audit"
    public var id: Int64?
    public var at: Date
    public var cause: String
    public var entity: String
    public var entityID: Int64?
    public var change: String

    public init(id: Int64? = nil, at: Date, cause: String, entity: String, entityID: Int64?, change: String) {
        self.id = id
        self.at = at
        self.cause = cause
        self.entity = entity
        self.entityID = entityID
        self.change = change
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Writes one audit row in the caller's transaction.
    public static func record(_ db: Database, at: Date, cause: String, entity: String,
                              entityID: Int64?, change: String) throws {
        var entry = AuditEntry(at: at, cause: cause, entity: entity, entityID: entityID, change: change)
        try entry.insert(db)
    }
}
