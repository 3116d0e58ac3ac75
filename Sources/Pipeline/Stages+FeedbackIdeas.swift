// input:  a `feedback` or `idea` submission being recorded by apply, and its inbound row
//         (the subject token [FB-<programme>-<participant>] of a feedback request).
// output: the typed `feedback` row (participant, programme, ratings, texts) or `idea` row
//         (author, role, organisation, title, text) — in apply's transaction.
// crash:  nothing of its own: it commits or rolls back with apply's batch.
// rerun:  apply records a message once (submission.inboundMessageID is UNIQUE); a newer
//         version replaces the typed row of the same participant and programme / idea.
import Foundation
import GRDB
import Store

extension Stages {
    /// `[FB-2-17]` in a subject → (programme 2, participant 17).
    static func feedbackToken(inSubject subject: String?) -> (programme: Int, participant: Int)? {
        guard let subject, let range = subject.range(of: "FB-", options: .caseInsensitive) else { return nil }
        let body = subject[range.upperBound...].prefix { $0.isNumber || $0 == "-" }
        let parts = body.split(separator: "-").compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    /// Records a feedback form against the participant who sent it and the programme their
    /// request named (subject token), else their only confirmed programme without feedback.
    func recordFeedback(_ db: Database, submission: Submission, fields: [String: String], row: InboundMessage,
                        now: Date) throws {
        let campaign = config.campaign
        let token = Self.feedbackToken(inSubject: row.subject)
        let byAddress = try Participant.filter(Column("campaign") == campaign && Column("email") == submission.sender)
            .fetchOne(db)?.number
        let number = byAddress ?? token?.participant ?? Int((fields["application_number"] ?? "").filter(\.isNumber))
        guard let number, number > 0 else { return }
        var programme = token?.participant == number ? token?.programme : nil
        if programme == nil {
            let confirmed = try Int.fetchAll(db, sql: """
                SELECT programmeNumber FROM invitation WHERE campaign = ? AND participantNumber = ? AND status = 'confirmed'
                  AND programmeNumber NOT IN (SELECT programmeNumber FROM feedback
                                              WHERE campaign = ? AND participantNumber = ? AND programmeNumber IS NOT NULL)
                ORDER BY programmeNumber
                """, arguments: [campaign, number, campaign, number])
            programme = confirmed.first
        }
        func int(_ id: String) -> Int? { Int((fields[id] ?? "").filter(\.isNumber)) }
        let replaced = try Feedback.record(db, Feedback(
            campaign: campaign, submissionID: submission.id ?? 0, participantNumber: number, programmeNumber: programme,
            programRating: int("program_rating"), competenceBefore: int("competence_before"),
            competenceAfter: int("competence_after"), useful: fields["useful"], willApply: fields["will_apply"],
            suggestions: fields["suggestions"], createdAt: now))
        try AuditEntry.record(db, at: now, cause: row.cause, entity: "feedback", entityID: submission.id,
                              change: "feedback № \(number) on programme \(programme.map(String.init) ?? "?")\(replaced ? " (replaces)" : "")")
    }

    /// Records an idea with its author: a participant (their organisation from their
    /// application), a host (their programme's organisation) or someone else.
    func recordIdea(_ db: Database, submission: Submission, fields: [String: String], row: InboundMessage,
                    now: Date) throws {
        let campaign = config.campaign
        let sender = submission.sender
        var role = Idea.Role.other
        var name: String? = nil
        var organisation: String? = nil
        if let person = try Row.fetchOne(db, sql: """
            SELECT pt.fullName, s.fieldsJSON FROM participant pt JOIN submission s ON s.id = pt.submissionID
            WHERE pt.campaign = ? AND pt.email = ?
            """, arguments: [campaign, sender]) {
            role = .participant
            name = person["fullName"]
            organisation = JSON.decode([String: String].self, person["fieldsJSON"])?["organization"]
        } else {
            for host in try Row.fetchAll(db, sql: """
                SELECT s.sender, s.fieldsJSON FROM programme p JOIN submission s ON s.id = p.submissionID
                WHERE p.campaign = ? ORDER BY p.number
                """, arguments: [campaign]) {
                let hostFields = JSON.decode([String: String].self, host["fieldsJSON"]) ?? [:]
                let addresses = [host["sender"] as String?, hostFields["email"]].compactMap { $0?.lowercased() }
                if addresses.contains(sender.lowercased()) {
                    role = .host
                    name = hostFields["contact_person"]
                    organisation = hostFields["organization"]
                    break
                }
            }
        }
        try Idea.record(db, Idea(
            campaign: campaign, number: submission.number, submissionID: submission.id ?? 0, authorEmail: sender,
            authorName: name ?? fields["contact"], authorRole: role, organisation: organisation,
            title: fields["title"] ?? "", text: fields["description"] ?? "", partners: fields["partners"],
            needs: fields["needs"], contact: fields["contact"], createdAt: now))
        try AuditEntry.record(db, at: now, cause: row.cause, entity: "idea", entityID: submission.id,
                              change: "idea № \(submission.number) from a \(role.rawValue)")
    }
}

extension Stages {
    /// The acknowledgement names the participant's application and the programme.
    func describeFeedback(_ content: inout ReplyContent, submission: Submission, _ db: Database) throws {
        guard let feedback = try Feedback.filter(Column("submissionID") == submission.id).fetchOne(db) else { return }
        content.number = feedback.participantNumber
        if let programme = feedback.programmeNumber {
            content.programTitle = try String.fetchOne(db, sql: "SELECT title FROM programme WHERE campaign = ? AND number = ?",
                                                       arguments: [config.campaign, programme])
        }
    }
}
