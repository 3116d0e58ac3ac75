// Erasure of the season's rows (feedback texts, idea authors, meeting recipients): called by
// `forget` inside its transaction, with the erased submissions and addresses.
import GRDB

extension Store {
    static func eraseSeason(_ db: Database, submissionIDs: [Int64], addresses subjects: String) throws {
        for id in submissionIDs {
            try db.execute(sql: "UPDATE feedback SET useful = NULL, willApply = NULL, suggestions = NULL WHERE submissionID = ?",
                           arguments: [id])
            try db.execute(sql: """
                UPDATE idea SET authorEmail = 'forgotten', authorName = NULL, contact = NULL WHERE submissionID = ?
                """, arguments: [id])
        }
        try db.execute(sql: """
            UPDATE idea SET authorEmail = 'forgotten', authorName = NULL, contact = NULL WHERE lower(authorEmail) IN \(subjects)
            """)
        try db.execute(sql: "UPDATE meetingNotice SET email = 'forgotten:' || id, name = NULL WHERE email IN \(subjects)")
    }
}
