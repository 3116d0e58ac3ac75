// Reminders, feedback requests and the final meeting over a real SQLite store with fake
// mail edges: who gets what, when, and never twice.
import Foundation
import GRDB
import MailMessage
import Programme
import Testing
@testable import Pipeline
import Store

enum SeasonFixture {
    static let perm = TimeZone(identifier: "Asia/Yekaterinburg") ?? .current

    /// Perm local time.
    static func at(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 10, _ minute: Int = 0) -> Date {
        LocalDay(year: year, month: month, day: day).at(hour: hour, minute: minute, in: perm) ?? Date.distantPast
    }

    /// Two programmes (both on 15.10.2026), five applicants, invitations 1:2, 2:5, 2:3, of
    /// which 1:2 and 2:5 are confirmed and 2:3 declined.
    static func harness(experts: [String] = ["expert1@example.test"]) throws -> Harness {
        let harness = try ParticipantSelectionTests.season()
        harness.config.experts = experts
        let desk = ParticipantDesk(store: harness.store, campaign: "perm-2026")
        _ = try desk.importScores(csv: "application_number,motivation\n1,8\n2,9\n3,9\n4,10\n5,4\n",
                                  defaultScorer: "coordinator", now: Harness.t0)
        try desk.select(winners: nil, rules: SelectionRules(), now: Harness.t0)
        let set = try #require((harness.renderer.inner as? TemplateReplyRenderer)?.templates)
        _ = try desk.release(templates: set, campaignTitle: "С", config: harness.config, now: Harness.t0)
        _ = try desk.invite(templates: set, campaignTitle: "С", config: harness.config, settings: InvitationSettings(),
                            now: Harness.t0)
        try answer(harness, programme: 1, participant: 2, "confirmed")
        try answer(harness, programme: 2, participant: 5, "confirmed")
        try answer(harness, programme: 2, participant: 3, "declined")
        return harness
    }

    static func answer(_ harness: Harness, programme: Int, participant: Int, _ status: String) throws {
        try harness.store.pool.write {
            try $0.execute(sql: """
                UPDATE invitation SET status = ?, answeredAt = ? WHERE programmeNumber = ? AND participantNumber = ?
                """, arguments: [status, Harness.t0, programme, participant])
        }
    }

    static func desk(_ harness: Harness, meeting: MeetingPlan? = nil) throws -> SeasonDesk {
        let renderer = try #require(harness.renderer.inner as? TemplateReplyRenderer)
        return SeasonDesk(store: harness.store, campaignTitle: "Стажировки НКО 2026", config: harness.config,
                          templates: renderer.templates, settings: SeasonSettings(meeting: meeting),
                          blankFeedbackForm: try #require(renderer.blankFormsByKind["feedback"]))
    }

    static func keys(_ harness: Harness, _ template: String) throws -> [String] {
        try harness.outbox().filter { $0.template == template }.map(\.dedupeKey)
    }
}

@Suite struct SeasonDeskTests {
    @Test func remindersAndFeedbackRequestsOnlyToTheConfirmedOnce() throws {
        let harness = try SeasonFixture.harness()
        let desk = try SeasonFixture.desk(harness)
        func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 10, _ mi: Int = 0) -> Date { SeasonFixture.at(y, m, d, h, mi) }
        #expect(try desk.pass(now: at(2026, 9, 30, 10, 0)).total == 0)
        #expect(try desk.pass(now: at(2026, 10, 11, 23, 59)).total == 0)
        let reminders = try desk.pass(now: at(2026, 10, 12, 0, 1))
        #expect(reminders.reminders == 2 && reminders.total == 2)
        #expect(try desk.pass(now: at(2026, 10, 14, 9, 0)).total == 0, "never twice")
        #expect(try desk.pass(now: at(2026, 10, 15, 18, 0)).total == 0, "nothing on the day")
        let requests = try desk.pass(now: at(2026, 10, 16, 9, 0))
        #expect(requests.feedbackRequests == 2 && requests.total == 2)
        #expect(try desk.pass(now: at(2026, 11, 20, 9, 0)).total == 0)
        #expect(try SeasonFixture.keys(harness, "reminder") == ["reminder:1:2", "reminder:2:5"])
        #expect(try SeasonFixture.keys(harness, "feedback_request") == ["feedback_request:1:2", "feedback_request:2:5"])
        let sent = try harness.outbox().filter { ["reminder", "feedback_request"].contains($0.template) }
        #expect(Set(sent.map(\.recipient)) == ["p2@example.test", "p5@example.test"], "not p3 (declined) nor the reserve")

        let request = try #require(sent.first { $0.dedupeKey == "feedback_request:1:2" })
        let subject = Message.parse([UInt8](request.raw)).subject ?? ""
        #expect(subject == "Отзыв о стажировке «Инклюзивный туризм» (заявка № 2) [FB-1-2]")
        let text = Mail.replyText([UInt8](request.raw)).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(text.contains("Номер заявки: 2\n") && text.contains("Стажировка: № 1 «Инклюзивный туризм»"))
        let reminder = Mail.replyText([UInt8](try #require(sent.first { $0.dedupeKey == "reminder:2:5" }).raw))
        #expect(reminder.contains("«Волонтёрский центр»") && reminder.contains("15 октября 2026 г."))
    }

    @Test func aFilledFeedbackRequestIsRecordedAndAcknowledged() throws {
        let harness = try SeasonFixture.harness()
        let desk = try SeasonFixture.desk(harness)
        _ = try desk.pass(now: SeasonFixture.at(2026, 10, 17))
        let request = try #require(try harness.outbox().first { $0.dedupeKey == "feedback_request:2:5" })
        let form = Mail.replyText([UInt8](request.raw)).replacingOccurrences(of: "\r\n", with: "\n")
        let start = try #require(form.range(of: "ОТЗЫВ О СТАЖИРОВКЕ"))
        let end = try #require(form.range(of: "Предложения:"))
        let filled = String(form[start.lowerBound..<end.upperBound])
            .replacingOccurrences(of: "Оценка программы (1–5):", with: "Оценка программы (1–5): 5")
            .replacingOccurrences(of: "Самооценка компетенций до стажировки (1–10):", with: "Самооценка компетенций до стажировки (1–10): 4")
            .replacingOccurrences(of: "Самооценка компетенций после стажировки (1–10):", with: "Самооценка компетенций после стажировки (1–10): 8")
            .replacingOccurrences(of: "Что было полезным:\n", with: "Что было полезным:\nРазбор смет.\n")
            .replacingOccurrences(of: "Что вы примените в своей организации:\n", with: "Что вы примените в своей организации:\nПробный маршрут.\n")
            + " Третий день."
        harness.mailbox.deliver(Mail.make(from: "p5@example.test",
                                          subject: "Re: Отзыв о стажировке «Волонтёрский центр» (заявка № 5) [FB-2-5]",
                                          body: filled, id: "fb5@x"))
        try harness.run(now: SeasonFixture.at(2026, 10, 18))
        let rows = try harness.store.pool.read { try Feedback.fetchAll($0) }
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.participantNumber == 5 && row.programmeNumber == 2)
        #expect(row.programRating == 5 && row.competenceBefore == 4 && row.competenceAfter == 8)
        #expect(row.useful == "Разбор смет." && row.willApply == "Пробный маршрут." && row.suggestions == "Третий день.")
        let ack = try #require(try harness.outbox().last { $0.template == "ack" && $0.recipient == "p5@example.test" })
        #expect(Message.parse([UInt8](ack.raw)).subject == "Отзыв о стажировке получен (заявка № 5)")
        #expect(Mail.replyText([UInt8](ack.raw)).contains("о стажировке «Волонтёрский центр» (заявка № 5)"))
    }

    /// After `forget`, the season mails nobody at the erased address and keeps no texts or
    /// names of theirs in feedback, ideas or the meeting's recipients.
    @Test func forgottenParticipantGetsNothingMoreAndLeavesNoTrace() throws {
        let harness = try SeasonFixture.harness()
        let desk = try SeasonFixture.desk(harness, meeting: MeetingPlan(
            day: LocalDay(year: 2027, month: 1, day: 25), hour: 15, minute: 0, link: "https://meet.example.org/final"))
        _ = try desk.announceMeeting(now: SeasonFixture.at(2026, 10, 1))
        harness.mailbox.deliver(Mail.make(from: "p2@example.test", subject: "Re: Отзыв [FB-1-2]", body: """
            ОТЗЫВ О СТАЖИРОВКЕ
            Номер заявки: 2
            Оценка программы (1–5): 5
            Самооценка компетенций до стажировки (1–10): 2
            Самооценка компетенций после стажировки (1–10): 6
            Что было полезным: Знакомство с Анной Петровой.
            Что вы примените в своей организации: Маршрут.
            """, id: "f1@x"))
        try harness.run(now: SeasonFixture.at(2026, 10, 2))
        _ = try harness.store.forget(email: "p2@example.test", at: SeasonFixture.at(2026, 10, 3))
        let report = try desk.pass(now: SeasonFixture.at(2026, 10, 13))
        #expect(report.reminders == 1, "only p5")
        #expect(try harness.outbox().filter { $0.template == "reminder" }.map(\.recipient) == ["p5@example.test"])
        let (feedback, notices) = try harness.store.pool.read { db in
            (try Feedback.fetchAll(db), try MeetingNotice.fetchAll(db).map(\.email))
        }
        #expect(feedback.count == 1 && feedback.first?.useful == nil && feedback.first?.programRating == 5)
        #expect(!notices.contains("p2@example.test") && notices.contains("p5@example.test"))
        #expect(try desk.pass(now: SeasonFixture.at(2027, 1, 24, 16)).meetingReminders == notices.count - 1)
    }

    /// With K = 2 a participant confirmed for both programmes reviews each apart: the token
    /// in the subject names the programme, the second feedback does not replace the first.
    @Test func feedbackPerProgrammeWhenConfirmedForTwo() throws {
        let harness = try SeasonFixture.harness()
        try harness.store.pool.write { db in
            var extra = Invitation(campaign: "perm-2026", programmeNumber: 2, participantNumber: 2, token: "INV-EXTRA",
                                   status: "confirmed", deadline: Harness.t0, createdAt: Harness.t0, answeredAt: Harness.t0)
            try extra.insert(db)
        }
        func form(_ rating: Int) -> String {
            """
            ОТЗЫВ О СТАЖИРОВКЕ
            Номер заявки: 2
            Оценка программы (1–5): \(rating)
            Самооценка компетенций до стажировки (1–10): 2
            Самооценка компетенций после стажировки (1–10): 6
            Что было полезным: Всё.
            Что вы примените в своей организации: Маршрут.
            """
        }
        harness.mailbox.deliver(Mail.make(from: "p2@example.test", subject: "Re: Отзыв [FB-1-2]", body: form(5), id: "f1@x"))
        harness.mailbox.deliver(Mail.make(from: "p2@example.test", subject: "Re: Отзыв [FB-2-2]", body: form(3), id: "f2@x"))
        harness.mailbox.deliver(Mail.make(from: "p2@example.test", subject: "Re: Отзыв [FB-2-2]", body: form(4), id: "f3@x"))
        try harness.run(now: SeasonFixture.at(2026, 10, 20))
        let rows = try harness.store.pool.read { try Feedback.order(Column("programmeNumber")).fetchAll($0) }
        #expect(rows.map { "\($0.programmeNumber ?? 0):\($0.programRating ?? 0)" } == ["1:5", "2:4"])
        let current = try harness.submissions().filter { $0.kind == "feedback" && $0.isCurrent }
        #expect(current.map(\.key).sorted() == ["p2@example.test|FB-1", "p2@example.test|FB-2"])
    }

    @Test func ideasFromParticipantsAndHostsWithAuthorAndOrganisation() throws {
        let harness = try SeasonFixture.harness()
        func idea(_ title: String, _ description: String) -> String {
            """
            ИДЕЯ СОВМЕСТНОГО ПРОЕКТА
            Название идеи: \(title)
            Организации-партнёры: АНО «Кама», Клуб «Парма»
            Краткое описание:
            \(description)
            Что необходимо:
            Транспорт.
            Контакт: +79120000000
            """
        }
        harness.mailbox.deliver(Mail.make(from: "p2@example.test", body: idea("Тропа для всех", "Маршрут для колясок."), id: "i1@x"))
        harness.mailbox.deliver(Mail.make(from: "host1@example.test", body: idea("Школа гидов", "Курс для волонтёров."), id: "i2@x"))
        harness.mailbox.deliver(Mail.make(from: "p2@example.test", body: idea("Летний лагерь", "Смена на Каме."), id: "i3@x"))
        harness.mailbox.deliver(Mail.make(from: "p2@example.test", body: idea("Тропа для всех", "Маршрут для колясок и скамейки."),
                                          id: "i4@x"))
        harness.mailbox.deliver(Mail.make(from: "stranger@example.test", body: idea("Клуб", "Встречи."), id: "i5@x"))
        let before = try harness.outbox().count
        try harness.run(now: SeasonFixture.at(2026, 11, 1))
        let ideas = try harness.store.pool.read { try Idea.order(Column("number")).fetchAll($0) }
        #expect(ideas.map { "\($0.number) \($0.authorRole.rawValue) \($0.authorEmail) \($0.organisation ?? "-") \($0.title): \($0.text)" } == [
            "1 participant p2@example.test АНО «Добрые руки» Тропа для всех: Маршрут для колясок и скамейки.",
            "2 host host1@example.test АНО «Кама» Школа гидов: Курс для волонтёров.",
            "3 participant p2@example.test АНО «Добрые руки» Летний лагерь: Смена на Каме.",
            "4 other stranger@example.test - Клуб: Встречи.",
        ])
        #expect(ideas.first?.authorName == "Борис" && ideas.first?.partners == "АНО «Кама», Клуб «Парма»")
        let acks = try harness.outbox().dropFirst(before).filter { $0.template == "ack" }
        #expect(acks.allSatisfy { (Message.parse([UInt8]($0.raw)).subject ?? "").hasPrefix("Идея совместного проекта № ") })
        #expect(acks.count == 5, "\(acks.map(\.recipient))")
    }

    @Test func meetingReleaseLateConfirmerChangeAndReminder() throws {
        let harness = try SeasonFixture.harness()
        func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 10, _ mi: Int = 0) -> Date { SeasonFixture.at(y, m, d, h, mi) }
        var plan = MeetingPlan(day: LocalDay(year: 2027, month: 1, day: 25), hour: 15, minute: 0,
                               link: "https://meet.example.org/final", agenda: "Итоги и идеи")
        var desk = try SeasonFixture.desk(harness, meeting: plan)
        #expect(try desk.pass(now: at(2026, 11, 1)).meetingAnnouncements == 0, "not before the release")
        let preview = try desk.meetingPreview(now: at(2026, 11, 1))
        #expect(!preview.released)
        #expect(preview.recipients.map { "\($0.role) \($0.email)" } == [
            "participant p2@example.test", "participant p5@example.test",
            "host host@example.test", "expert expert1@example.test",
        ])
        #expect(try harness.outbox().filter { $0.template == "meeting" }.isEmpty, "a preview queues nothing")
        let released = try desk.announceMeeting(now: at(2026, 11, 1))
        #expect(released.meetingAnnouncements == 4, "both programmes name the same host address")
        #expect(try desk.announceMeeting(now: at(2026, 11, 2)).total == 0)
        #expect(try desk.pass(now: at(2026, 11, 3)).total == 0)
        let first = try #require(try harness.outbox().first { $0.template == "meeting" })
        let raw = String(decoding: first.raw, as: UTF8.self)
        #expect(raw.contains("text/calendar") && raw.contains("invite.ics"))
        let ics = try #require(calendarPart(first))
        #expect(ics.contains("UID:perm-2026-final-meeting@example.test") && ics.contains("SEQUENCE:0"))
        #expect(ics.contains("DTSTART;TZID=Asia/Yekaterinburg:20270125T150000"))
        #expect(ics.contains("DTEND;TZID=Asia/Yekaterinburg:20270125T170000"))

        // Вера confirms late (here: her status changes): the next pass sends her the meeting.
        try SeasonFixture.answer(harness, programme: 2, participant: 3, "confirmed")
        let late = try desk.pass(now: at(2026, 11, 10))
        #expect(late.meetingAnnouncements == 1 && late.meetingUpdates == 0 && late.meetingReminders == 0)
        #expect(try harness.outbox().last { $0.template == "meeting" }?.recipient == "p3@example.test")

        // The time changes: everyone who had it gets the update (SEQUENCE 1, same UID), once.
        plan.hour = 16
        plan.minute = 30
        desk = try SeasonFixture.desk(harness, meeting: plan)
        let updated = try desk.pass(now: at(2026, 12, 1))
        #expect(updated.meetingUpdates == 5 && updated.total == 5)
        #expect(try desk.pass(now: at(2026, 12, 2)).total == 0)
        let update = try #require(try harness.outbox().last { $0.template == "meeting" })
        let updateICS = try #require(calendarPart(update))
        #expect(updateICS.contains("UID:perm-2026-final-meeting@example.test") && updateICS.contains("SEQUENCE:1"))
        #expect(updateICS.contains("DTSTART;TZID=Asia/Yekaterinburg:20270125T163000"))
        #expect(Message.parse([UInt8](update.raw)).subject?.hasPrefix("Изменение: ") == true)

        // The day before: one reminder each; nothing after the start.
        #expect(try desk.pass(now: at(2027, 1, 24, 16, 0)).total == 0, "more than a day before")
        let reminders = try desk.pass(now: at(2027, 1, 24, 17, 0))
        #expect(reminders.meetingReminders == 5 && reminders.total == 5)
        #expect(try desk.pass(now: at(2027, 1, 25, 9, 0)).total == 0)
        try SeasonFixture.answer(harness, programme: 1, participant: 1, "confirmed")
        #expect(try desk.pass(now: at(2027, 1, 26, 9, 0)).total == 0, "after the meeting: nothing")
        #expect(Set(try SeasonFixture.keys(harness, "meeting_reminder")).count == 5)
    }

    @Test func announcingWithoutAMeetingIsAConfigurationError() throws {
        let harness = try SeasonFixture.harness()
        let desk = try SeasonFixture.desk(harness)
        #expect(throws: PipelineError.self) { try desk.announceMeeting(now: Harness.t0) }
        #expect(throws: PipelineError.self) { try desk.meetingPreview(now: Harness.t0) }
    }

    @Test func runnerQueuesTheSeasonAndDeliversIt() throws {
        let harness = try SeasonFixture.harness()
        let desk = try SeasonFixture.desk(harness)
        let report = try Runner(stages: harness.stages(), season: desk)
            .run(source: harness.mailbox, sender: harness.sender, now: SeasonFixture.at(2026, 10, 13))
        #expect(report.season?.reminders == 2)
        #expect(try harness.outbox().filter { $0.template == "reminder" }.allSatisfy { $0.state == .sent })
    }

    /// A run that crashes at any step, then runs again, ends like a run that never crashed:
    /// each season mail queued once, sent, and accepted by the relay under one Message-ID.
    @Test func crashAtEveryStepThenRerunSendsEachSeasonMailOnce() throws {
        let now = SeasonFixture.at(2026, 10, 13)
        var step = 1
        while true {
            let harness = try SeasonFixture.harness()
            let desk = try SeasonFixture.desk(harness)
            let crash = CountingCrash(crashAt: step)
            var crashed = false
            do {
                _ = try Runner(stages: harness.stages(crash: crash), season: desk)
                    .run(source: harness.mailbox, sender: harness.sender, now: now)
            } catch is SimulatedCrash {
                crashed = true
            }
            _ = try Runner(stages: harness.stages(), season: desk).run(source: harness.mailbox, sender: harness.sender, now: now)
            _ = try Runner(stages: harness.stages(), season: desk)
                .run(source: harness.mailbox, sender: harness.sender, now: now.addingTimeInterval(60))
            let reminders = try harness.outbox().filter { $0.template == "reminder" }
            #expect(reminders.map(\.dedupeKey) == ["reminder:1:2", "reminder:2:5"], "crash at step \(step)")
            #expect(reminders.allSatisfy { $0.state == .sent }, "crash at step \(step)")
            let ids = Set(reminders.map(\.messageID))
            #expect(Set(harness.sender.acceptedIDs.filter(ids.contains)) == ids, "crash at step \(step)")
            if !crashed { break }
            step += 1
        }
        #expect(step > 3, "the run has steps to crash at")
    }

    private func calendarPart(_ row: OutboxMessage) -> String? {
        func find(_ part: MIMEPart) -> String? {
            if part.contentType.lowercased().hasPrefix("text/calendar") {
                return part.text ?? String(decoding: part.body, as: UTF8.self)
            }
            return part.children.lazy.compactMap(find).first
        }
        return find(Message.parse([UInt8](row.raw)).root)
    }
}
