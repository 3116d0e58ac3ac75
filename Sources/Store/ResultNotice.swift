import Foundation
import GRDB

/// A result letter queued for a host: what they have been told, and under which decision.
public struct ResultNotice: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "resultNotice"
    public var id: Int64?
    public var campaign: String
    public var programmeNumber: Int
    /// `winner` or `not_selected`.
    public var verdict: String
    /// `result` or `correction`.
    public var kind: String
    public var decisionRevision: Int
    public var outboxMessageID: Int64
    public var createdAt: Date

    public init(id: Int64? = nil, campaign: String, programmeNumber: Int, verdict: String, kind: String,
                decisionRevision: Int, outboxMessageID: Int64, createdAt: Date) {
        self.id = id
        self.campaign = campaign
        self.programmeNumber = programmeNumber
        self.verdict = verdict
        self.kind = kind
        self.decisionRevision = decisionRevision
        self.outboxMessageID = outboxMessageID
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The verdict each programme's host last heard.
    public static func released(_ db: Database, campaign: String) throws -> [Int: String] {
        var heard: [Int: String] = [:]
        for row in try ResultNotice.filter(Column("campaign") == campaign).order(Column("id")).fetchAll(db) {
            heard[row.programmeNumber] = row.verdict
        }
        return heard
    }
}
