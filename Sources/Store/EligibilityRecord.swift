import Foundation
import GRDB

/// The eligibility decision made at intake for one participant application version.
public struct EligibilityRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "eligibility"
    public var submissionID: Int64
    public var campaign: String
    public var participantNumber: Int
    /// `eligible`, `ineligible` or `review`.
    public var outcome: String
    /// JSON array of flag names (`unknown_place`, `declared_distance_far`, …).
    public var flagsJSON: String
    public var settlement: String?
    public var municipality: String?
    public var distanceKm: Double?
    /// The Russian sentence the acknowledgement shows.
    public var sentence: String
    public var decidedAt: Date

    public init(submissionID: Int64, campaign: String, participantNumber: Int, outcome: String, flagsJSON: String,
                settlement: String?, municipality: String?, distanceKm: Double?, sentence: String, decidedAt: Date) {
        self.submissionID = submissionID
        self.campaign = campaign
        self.participantNumber = participantNumber
        self.outcome = outcome
        self.flagsJSON = flagsJSON
        self.settlement = settlement
        self.municipality = municipality
        self.distanceKm = distanceKm
        self.sentence = sentence
        self.decidedAt = decidedAt
    }

    /// The decision for one submission version, if one was made.
    public static func find(_ db: Database, submissionID: Int64) throws -> EligibilityRecord? {
        try EligibilityRecord.fetchOne(db, key: submissionID)
    }
}
