// input:  a participant submission version being recorded by apply (its display fields).
// output: one eligibility row for that version (outcome, flags, distance, sentence) and an
//         audit row, in apply's transaction; plan reads the sentence for the acknowledgement.
// crash:  nothing of its own: it commits or rolls back with apply's batch.
// rerun:  keyed by submission id; an existing decision is left as it is.
import Foundation
import GRDB
import Programme
import Store

extension Stages {
    /// Decides and records the eligibility of a participant application version (no-op
    /// without the place tables, i.e. when the check is not configured).
    func recordEligibility(_ db: Database, submissionID: Int64, number: Int, fields: [String: String],
                           row: InboundMessage, now: Date) throws {
        guard let places = config.places else { return }
        if try EligibilityRecord.find(db, submissionID: submissionID) != nil { return }
        let decision = Eligibility.assess(ParticipantApplication(fields: fields), tables: places,
                                          rules: config.eligibilityRules)
        let record = EligibilityRecord(
            submissionID: submissionID, campaign: config.campaign, participantNumber: number,
            outcome: decision.outcome.rawValue, flagsJSON: JSON.encode(decision.flags.map(\.rawValue)),
            settlement: decision.settlement, municipality: decision.municipality,
            distanceKm: decision.distanceKm, sentence: decision.sentence, decidedAt: now)
        try record.insert(db)
        try AuditEntry.record(db, at: now, cause: row.cause, entity: "eligibility", entityID: submissionID,
                              change: "participant № \(number): \(decision.outcome.rawValue)"
                                  + (decision.flags.isEmpty ? "" : " [\(decision.flags.map(\.rawValue).joined(separator: ", "))]"))
    }

    /// The sentence the acknowledgement of a participant form shows, if a decision exists.
    func eligibilitySentence(_ db: Database, submission: Submission) throws -> String? {
        guard submission.kind == "participant", let id = submission.id else { return nil }
        return try EligibilityRecord.find(db, submissionID: id)?.sentence
    }
}
