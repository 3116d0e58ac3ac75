import Foundation
import GRDB

/// The final meeting as released: its schedule (date, time, link) and the `.ics` SEQUENCE.
public struct MeetingAnnouncement: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "meetingAnnouncement"
    public var campaign: String
    /// `date|time|link` as released; a different one means an update to everyone.
    public var schedule: String
    public var sequence: Int
    public var releasedAt: Date
    public var updatedAt: Date

    public init(campaign: String, schedule: String, sequence: Int = 0, releasedAt: Date, updatedAt: Date) {
        self.campaign = campaign
        self.schedule = schedule
        self.sequence = sequence
        self.releasedAt = releasedAt
        self.updatedAt = updatedAt
    }
}

/// One person who received the final meeting's details, and which version last.
public struct MeetingNotice: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "meetingNotice"
    public var id: Int64?
    public var campaign: String
    public var email: String
    /// `participant`, `host` or `expert`.
    public var role: String
    public var name: String?
    public var sequence: Int
    public var messageID: String
    public var sentAt: Date

    public init(id: Int64? = nil, campaign: String, email: String, role: String, name: String?, sequence: Int,
                messageID: String, sentAt: Date) {
        self.id = id
        self.campaign = campaign
        self.email = email
        self.role = role
        self.name = name
        self.sequence = sequence
        self.messageID = messageID
        self.sentAt = sentAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
