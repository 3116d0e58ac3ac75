import Foundation
import GRDB

/// An internship programme offered by a host NGO; `number` is its application number.
public struct Programme: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "programme"
    public var id: Int64?
    public var campaign: String
    public var number: Int
    public var organisationID: Int64?
    public var title: String
    /// The winning submission version.
    public var submissionID: Int64

    public init(id: Int64? = nil, campaign: String, number: Int, organisationID: Int64?,
                title: String, submissionID: Int64) {
        self.id = id
        self.campaign = campaign
        self.number = number
        self.organisationID = organisationID
        self.title = title
        self.submissionID = submissionID
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Inserts the programme `number` or points it at its newest version.
    public static func upsert(_ db: Database, _ row: Programme) throws {
        if var existing = try Programme
            .filter(Column("campaign") == row.campaign && Column("number") == row.number).fetchOne(db) {
            existing.organisationID = row.organisationID
            existing.title = row.title
            existing.submissionID = row.submissionID
            try existing.update(db)
        } else {
            var new = row
            try new.insert(db)
        }
    }
}
