// input:  confirmed invitations, the programmes' forms, the final meeting (config), `now`.
// output: reminder, feedback_request, meeting and meeting_reminder outboxMessages with their
//         audit rows; meetingAnnouncement / meetingNotice rows — one transaction per call.
// crash:  all or nothing: a notice is never recorded without its mail, nor the reverse.
// rerun:  every mail has a UNIQUE dedupe key (`reminder:<p>:<n>`, `feedback_request:<p>:<n>`,
//         `meeting:<email>:<sequence>`, `meeting_reminder:<email>:<date>`): nothing twice.
import Foundation
import GRDB
import MailMessage
import Programme
import Rendering
import Store

/// The final meeting as the season mails it (from `[campaign.final_meeting]`).
public struct MeetingPlan: Sendable, Hashable {
    public var day: LocalDay
    public var hour: Int
    public var minute: Int
    public var link: String
    public var agenda: String?
    /// How long the calendar entry lasts.
    public var length: Duration

    public init(day: LocalDay, hour: Int, minute: Int, link: String, agenda: String? = nil,
                length: Duration = .seconds(2 * 3600)) {
        self.day = day
        self.hour = hour
        self.minute = minute
        self.link = link
        self.agenda = agenda
        self.length = length
    }

    /// What identifies a version: a different one is an update with SEQUENCE+1.
    var schedule: String { "\(day)|\(String(format: "%02d:%02d", hour, minute))|\(link)" }
}

/// When the season's mails are due and what the internship day looks like.
public struct SeasonSettings: Sendable, Hashable {
    /// Reminders go this many days before an internship's first day.
    public var reminderDays: Int
    public var dayStart: LocalTime
    public var dayEnd: LocalTime
    /// Nil until the final meeting is in the configuration.
    public var meeting: MeetingPlan?

    public init(reminderDays: Int = 3, dayStart: LocalTime = LocalTime(hour: 10, minute: 0),
                dayEnd: LocalTime = LocalTime(hour: 17, minute: 0), meeting: MeetingPlan? = nil) {
        self.reminderDays = reminderDays
        self.dayStart = dayStart
        self.dayEnd = dayEnd
        self.meeting = meeting
    }
}

/// A wall-clock time of day.
public struct LocalTime: Sendable, Hashable {
    public var hour: Int
    public var minute: Int
    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }
    var text: String { String(format: "%02d:%02d", hour, minute) }
}

/// What one season pass queued.
public struct SeasonMailReport: Sendable, Hashable {
    public var reminders = 0
    public var feedbackRequests = 0
    /// First meeting mails (at release, or to late confirmers).
    public var meetingAnnouncements = 0
    /// Updated meeting mails after a change of date, time or link.
    public var meetingUpdates = 0
    public var meetingReminders = 0
    public init() {}

    public var total: Int { reminders + feedbackRequests + meetingAnnouncements + meetingUpdates + meetingReminders }
}

/// The season after the invitations: reminders, feedback requests, the final meeting.
public struct SeasonDesk {
    public var store: Store
    public var campaign: String
    public var campaignTitle: String
    public var config: PipelineConfig
    public var templates: TemplateSet
    public var settings: SeasonSettings
    /// The blank feedback form (mail-templates/forms/feedback.txt), pre-filled per person.
    public var blankFeedbackForm: String
    /// Named in the audit rows (`command:run`, `command:meeting announce`).
    public var cause = "command:run"

    public init(store: Store, campaignTitle: String, config: PipelineConfig, templates: TemplateSet,
                settings: SeasonSettings, blankFeedbackForm: String) {
        self.store = store
        self.campaign = config.campaign
        self.campaignTitle = campaignTitle
        self.config = config
        self.templates = templates
        self.settings = settings
        self.blankFeedbackForm = blankFeedbackForm
    }

    /// Everything due at `now` (the step `internships run` takes after plan): reminders and
    /// feedback requests to the confirmed; once the meeting is announced, its mail to anyone
    /// who confirmed since, updates after a change, and the reminder the day before.
    public func pass(now: Date) throws -> SeasonMailReport {
        try store.pool.write { db in
            var report = SeasonMailReport()
            try queueSeasonMails(db, now: now, into: &report)
            if let meeting = settings.meeting,
               try MeetingAnnouncement.fetchOne(db, key: campaign) != nil {
                try queueMeeting(db, meeting: meeting, now: now, into: &report)
            }
            return report
        }
    }

    // MARK: reminders and feedback requests

    func confirmedSeats(_ db: Database) throws -> [ConfirmedSeat] {
        let details = try ParticipantDesk(store: store, campaign: campaign).programmeDetails(db)
        return try Invitation.filter(Column("campaign") == campaign && Column("status") == "confirmed")
            .order(Column("programmeNumber"), Column("participantNumber")).fetchAll(db)
            .compactMap { invitation in
                let days = (details[invitation.programmeNumber]?.days ?? []).compactMap(LocalDay.init(iso:)).sorted()
                guard let first = days.first, let last = days.last else { return nil }
                return ConfirmedSeat(programme: invitation.programmeNumber, participant: invitation.participantNumber,
                                     firstDay: first, lastDay: last)
            }
    }

    private func queueSeasonMails(_ db: Database, now: Date, into report: inout SeasonMailReport) throws {
        let seats = try confirmedSeats(db)
        let due = SeasonRules.due(seats: seats, today: LocalDay(now, in: config.timeZone),
                                  reminderDays: settings.reminderDays)
        guard !due.isEmpty else { return }
        let details = try ParticipantDesk(store: store, campaign: campaign).programmeDetails(db)
        for mail in due {
            if try OutboxMessage.exists(db, dedupeKey: mail.dedupeKey) { continue }
            guard let person = try Participant.filter(Column("campaign") == campaign && Column("number") == mail.participant)
                    .fetchOne(db),
                  let detail = details[mail.programme] else { continue }
            let dates = detail.days.compactMap(LocalDay.init(iso:)).sorted().map(Self.russian).joined(separator: ", ")
            var context: [String: TemplateValue] = [
                "campaign": .text(campaignTitle), "name": .optional(person.fullName), "number": .number(mail.participant),
                "programme": .number(mail.programme), "program_title": .text(detail.title), "dates": .text(dates),
            ]
            switch mail.kind {
            case .reminder:
                context["time_from"] = .text(settings.dayStart.text)
                context["time_to"] = .text(settings.dayEnd.text)
                context["address"] = .text(detail.address)
                context["host"] = .text(detail.host)
                context["contact"] = .text(detail.contact)
                if try queue(db, template: "reminder", context: context, to: person.email, name: person.fullName,
                             dedupeKey: mail.dedupeKey, now: now) != nil { report.reminders += 1 }
            case .feedbackRequest:
                let token = Self.feedbackToken(programme: mail.programme, participant: mail.participant)
                context["token"] = .text(token)
                context["form_text"] = .text(FeedbackForm.prefilled(blank: blankFeedbackForm, participant: mail.participant,
                                                                    programme: mail.programme, title: detail.title))
                if try queue(db, template: "feedback_request", context: context, to: person.email, name: person.fullName,
                             dedupeKey: mail.dedupeKey, now: now) != nil { report.feedbackRequests += 1 }
            }
        }
    }

    /// `FB-<programme>-<participant>`: in the request's subject, so a reply names the programme.
    static func feedbackToken(programme: Int, participant: Int) -> String { "FB-\(programme)-\(participant)" }

    static func russian(_ day: LocalDay) -> String {
        RussianText.date(year: day.year, month: day.month, day: day.day) ?? day.description
    }

    var domain: String { NoticeComposer.domain(config) }

    /// Renders `template` and queues it to one person; returns the Message-ID.
    @discardableResult
    func queue(_ db: Database, template: String, context: [String: TemplateValue], to address: String, name: String?,
               dedupeKey: String, calendar: OutgoingCalendar? = nil, now: Date) throws -> String? {
        // An erased person (`forget`) has no address left: nothing goes to them any more.
        guard address.contains("@"), !address.hasPrefix("forgotten") else { return nil }
        return try NoticeComposer.queue(
            db, config: config, templates: templates, template: template, context: context, to: address,
            dedupeKey: dedupeKey, calendar: calendar, cause: cause,
            change: "queued \(template) (\(dedupeKey.split(separator: ":").prefix(1).joined()))", now: now).messageID
    }
}
