import Foundation
import GRDB

/// An expert asked to score a programme (`programmes assign`).
public struct ReviewAssignment: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "reviewAssignment"
    public enum State: String, Codable, Sendable, DatabaseValueConvertible {
        case active
        /// The expert declared a conflict of interest: excluded, replaced.
        case conflict
    }
    public var id: Int64?
    public var campaign: String
    public var programmeNumber: Int
    public var expert: String
    public var state: State
    public var assignedAt: Date
    /// The assignment mail that told the expert.
    public var outboxMessageID: Int64?

    public init(id: Int64? = nil, campaign: String, programmeNumber: Int, expert: String,
                state: State = .active, assignedAt: Date, outboxMessageID: Int64? = nil) {
        self.id = id
        self.campaign = campaign
        self.programmeNumber = programmeNumber
        self.expert = expert.lowercased()
        self.state = state
        self.assignedAt = assignedAt
        self.outboxMessageID = outboxMessageID
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    public static func all(_ db: Database, campaign: String) throws -> [ReviewAssignment] {
        try ReviewAssignment.filter(Column("campaign") == campaign)
            .order(Column("programmeNumber"), Column("expert")).fetchAll(db)
    }
}
