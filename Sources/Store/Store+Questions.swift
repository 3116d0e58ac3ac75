// Questions for `internships question answered ID` (the digest lists open ones with that command).
import Foundation
import GRDB

extension Store {
    /// Marks a question answered (the coordinator replied by mail); writes an audit row.
    /// Answering it again changes nothing and returns the row as it is.
    @discardableResult
    public func questionAnswered(id: Int64, now: Date) throws -> Question {
        try pool.write { db in
            guard var row = try Question.fetchOne(db, key: id) else {
                throw StoreError.notFound(entity: "question", id: id)
            }
            if row.answeredAt != nil { return row }
            row.answeredAt = now
            try row.update(db)
            try AuditEntry.record(db, at: now, cause: "command:question-answered", entity: "question", entityID: id,
                                  change: "answered")
            return row
        }
    }
}
