// input:  the final meeting (config), confirmed invitations, the selection's hosts, the
//         experts, the meeting's announcement and notices so far, `now`.
// output: `meeting` mails with an `.ics` (one UID per campaign, SEQUENCE = the version) to
//         everyone who has not got the current version, `meeting_reminder` the day before;
//         meetingAnnouncement / meetingNotice rows — inside the caller's transaction.
// crash:  all or nothing with the caller's transaction.
// rerun:  a notice records the version each person got and the dedupe keys are UNIQUE, so
//         nobody gets the same version or reminder twice.
import Foundation
import GRDB
import MailMessage
import Programme
import Rendering
import Store

/// Someone the final meeting's details go to.
public struct MeetingRecipient: Sendable, Hashable {
    public var email: String
    /// `participant`, `host` or `expert`.
    public var role: String
    public var name: String?
}

/// What `meeting announce` would send, for the coordinator to read before `--release`.
public struct MeetingPreview: Sendable {
    public var released: Bool
    public var recipients: [MeetingRecipient]
    /// Those who already have the current version.
    public var alreadySent: Int
    public var subject: String
    public var text: String
}

extension SeasonDesk {
    /// Every confirmed participant, the host of every programme in the released selection,
    /// and every expert — once per address, in that order of precedence.
    func meetingRecipients(_ db: Database) throws -> [MeetingRecipient] {
        var out: [MeetingRecipient] = []
        var seen = Set<String>()
        func add(_ email: String, _ role: String, _ name: String?) {
            let address = email.lowercased()
            guard address.contains("@"), !address.hasPrefix("forgotten"), seen.insert(address).inserted else { return }
            out.append(MeetingRecipient(email: address, role: role, name: name))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT DISTINCT pt.email, pt.fullName FROM invitation i
            JOIN participant pt ON pt.campaign = i.campaign AND pt.number = i.participantNumber
            WHERE i.campaign = ? AND i.status = 'confirmed' ORDER BY pt.number
            """, arguments: [campaign]) {
            add(row["email"], "participant", row["fullName"])
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT s.sender, s.fieldsJSON FROM programme p JOIN submission s ON s.id = p.submissionID
            WHERE p.campaign = ? AND p.number IN
              (SELECT programmeNumber FROM placement WHERE campaign = ? AND releasedAt IS NOT NULL)
            ORDER BY p.number
            """, arguments: [campaign, campaign]) {
            let fields = JSON.decode([String: String].self, row["fieldsJSON"]) ?? [:]
            add(fields["email"] ?? row["sender"], "host", fields["contact_person"])
        }
        for expert in config.experts { add(expert, "expert", nil) }
        return out
    }

    /// What a release would send now (nothing is stored).
    public func meetingPreview(now: Date) throws -> MeetingPreview {
        guard let meeting = settings.meeting else { throw Self.noMeeting }
        return try store.pool.read { db in
            let recipients = try meetingRecipients(db)
            let announcement = try MeetingAnnouncement.fetchOne(db, key: campaign)
            let current = announcement.map { $0.schedule == meeting.schedule ? $0.sequence : $0.sequence + 1 } ?? 0
            let notices = try MeetingNotice.filter(Column("campaign") == campaign && Column("sequence") >= current).fetchCount(db)
            let mail = try render("meeting", meetingContext(meeting, name: recipients.first?.name, updated: current > 0))
            return MeetingPreview(released: announcement != nil, recipients: recipients, alreadySent: notices,
                                  subject: mail.subject, text: mail.text)
        }
    }

    /// Releases the meeting (`meeting announce --release`): records it and queues its mail to
    /// everyone who has not got the current version. Later runs send it to late confirmers.
    public func announceMeeting(now: Date) throws -> SeasonMailReport {
        guard let meeting = settings.meeting else { throw Self.noMeeting }
        var desk = self
        desk.cause = "command:meeting announce"
        return try desk.release(meeting, now: now)
    }

    private func release(_ meeting: MeetingPlan, now: Date) throws -> SeasonMailReport {
        try store.pool.write { db in
            if try MeetingAnnouncement.fetchOne(db, key: campaign) == nil {
                try MeetingAnnouncement(campaign: campaign, schedule: meeting.schedule, releasedAt: now, updatedAt: now).insert(db)
                try AuditEntry.record(db, at: now, cause: cause, entity: "meetingAnnouncement",
                                      entityID: nil, change: "released \(meeting.schedule)")
            }
            var report = SeasonMailReport()
            try queueMeeting(db, meeting: meeting, now: now, into: &report)
            return report
        }
    }

    static let noMeeting = PipelineError.configuration(
        "no final meeting in the configuration — add [campaign.final_meeting] with date, time and link")

    func meetingStart(_ meeting: MeetingPlan) -> Date? {
        meeting.day.at(hour: meeting.hour, minute: meeting.minute, in: config.timeZone)
    }

    /// Brings every recipient to the current version, then the reminder when it is due.
    func queueMeeting(_ db: Database, meeting: MeetingPlan, now: Date, into report: inout SeasonMailReport) throws {
        guard var announcement = try MeetingAnnouncement.fetchOne(db, key: campaign),
              let start = meetingStart(meeting), SeasonRules.meetingAhead(start: start, now: now) else { return }
        if announcement.schedule != meeting.schedule {
            announcement.schedule = meeting.schedule
            announcement.sequence += 1
            announcement.updatedAt = now
            try announcement.update(db)
            try AuditEntry.record(db, at: now, cause: cause, entity: "meetingAnnouncement", entityID: nil,
                                  change: "changed to \(meeting.schedule), SEQUENCE \(announcement.sequence)")
        }
        let sequence = announcement.sequence
        var notices = Dictionary(try MeetingNotice.filter(Column("campaign") == campaign).fetchAll(db).map { ($0.email, $0) },
                                 uniquingKeysWith: { a, _ in a })
        // Updates first: everyone who got an older version.
        for var notice in notices.values.sorted(by: { ($0.id ?? 0) < ($1.id ?? 0) }) where notice.sequence < sequence {
            let key = "meeting:\(notice.email):\(sequence)"
            if try !OutboxMessage.exists(db, dedupeKey: key) {
                if let id = try queueMeetingMail(db, meeting, to: notice.email, name: notice.name, sequence: sequence,
                                                 updated: true, key: key, now: now) {
                    notice.messageID = id
                    report.meetingUpdates += 1
                }
            }
            notice.sequence = sequence
            try notice.update(db)
            notices[notice.email] = notice
        }
        // Then whoever has none yet (the release, or confirmed since).
        for recipient in try meetingRecipients(db) where notices[recipient.email] == nil {
            let key = "meeting:\(recipient.email):\(sequence)"
            guard try !OutboxMessage.exists(db, dedupeKey: key) else { continue }
            guard let messageID = try queueMeetingMail(db, meeting, to: recipient.email, name: recipient.name,
                                                       sequence: sequence, updated: false, key: key, now: now) else { continue }
            var notice = MeetingNotice(campaign: campaign, email: recipient.email, role: recipient.role, name: recipient.name,
                                       sequence: sequence, messageID: messageID, sentAt: now)
            try notice.insert(db)
            notices[recipient.email] = notice
            report.meetingAnnouncements += 1
        }
        // The day before: a reminder to everyone who got the details before that day began.
        if SeasonRules.meetingReminderDue(start: start, now: now) {
            let windowStart = start.addingTimeInterval(-86_400)
            for notice in notices.values.sorted(by: { ($0.id ?? 0) < ($1.id ?? 0) }) where notice.sentAt < windowStart {
                let key = "meeting_reminder:\(notice.email):\(meeting.day)"
                if try OutboxMessage.exists(db, dedupeKey: key) { continue }
                if try queue(db, template: "meeting_reminder", context: meetingContext(meeting, name: notice.name, updated: false),
                             to: notice.email, name: notice.name, dedupeKey: key, now: now) != nil {
                    report.meetingReminders += 1
                }
            }
        }
    }

    func meetingContext(_ meeting: MeetingPlan, name: String?, updated: Bool) -> [String: TemplateValue] {
        [
            "campaign": .text(campaignTitle), "name": .optional(name), "date": .text(Self.russian(meeting.day)),
            "time": .text(String(format: "%02d:%02d", meeting.hour, meeting.minute)), "link": .text(meeting.link),
            "agenda": .optional(meeting.agenda), "updated": .flag(updated),
        ]
    }

    func render(_ template: String, _ context: [String: TemplateValue]) throws -> RenderedMail {
        do {
            return try templates.render(template, context: context)
        } catch {
            throw PipelineError.configuration("template \(template) failed to render: \(error) — check the templates folder")
        }
    }

    private func queueMeetingMail(_ db: Database, _ meeting: MeetingPlan, to email: String, name: String?, sequence: Int,
                                  updated: Bool, key: String, now: Date) throws -> String? {
        let start = DateComponents(year: meeting.day.year, month: meeting.day.month, day: meeting.day.day,
                                   hour: meeting.hour, minute: meeting.minute)
        let endMinutes = meeting.hour * 60 + meeting.minute + Int(meeting.length.components.seconds / 60)
        let end = DateComponents(year: meeting.day.year, month: meeting.day.month, day: meeting.day.day,
                                 hour: min(23, endMinutes / 60), minute: endMinutes >= 24 * 60 ? 59 : endMinutes % 60)
        let slug = campaign.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        let ics = InvitationCalendar.text(InvitationEvent(
            uid: "\(slug)-final-meeting@\(domain)", sequence: sequence, start: start, end: end,
            summary: "Итоговая онлайн-встреча: \(campaignTitle)", location: meeting.link,
            description: [meeting.agenda, "Ссылка: \(meeting.link)"].compactMap { $0 }.joined(separator: "\n"),
            organizerEmail: config.programmeAddress, organizerName: config.programmeName,
            attendeeEmail: email, attendeeName: name, alarmBefore: .seconds(3600)), stamp: now)
        return try queue(db, template: "meeting", context: meetingContext(meeting, name: name, updated: updated), to: email,
                         name: name, dedupeKey: key, calendar: OutgoingCalendar(method: "REQUEST", text: ics), now: now)
    }
}
