import Foundation
import GRDB

/// A message from a person with no form: a question the coordinators answer (digest lists it).
public struct Question: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "question"
    public var id: Int64?
    public var inboundMessageID: Int64
    public var sender: String
    public var subject: String?
    public var createdAt: Date
    public var answeredAt: Date?

    public init(id: Int64? = nil, inboundMessageID: Int64, sender: String, subject: String?,
                createdAt: Date, answeredAt: Date? = nil) {
        self.id = id
        self.inboundMessageID = inboundMessageID
        self.sender = sender
        self.subject = subject
        self.createdAt = createdAt
        self.answeredAt = answeredAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Questions not answered yet, oldest first.
    public static func open(_ db: Database) throws -> [Question] {
        try Question.filter(Column("answeredAt") == nil).order(Column("id")).fetchAll(db)
    }
}
