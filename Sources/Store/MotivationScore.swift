import Foundation
import GRDB

/// One scorer's motivation score (0–10) for a participant application; a later score from
/// the same scorer replaces the earlier one.
public struct MotivationScore: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "motivationScore"
    public var id: Int64?
    public var campaign: String
    public var participantNumber: Int
    /// Lower-cased address (mail) or the name in the CSV's `scorer` column.
    public var scorer: String
    public var score: Int
    public var comment: String?
    /// `mail` or `csv`.
    public var source: String
    public var createdAt: Date

    public init(id: Int64? = nil, campaign: String, participantNumber: Int, scorer: String, score: Int,
                comment: String?, source: String, createdAt: Date) {
        self.id = id
        self.campaign = campaign
        self.participantNumber = participantNumber
        self.scorer = scorer.lowercased()
        self.score = score
        self.comment = comment
        self.source = source
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Inserts the score or replaces the same scorer's earlier one; true when it replaced.
    @discardableResult
    public static func record(_ db: Database, _ row: MotivationScore) throws -> Bool {
        if var existing = try MotivationScore.filter(
            Column("campaign") == row.campaign && Column("participantNumber") == row.participantNumber
                && Column("scorer") == row.scorer).fetchOne(db) {
            existing.score = row.score
            existing.comment = row.comment
            existing.source = row.source
            existing.createdAt = row.createdAt
            try existing.update(db)
            return true
        }
        var new = row
        try new.insert(db)
        return false
    }

    /// Mean score per participant number in a campaign.
    public static func means(_ db: Database, campaign: String) throws -> [Int: Double] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT participantNumber, AVG(score) AS mean FROM motivationScore WHERE campaign = ?
            GROUP BY participantNumber
            """, arguments: [campaign])
        var out: [Int: Double] = [:]
        for row in rows { out[row["participantNumber"]] = row["mean"] }
        return out
    }
}
