import Foundation
import GRDB

/// A joint project idea with its author, for the digest, exports and the final meeting.
public struct Idea: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "idea"
    public enum Role: String, Codable, Sendable, Hashable {
        case participant, host, other
    }
    public var id: Int64?
    public var campaign: String
    /// The `idea` submission's number (a new version of the same idea keeps it).
    public var number: Int
    public var submissionID: Int64
    public var authorEmail: String
    public var authorName: String?
    public var authorRole: Role
    public var organisation: String?
    public var title: String
    /// The description (`Краткое описание`).
    public var text: String
    public var partners: String?
    public var needs: String?
    public var contact: String?
    public var createdAt: Date

    public init(id: Int64? = nil, campaign: String, number: Int, submissionID: Int64, authorEmail: String,
                authorName: String?, authorRole: Role, organisation: String?, title: String, text: String,
                partners: String?, needs: String?, contact: String?, createdAt: Date) {
        self.id = id
        self.campaign = campaign
        self.number = number
        self.submissionID = submissionID
        self.authorEmail = authorEmail
        self.authorName = authorName
        self.authorRole = authorRole
        self.organisation = organisation
        self.title = title
        self.text = text
        self.partners = partners
        self.needs = needs
        self.contact = contact
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Records `row` as the current version of idea `number`.
    public static func record(_ db: Database, _ row: Idea) throws {
        try Idea.filter(Column("campaign") == row.campaign && Column("number") == row.number).deleteAll(db)
        var new = row
        try new.insert(db)
    }
}
