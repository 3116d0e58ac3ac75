import Foundation
import GRDB

/// The consent a submission gave and the version of the consent text it agreed to (152-FZ
/// art. 9: the operator proves consent, so the wording's version is kept with each form).
public struct SubmissionConsent: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "submissionConsent"
    public var submissionID: Int64
    public var consentVersion: String
    public var given: Bool
    public var recordedAt: Date

    public init(submissionID: Int64, consentVersion: String, given: Bool, recordedAt: Date) {
        self.submissionID = submissionID
        self.consentVersion = consentVersion
        self.given = given
        self.recordedAt = recordedAt
    }
}
