import Foundation
import GRDB

/// A participant's current feedback about one internship (the typed copy of a `feedback`
/// submission, for exports and the report).
public struct Feedback: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "feedback"
    public var id: Int64?
    public var campaign: String
    public var submissionID: Int64
    public var participantNumber: Int
    /// Nil when neither the subject token nor the participant's invitations tell which.
    public var programmeNumber: Int?
    public var programRating: Int?
    public var competenceBefore: Int?
    public var competenceAfter: Int?
    public var useful: String?
    public var willApply: String?
    public var suggestions: String?
    public var createdAt: Date

    public init(id: Int64? = nil, campaign: String, submissionID: Int64, participantNumber: Int, programmeNumber: Int?,
                programRating: Int?, competenceBefore: Int?, competenceAfter: Int?, useful: String?, willApply: String?,
                suggestions: String?, createdAt: Date) {
        self.id = id
        self.campaign = campaign
        self.submissionID = submissionID
        self.participantNumber = participantNumber
        self.programmeNumber = programmeNumber
        self.programRating = programRating
        self.competenceBefore = competenceBefore
        self.competenceAfter = competenceAfter
        self.useful = useful
        self.willApply = willApply
        self.suggestions = suggestions
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Records `row`, replacing the earlier feedback of the same participant and programme;
    /// true when it replaced one.
    @discardableResult
    public static func record(_ db: Database, _ row: Feedback) throws -> Bool {
        let earlier = try Feedback.filter(Column("campaign") == row.campaign
                                          && Column("participantNumber") == row.participantNumber
                                          && Column("programmeNumber") == row.programmeNumber).fetchOne(db)
        if let earlier { try earlier.delete(db) }
        var new = row
        try new.insert(db)
        return earlier != nil
    }
}
