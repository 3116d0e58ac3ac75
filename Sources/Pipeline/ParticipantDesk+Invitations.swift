// input:  the released selection (placement), invitations so far, programme forms, `now`.
// output: expired invitations; new invitation rows, each with an `invitation` outboxMessage
//         (subject token [INV-…], .ics REQUEST with a stable UID); seats given to a late ДA
//         (`invitation_confirmed`); an `invitation_update` (same UID, SEQUENCE+1) to the
//         invited and confirmed when a programme's dates or address changed; each host's
//         confirmed list when it changed — one transaction.
// crash:  all or nothing: an invitation is never recorded without its mail, nor the reverse.
// rerun:  InvitationRules is a fixed point once its actions are applied, and the dedupe key
//         `invitation:<programme>:<participant>:<sequence>` is UNIQUE: nothing is sent twice.
import Foundation
import MailTransport
import GRDB
import MailMessage
import Programme
import Rendering
import Store

/// What one invitation pass did.
public struct InvitationReport: Sendable, Hashable {
    public var invited = 0
    public var expired = 0
    /// Hosts whose confirmed list changed and was queued to them.
    public var hostLists = 0
    /// Late ДА answers given a freed seat.
    public var lateConfirmed = 0
    /// Updated invitations (dates or address changed).
    public var updated = 0
    public init(invited: Int = 0, expired: Int = 0, hostLists: Int = 0, lateConfirmed: Int = 0, updated: Int = 0) {
        self.invited = invited
        self.expired = expired
        self.hostLists = hostLists
        self.lateConfirmed = lateConfirmed
        self.updated = updated
    }
}

/// When invitations are answered and when an internship day runs.
public struct InvitationSettings: Sendable, Hashable {
    public var answerWithin: Duration
    public var maxPerPerson: Int
    public var dayStart: (hour: Int, minute: Int)
    public var dayEnd: (hour: Int, minute: Int)
    public init(answerWithin: Duration = .seconds(5 * 86_400), maxPerPerson: Int = 1,
                dayStart: (hour: Int, minute: Int) = (10, 0), dayEnd: (hour: Int, minute: Int) = (17, 0)) {
        self.answerWithin = answerWithin
        self.maxPerPerson = maxPerPerson
        self.dayStart = dayStart
        self.dayEnd = dayEnd
    }
    public static func == (a: Self, b: Self) -> Bool {
        a.answerWithin == b.answerWithin && a.maxPerPerson == b.maxPerPerson && a.dayStart == b.dayStart && a.dayEnd == b.dayEnd
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(answerWithin)
        hasher.combine(maxPerPerson)
    }
}

extension ParticipantDesk {
    /// Expires silent invitations past their deadline and invites whoever is next for every
    /// free seat (`participants invite`, also safe to run from cron after `run`).
    /// - Throws: `PipelineError.notYet` before the selection is released.
    public func invite(templates: TemplateSet, campaignTitle: String, config: PipelineConfig,
                       settings: InvitationSettings, now: Date,
                       cause: String = "command:participants invite") throws -> InvitationReport {
        try store.pool.write { db in
            let placements = try Placement.filter(Column("campaign") == campaign && Column("releasedAt") != nil)
                .order(Column("programmeNumber"), Column("status").desc, Column("rank")).fetchAll(db)
            guard !placements.isEmpty else {
                throw PipelineError.notYet("the selection for \(campaign) is not released — run `internships mail release selection` first")
            }
            var queue: [Int: [Int]] = [:]
            for p in placements { queue[p.programmeNumber, default: []].append(p.participantNumber) }
            let details = try programmeDetails(db)
            var seats: [Int: Int] = [:]
            for programme in queue.keys { seats[programme] = details[programme]?.seats ?? 0 }
            var invitations = try Invitation.filter(Column("campaign") == campaign).fetchAll(db)
            let states = invitations.map {
                InvitationState(programme: $0.programmeNumber, participant: $0.participantNumber,
                                status: InvitationState.Status(rawValue: $0.status) ?? .pending, deadline: $0.deadline,
                                lateYes: $0.lateYesAt != nil)
            }
            let actions = InvitationRules.actions(invitations: states, reserve: queue, seats: seats, now: now,
                                                  answerWithin: settings.answerWithin, maxPerPerson: settings.maxPerPerson)
            var report = InvitationReport()
            for action in actions {
                switch action {
                case .expire(let programme, let participant):
                    guard let index = invitations.firstIndex(where: {
                        $0.programmeNumber == programme && $0.participantNumber == participant
                    }) else { continue }
                    invitations[index].status = "expired"
                    try invitations[index].update(db)
                    try AuditEntry.record(db, at: now, cause: cause, entity: "invitation",
                                          entityID: invitations[index].id, change: "expired: no answer by the deadline")
                    report.expired += 1
                case .invite(let programme, let participant, let deadline):
                    try queueInvitation(db, programme: programme, participant: participant, deadline: deadline,
                                        detail: details[programme], templates: templates, campaignTitle: campaignTitle,
                                        config: config, settings: settings, now: now, cause: cause)
                    report.invited += 1
                case .confirmLate(let programme, let participant):
                    guard let index = invitations.firstIndex(where: {
                        $0.programmeNumber == programme && $0.participantNumber == participant
                    }), let detail = details[programme] else { continue }
                    invitations[index].status = "confirmed"
                    invitations[index].answeredAt = now
                    invitations[index].lateYesAt = nil
                    // A new calendar for the same event: the next SEQUENCE (RFC 5545 §3.8.7.4).
                    invitations[index].sequence += 1
                    try invitations[index].update(db)
                    try AuditEntry.record(db, at: now, cause: cause, entity: "invitation", entityID: invitations[index].id,
                                          change: "confirmed: a seat freed up for a late ДА")
                    try queueInvitationMail(db, invitation: &invitations[index], template: "invitation_confirmed", detail: detail,
                                            templates: templates, campaignTitle: campaignTitle, config: config,
                                            settings: settings, now: now, cause: cause)
                    report.lateConfirmed += 1
                }
            }
            report.updated = try queueInvitationUpdates(db, details: details, templates: templates, campaignTitle: campaignTitle,
                                                        config: config, settings: settings, now: now, cause: cause)
            report.hostLists = try queueHostLists(db, templates: templates, campaignTitle: campaignTitle, config: config,
                                                  now: now, cause: cause)
            return report
        }
    }

    struct ProgrammeDetail {
        var title: String
        var seats: Int
        var days: [String]
        var address: String
        var host: String
        var contact: String
    }

    func programmeDetails(_ db: Database) throws -> [Int: ProgrammeDetail] {
        try ProgrammeApplication.fetchAll(db, campaign: campaign).mapValues { application in
            let fields = application.fields
            let contact = [fields["contact_person"], fields["phone"], fields["email"]].compactMap { $0 }.joined(separator: ", ")
            return ProgrammeDetail(title: application.title, seats: application.seats, days: application.days,
                                   address: fields["venue_address"] ?? "", host: fields["organization"] ?? "", contact: contact)
        }
    }

    private func queueInvitation(_ db: Database, programme: Int, participant: Int, deadline: Date, detail: ProgrammeDetail?,
                                 templates: TemplateSet, campaignTitle: String, config: PipelineConfig,
                                 settings: InvitationSettings, now: Date, cause: String) throws {
        guard try Participant.filter(Column("campaign") == campaign && Column("number") == participant).fetchOne(db) != nil,
              let detail else { return }
        let token = "INV-" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10)).uppercased()
        var invitation = Invitation(campaign: campaign, programmeNumber: programme, participantNumber: participant,
                                    token: token, deadline: deadline, createdAt: now)
        try invitation.insert(db)
        try queueInvitationMail(db, invitation: &invitation, template: "invitation", detail: detail, templates: templates,
                                campaignTitle: campaignTitle, config: config, settings: settings, now: now, cause: cause)
        try AuditEntry.record(db, at: now, cause: cause, entity: "invitation", entityID: invitation.id,
                              change: "invited № \(participant) to programme № \(programme), answer by \(deadline)")
    }

    /// What the calendar says about a programme: a change bumps the SEQUENCE.
    func detailsHash(_ detail: ProgrammeDetail, settings: InvitationSettings) -> String {
        let text = [detail.days.joined(separator: ","), detail.address,
                    String(format: "%02d:%02d-%02d:%02d", settings.dayStart.hour, settings.dayStart.minute,
                           settings.dayEnd.hour, settings.dayEnd.minute)].joined(separator: "\n")
        return String(SHA256.hex(Array(text.utf8)).prefix(16))
    }

    /// Renders and queues one mail about `invitation` with its `.ics` (stable UID, the
    /// invitation's SEQUENCE), records the Message-ID and the details sent. Dedupe key
    /// `invitation:<programme>:<participant>:<sequence>`: a sequence is mailed once.
    func queueInvitationMail(_ db: Database, invitation: inout Invitation, template: String, detail: ProgrammeDetail,
                             templates: TemplateSet, campaignTitle: String, config: PipelineConfig,
                             settings: InvitationSettings, now: Date, cause: String) throws {
        let programme = invitation.programmeNumber, participant = invitation.participantNumber
        let dedupeKey = "invitation:\(programme):\(participant):\(invitation.sequence)"
        if try OutboxMessage.exists(db, dedupeKey: dedupeKey) { return }
        guard let person = try Participant.filter(Column("campaign") == campaign && Column("number") == participant).fetchOne(db)
        else { return }
        let domain = NoticeComposer.domain(config)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.timeZone
        func russian(_ date: Date) -> String {
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            return RussianText.date(year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0) ?? ""
        }
        func day(_ iso: String) -> DateComponents? {
            let parts = iso.split(separator: "-").compactMap { Int($0) }
            return parts.count == 3 ? DateComponents(year: parts[0], month: parts[1], day: parts[2]) : nil
        }
        let days = detail.days.compactMap(day)
        let dates = days.map { RussianText.date(year: $0.year ?? 0, month: $0.month ?? 0, day: $0.day ?? 0) ?? "" }
            .joined(separator: ", ")
        let time = { (t: (hour: Int, minute: Int)) in String(format: "%02d:%02d", t.hour, t.minute) }
        let context: [String: TemplateValue] = [
            "campaign": .text(campaignTitle), "name": .optional(person.fullName), "number": .number(participant),
            "programme": .number(programme), "program_title": .text(detail.title), "dates": .text(dates),
            "time_from": .text(time(settings.dayStart)), "time_to": .text(time(settings.dayEnd)),
            "address": .text(detail.address), "host": .text(detail.host), "contact": .text(detail.contact),
            "deadline": .text(russian(invitation.deadline)), "token": .text(invitation.token),
            "confirmed": .flag(invitation.status == "confirmed"),
        ]
        var event: OutgoingCalendar?
        if var start = days.first, var end = days.last {
            start.hour = settings.dayStart.hour; start.minute = settings.dayStart.minute
            end.hour = settings.dayEnd.hour; end.minute = settings.dayEnd.minute
            let ics = InvitationCalendar.text(InvitationEvent(
                uid: "\(campaign.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })-p\(programme)-n\(participant)@\(domain)",
                sequence: invitation.sequence, start: start, end: end, summary: "Стажировка: \(detail.title)",
                location: detail.address, description: "\(detail.host). Контакт: \(detail.contact)",
                organizerEmail: config.programmeAddress, organizerName: config.programmeName,
                attendeeEmail: person.email, attendeeName: person.fullName),
                stamp: now)
            event = OutgoingCalendar(method: "REQUEST", text: ics)
        }
        // A later mail about the same invitation threads under the first (RFC 5322 §3.6.4).
        let outbox = try NoticeComposer.queue(
            db, config: config, templates: templates, template: template, context: context, to: person.email,
            dedupeKey: dedupeKey, thread: invitation.messageID.map { [$0] } ?? [], calendar: event, cause: cause,
            change: "queued \(template) № \(participant) programme № \(programme) sequence \(invitation.sequence)", now: now)
        if invitation.messageID == nil { invitation.messageID = outbox.messageID }
        invitation.detailsHash = detailsHash(detail, settings: settings)
        try invitation.update(db)
    }

    /// Sends an updated invitation (SEQUENCE+1) to everyone invited or confirmed on a
    /// programme whose dates or address changed since their last calendar (a host re-sends
    /// the programme form: the newest version counts). Returns how many were queued.
    func queueInvitationUpdates(_ db: Database, details: [Int: ProgrammeDetail], templates: TemplateSet,
                                campaignTitle: String, config: PipelineConfig, settings: InvitationSettings,
                                now: Date, cause: String) throws -> Int {
        var queued = 0
        let live = try Invitation.filter(Column("campaign") == campaign && ["pending", "confirmed"].contains(Column("status")))
            .order(Column("programmeNumber"), Column("participantNumber")).fetchAll(db)
        for var invitation in live {
            guard let detail = details[invitation.programmeNumber] else { continue }
            let hash = detailsHash(detail, settings: settings)
            guard let sent = invitation.detailsHash else {
                // Sent before changes were tracked: remember what stands now.
                invitation.detailsHash = hash
                try invitation.update(db)
                continue
            }
            if sent == hash { continue }
            invitation.sequence += 1
            try invitation.update(db)
            try queueInvitationMail(db, invitation: &invitation, template: "invitation_update", detail: detail,
                                    templates: templates, campaignTitle: campaignTitle, config: config, settings: settings,
                                    now: now, cause: cause)
            try AuditEntry.record(db, at: now, cause: cause, entity: "invitation", entityID: invitation.id,
                                  change: "programme details changed: update sent with SEQUENCE \(invitation.sequence)")
            queued += 1
        }
        return queued
    }
}
