import Foundation
import GRDB

/// One revision of the coordinators' decision (`programmes decide`); the newest counts.
public struct ReviewDecision: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "reviewDecision"
    public var id: Int64?
    public var campaign: String
    public var revision: Int
    /// The rule as typed, e.g. `winners 5`.
    public var rule: String
    /// The winning application numbers, a JSON array.
    public var winnersJSON: String
    public var createdAt: Date

    public init(id: Int64? = nil, campaign: String, revision: Int, rule: String, winners: [Int], createdAt: Date) {
        self.id = id
        self.campaign = campaign
        self.revision = revision
        self.rule = rule
        self.winnersJSON = "[" + winners.sorted().map(String.init).joined(separator: ",") + "]"
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    public var winners: [Int] {
        (try? JSONDecoder().decode([Int].self, from: Data(winnersJSON.utf8))) ?? []
    }

    public static func latest(_ db: Database, campaign: String) throws -> ReviewDecision? {
        try ReviewDecision.filter(Column("campaign") == campaign).order(Column("revision").desc).fetchOne(db)
    }

    /// Records the next revision and its audit row.
    public static func record(_ db: Database, campaign: String, rule: String, winners: [Int], now: Date) throws -> ReviewDecision {
        let revision = (try latest(db, campaign: campaign)?.revision ?? 0) + 1
        var row = ReviewDecision(campaign: campaign, revision: revision, rule: rule, winners: winners, createdAt: now)
        try row.insert(db)
        try AuditEntry.record(db, at: now, cause: "command:programmes-decide", entity: "reviewDecision",
                              entityID: row.id, change: "revision \(revision): \(rule) -> \(row.winnersJSON)")
        return row
    }
}
