import Foundation
import GRDB

/// One participant's place for one programme in the selection: a seat or a reserve rank.
public struct Placement: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "placement"
    public var id: Int64?
    public var campaign: String
    public var programmeNumber: Int
    public var participantNumber: Int
    /// `seated` or `reserve`.
    public var status: String
    /// 1-based order within (programme, status).
    public var rank: Int
    public var decidedAt: Date
    /// Set by `mail release selection`; a released selection is never replaced.
    public var releasedAt: Date?

    public init(id: Int64? = nil, campaign: String, programmeNumber: Int, participantNumber: Int, status: String,
                rank: Int, decidedAt: Date, releasedAt: Date? = nil) {
        self.id = id
        self.campaign = campaign
        self.programmeNumber = programmeNumber
        self.participantNumber = participantNumber
        self.status = status
        self.rank = rank
        self.decidedAt = decidedAt
        self.releasedAt = releasedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// The sentence a participant reads about their selection result.
public struct SelectionReason: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "selectionReason"
    public var campaign: String
    public var participantNumber: Int
    public var reason: String
    public var decidedAt: Date

    public init(campaign: String, participantNumber: Int, reason: String, decidedAt: Date) {
        self.campaign = campaign
        self.participantNumber = participantNumber
        self.reason = reason
        self.decidedAt = decidedAt
    }
}
