import Foundation
import GRDB

/// A host NGO, identified per campaign by its INN.
public struct Organisation: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "organisation"
    public var id: Int64?
    public var campaign: String
    public var inn: String
    public var name: String
    public var locality: String?

    public init(id: Int64? = nil, campaign: String, inn: String, name: String, locality: String?) {
        self.id = id
        self.campaign = campaign
        self.inn = inn
        self.name = name
        self.locality = locality
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Inserts or refreshes the organisation with this INN; returns its id.
    public static func upsert(_ db: Database, campaign: String, inn: String, name: String,
                              locality: String?) throws -> Int64 {
        if var existing = try Organisation
            .filter(Column("campaign") == campaign && Column("inn") == inn).fetchOne(db) {
            existing.name = name
            existing.locality = locality
            try existing.update(db)
            return existing.id ?? 0
        }
        var row = Organisation(campaign: campaign, inn: inn, name: name, locality: locality)
        try row.insert(db)
        return row.id ?? 0
    }
}
