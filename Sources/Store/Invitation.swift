import Foundation
import GRDB

/// An invitation of one participant to one programme, answered ДА/НЕТ by email.
public struct Invitation: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "invitation"
    public var id: Int64?
    public var campaign: String
    public var programmeNumber: Int
    public var participantNumber: Int
    /// `INV-…`, in the subject.
    public var token: String
    /// `pending`, `confirmed`, `declined`, `expired`.
    public var status: String
    public var deadline: Date
    /// The `.ics` SEQUENCE last sent.
    public var sequence: Int
    public var messageID: String?
    public var createdAt: Date
    public var answeredAt: Date?
    /// Hash of the programme details in the last calendar sent (nil: sent before updates were tracked).
    public var detailsHash: String? = nil
    /// A ДА that came after the seat had been passed on: first in line when a seat frees up.
    public var lateYesAt: Date? = nil

    public init(id: Int64? = nil, campaign: String, programmeNumber: Int, participantNumber: Int, token: String,
                status: String = "pending", deadline: Date, sequence: Int = 0, messageID: String? = nil,
                createdAt: Date, answeredAt: Date? = nil) {
        self.id = id
        self.campaign = campaign
        self.programmeNumber = programmeNumber
        self.participantNumber = participantNumber
        self.token = token
        self.status = status
        self.deadline = deadline
        self.sequence = sequence
        self.messageID = messageID
        self.createdAt = createdAt
        self.answeredAt = answeredAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
