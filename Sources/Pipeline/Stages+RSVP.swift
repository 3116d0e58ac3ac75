// input:  an `rsvp` submission being recorded by apply, and its inbound row (subject token
//         [INV-…], or In-Reply-To/References naming an invitation's Message-ID).
// output: the matched pending invitation confirmed or declined (answeredAt), an audit row —
//         in apply's transaction; plan reads the invitation back for the acknowledgement.
// crash:  nothing of its own: it commits or rolls back with apply's batch.
// rerun:  only a pending invitation changes; an answered or expired one is left as it is.
import Foundation
import Forms
import GRDB
import Store

extension Stages {
    /// The invitation a reply answers: a subject token first, then the thread's Message-IDs.
    func invitation(answeredBy row: InboundMessage, _ db: Database) throws -> Invitation? {
        for token in RSVPReader().tokens(inSubject: row.subject) {
            if let found = try Invitation.filter(Column("token") == token).fetchOne(db) { return found }
        }
        let references = JSON.decode([String].self, row.referencesJSON) ?? []
        for id in references.reversed() {
            if let found = try Invitation.filter(Column("messageID") == id).fetchOne(db) { return found }
        }
        return nil
    }

    /// Records ДА / НЕТ on the invitation it answers (pending only: a late answer to an
    /// expired invitation is acknowledged but the seat has gone to the reserve).
    func recordRSVP(_ db: Database, fields: [String: String], row: InboundMessage, now: Date) throws {
        guard var invitation = try invitation(answeredBy: row, db), invitation.status == "pending",
              let answer = fields["answer"] else { return }
        invitation.status = answer == "да" ? "confirmed" : "declined"
        invitation.answeredAt = now
        try invitation.update(db)
        try AuditEntry.record(db, at: now, cause: row.cause, entity: "invitation", entityID: invitation.id,
                              change: "\(invitation.status) by reply")
    }
}
