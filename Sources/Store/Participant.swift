import Foundation
import GRDB

/// An applicant for internships, identified per campaign by their email address.
public struct Participant: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "participant"
    public var id: Int64?
    public var campaign: String
    public var email: String
    public var fullName: String
    public var number: Int
    public var submissionID: Int64

    public init(id: Int64? = nil, campaign: String, email: String, fullName: String, number: Int,
                submissionID: Int64) {
        self.id = id
        self.campaign = campaign
        self.email = email
        self.fullName = fullName
        self.number = number
        self.submissionID = submissionID
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Inserts the participant or points them at their newest application version.
    public static func upsert(_ db: Database, _ row: Participant) throws {
        if var existing = try Participant
            .filter(Column("campaign") == row.campaign && Column("email") == row.email).fetchOne(db) {
            existing.fullName = row.fullName
            existing.submissionID = row.submissionID
            try existing.update(db)
        } else {
            var new = row
            try new.insert(db)
        }
    }
}
