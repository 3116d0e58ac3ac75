// input:  an `rsvp` submission being recorded by apply, and its inbound row (subject token
//         [INV-…], or In-Reply-To/References naming an invitation's Message-ID).
// output: the matched invitation moved — pending → confirmed/declined; confirmed → declined
//         (a cancellation frees the seat); a ДА after the deadline or after a НЕТ confirms
//         when the seat is still free, otherwise waits (lateYesAt) for the next freed seat —
//         and an audit row, in apply's transaction; plan reads the invitation back for the
//         acknowledgement.
// crash:  nothing of its own: it commits or rolls back with apply's batch.
// rerun:  apply records each inbound message once (submission.inboundMessageID is UNIQUE).
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

    /// Records ДА / НЕТ on the invitation it answers.
    func recordRSVP(_ db: Database, fields: [String: String], row: InboundMessage, now: Date) throws {
        guard var invitation = try invitation(answeredBy: row, db), let answer = fields["answer"] else { return }
        let yes = answer == "да"
        let before = invitation.status
        switch (invitation.status, yes) {
        case ("pending", _):
            invitation.status = yes ? "confirmed" : "declined"
            invitation.answeredAt = now
        case ("confirmed", false):
            invitation.status = "declined"
            invitation.answeredAt = now
        case ("expired", true), ("declined", true):
            // Someone holding a seat elsewhere waits: the invitation pass applies K.
            if try seatIsFree(db, programme: invitation.programmeNumber),
               try holdsNoOtherSeat(db, participant: invitation.participantNumber, programme: invitation.programmeNumber) {
                invitation.status = "confirmed"
                invitation.answeredAt = now
                invitation.lateYesAt = nil
            } else {
                invitation.lateYesAt = invitation.lateYesAt ?? now
            }
        case ("expired", false), ("declined", false):
            invitation.lateYesAt = nil
        default:
            return // ДА again on a confirmed seat: nothing changes
        }
        try invitation.update(db)
        let change = invitation.status != before ? "\(before) -> \(invitation.status) by reply"
            : invitation.lateYesAt != nil ? "late ДА: the seat is taken, waits for a freed seat" : "\(answer) by reply, no change"
        try AuditEntry.record(db, at: now, cause: row.cause, entity: "invitation", entityID: invitation.id, change: change)
    }

    /// Fewer pending or confirmed invitations on the programme than its seats.
    func seatIsFree(_ db: Database, programme: Int) throws -> Bool {
        let seats = try ParticipantDesk(store: store, campaign: config.campaign).programmeDetails(db)[programme]?.seats ?? 0
        let taken = try Invitation.filter(Column("campaign") == config.campaign && Column("programmeNumber") == programme
                                          && ["pending", "confirmed"].contains(Column("status"))).fetchCount(db)
        return taken < seats
    }

    /// No pending or confirmed invitation on another programme.
    func holdsNoOtherSeat(_ db: Database, participant: Int, programme: Int) throws -> Bool {
        try Invitation.filter(Column("campaign") == config.campaign && Column("participantNumber") == participant
                              && Column("programmeNumber") != programme
                              && ["pending", "confirmed"].contains(Column("status"))).fetchCount(db) == 0
    }

    /// What the acknowledgement says about an answered invitation: attending (confirmed),
    /// not attending, or late (a ДА that waits because the seat went to the reserve).
    static func rsvpOutcome(_ invitation: Invitation, answer: String?) -> (attending: Bool?, late: Bool) {
        switch invitation.status {
        case "confirmed": return (true, false)
        case "pending": return (answer.map { $0 == "да" }, false)
        default: return invitation.lateYesAt != nil && answer == "да" ? (nil, true) : (false, false)
        }
    }
}
