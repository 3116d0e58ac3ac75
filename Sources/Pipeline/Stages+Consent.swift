// Consent (152-FZ): each submission keeps the version of the consent text it agreed to.
import Foundation
import GRDB
import Store

extension Stages {
    /// Records the consent field of `form` with the configured consent text version.
    func recordConsent(_ db: Database, submissionID: Int64, form: FormResult, now: Date) throws {
        guard form.fields.contains(where: { $0.id == "consent" }) else { return }
        // The form reader checks the answer; a form without consent is never a submission.
        let given = !form.errors.contains { $0.code == "consent_not_given" }
        try SubmissionConsent(submissionID: submissionID, consentVersion: config.consentVersion, given: given,
                              recordedAt: now).insert(db)
    }
}
