// Issue 7's "done when": a whole season on the real Dovecot and Postfix (loopback) with a
// controlled clock — 6 programmes, 40 applicants (some ineligible, some from unknown places),
// selection, invitations, declines and silences promoting the reserve, reminders to the
// confirmed only, feedback, the final meeting reaching late confirmers (and its change and
// reminder) — then every applicant's, host's and the expert's mailbox read back over IMAP:
// every expected mail exactly once, nothing else. Fails (never skips) without the servers.
import Foundation
import GRDB
import Logging
import MailMessage
import MailTransport
import Programme
import Testing
@testable import Pipeline
import Store

@Suite(.serialized) struct SeasonEndToEndTests {
    /// Programme k (1…6): title, seats, days (Perm).
    static let programmes: [(title: String, seats: Int, dates: String)] = [
        ("Инклюзивный туризм", 3, "12.10.2026"), ("Школа волонтёра", 3, "14.10.2026 – 15.10.2026"),
        ("Фандрайзинг для сельских НКО", 2, "16.10.2026"), ("Медиацентр НКО", 2, "18.10.2026"),
        ("Экотропа своими руками", 2, "20.10.2026 – 21.10.2026"), ("Добрососедство", 2, "22.10.2026"),
    ]

    static func programForm(_ k: Int, host: String) -> String {
        let p = programmes[k - 1]
        let days = p.dates.contains("–") ? 2 : 1
        return """
            ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ
            Организация: АНО «Центр \(k)»
            ИНН: 590212345\(k)
            Населённый пункт: Пермь
            Название программы: «\(p.title)»
            Описание программы: День в организации.
            Продолжительность (дней: 1 или 2): \(days)
            Даты проведения: \(p.dates)
            Количество мест: \(p.seats)
            Адрес площадки: г. Пермь, ул. Ленина, \(k)
            Контактное лицо: Куратор \(k)
            Телефон: 8 (342) 212-34-5\(k)
            Email: \(host)
            Согласие на обработку персональных данных: [x]

            """
    }

    /// Applicant i: 0–2 live too close to Perm, 3–5 name a place the tables do not know.
    static func place(_ i: Int) -> (String, String, String) {
        switch i {
        case 0..<3: return ("Пермский район", "Кондратово", "9")
        case 3..<6: return ("Нигдейский", "Нигдеевка", "100")
        default: return [("Кудымкарский", "Кудымкар", "145"), ("Осинский", "г. Оса", "93"), ("Чайковский", "Чайковский", "189")][i % 3]
        }
    }

    @Test func wholeSeasonEveryMailboxExactlyTheExpectedMail() throws {
        let env = try MailEnv.require()
        let tag = UUID().uuidString.lowercased().prefix(8)
        let intake = "season-\(tag)@example.test"
        let expert = "season-expert-\(tag)@example.test"
        let hosts = (1...6).map { "season-host\($0)-\(tag)@example.test" }
        let people = (0..<40).map { "season-p\($0)-\(tag)@example.test" }
        var logger = Logger(label: "e2e-season")
        logger.logLevel = .warning
        let clock = ContinuousClock()
        let started = clock.now
        func at(_ m: Int, _ d: Int, _ h: Int = 10, _ mi: Int = 0) -> Date { SeasonFixture.at(2026, m, d, h, mi) }

        // Forms: 6 programmes, 40 applicants choosing two programmes each.
        let inbox = try IMAPSession(settings: env.imap(intake), logger: logger)
        for k in 1...6 {
            _ = try inbox.append(mailbox: "INBOX", bytes: Mail.make(from: hosts[k - 1], body: Self.programForm(k, host: hosts[k - 1]),
                                                                    id: "h\(k)-\(tag)@example.test"))
        }
        for (i, address) in people.enumerated() {
            let (district, locality, km) = Self.place(i)
            let choices = ["№\(i % 6 + 1)", "№\((i + 1) % 6 + 1)"]
            _ = try inbox.append(mailbox: "INBOX", bytes: Mail.make(
                from: address, body: ParticipantMail.form(name: "Участник \(i)", district: district, locality: locality,
                                                          km: km, choices: choices),
                id: "p\(i)-\(tag)@example.test"))
        }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-season-\(tag)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(path: directory.appendingPathComponent("internships.sqlite").path)
        var config = PipelineConfig(campaign: "season", programmeAddress: intake, programmeName: "Стажировки НКО",
                                    experts: [expert], answerExistingOnFirstRun: true)
        config.places = .bundled
        let renderer = try RecordingRenderer()
        let templates = try #require((renderer.inner as? TemplateReplyRenderer)?.templates)
        let blank = try #require((renderer.inner as? TemplateReplyRenderer)?.blankFormsByKind["feedback"])
        let stages = Stages(store: store, config: config, reader: StandardMessageReader.standard(config: config),
                            renderer: renderer, logger: logger)
        var meeting = MeetingPlan(day: LocalDay(year: 2026, month: 12, day: 15), hour: 15, minute: 0,
                                  link: "https://meet.example.org/season", agenda: "Итоги и идеи совместных проектов")
        func desk() -> SeasonDesk {
            SeasonDesk(store: store, campaignTitle: "Стажировки НКО", config: config, templates: templates,
                       settings: SeasonSettings(meeting: meeting), blankFeedbackForm: blank)
        }
        let source = try IMAPMailboxSource(settings: env.imap(intake), logger: logger)
        let sender = try SMTPMailSender(settings: env.smtp(intake), logger: logger)
        // `run` does everything after the release: invitations, expiries, promotions, host lists
        // (ParticipantPass), then reminders, feedback requests and the meeting (SeasonDesk).
        let pass = ParticipantPass(templates: templates, campaignTitle: "Стажировки НКО",
                                   settings: InvitationSettings(answerWithin: .seconds(5 * 86_400)))
        var sent = 0
        @discardableResult
        func run(_ now: Date) throws -> RunReport {
            let report = try Runner(stages: stages, participants: pass, season: desk())
                .run(source: source, sender: sender, now: now)
            #expect(report.exitStatus == .ok, "\(report.problems)")
            sent += report.deliver?.sent ?? 0
            return report
        }
        let participants = ParticipantDesk(store: store, campaign: "season")
        /// Who answered what (participant number → rsvp replies sent) and each feedback sent.
        var rsvpSent: [Int: Int] = [:]
        var feedbackSent: Set<Int> = []
        func answer(_ invitation: Invitation, _ word: String, _ id: String) throws {
            _ = try inbox.append(mailbox: "INBOX", bytes: Mail.make(
                from: people[invitation.participantNumber - 1], subject: "Re: [Требуется ответ] Приглашение [\(invitation.token)]",
                body: "\(word)\n\n> Приглашаем вас", id: "\(id)-\(tag)@example.test"))
            rsvpSent[invitation.participantNumber, default: 0] += 1
        }
        func invitations(_ status: String? = nil) throws -> [Invitation] {
            try store.pool.read { db in
                var request = Invitation.filter(Column("campaign") == "season")
                if let status { request = request.filter(Column("status") == status) }
                return try request.order(Column("id")).fetchAll(db)
            }
        }

        // September 1: intake (numbers: programmes 1–6, then applicants 1–40 in mail order).
        try run(at(9, 1))
        let numbers = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT number, email FROM participant WHERE campaign = 'season' ORDER BY number")
                .map { ($0["number"] as Int, $0["email"] as String) }
        }
        #expect(numbers.count == 40)
        #expect(numbers.allSatisfy { people.firstIndex(of: $0.1) == $0.0 - 1 }, "applicant i has number i+1")
        let csv = "application_number,motivation\n" + (1...40).map { "\($0),\(($0 * 7) % 11)" }.joined(separator: "\n")
        _ = try participants.importScores(csv: csv, defaultScorer: "coordinator", now: at(9, 1, 11))
        try participants.select(winners: nil, rules: SelectionRules(), now: at(9, 1, 11))
        _ = try participants.release(templates: templates, campaignTitle: "Стажировки НКО", config: config, now: at(9, 1, 12))
        let firstRound = try run(at(9, 1, 12, 2))
        #expect(firstRound.invitations?.invited == 14, "every seat offered")
        let ineligible = try store.pool.read { db in
            try Int.fetchAll(db, sql: "SELECT participantNumber FROM placement WHERE campaign = 'season' AND participantNumber <= 6")
        }
        #expect(ineligible.isEmpty, "too close or unknown places are never seated nor in reserve")

        // September 3: of the first 14, every fifth declines, the next is silent, the rest say ДА;
        // the same run offers the declined seats to the reserve.
        let round1 = try invitations()
        var silent: [Invitation] = []
        for (j, invitation) in round1.enumerated() {
            switch j % 5 {
            case 0: try answer(invitation, "НЕТ", "r1-\(j)")
            case 1: silent.append(invitation)
            default: try answer(invitation, "ДА", "r1-\(j)")
            }
        }
        let promoted = try run(at(9, 3))
        #expect(try invitations("declined").count == 3)
        #expect(promoted.invitations?.invited ?? 0 >= 1)

        // September 4: the final meeting is announced to the confirmed so far, hosts, the expert.
        let announced = try desk().announceMeeting(now: at(9, 4))
        #expect(announced.meetingAnnouncements == (try invitations("confirmed").count) + 6 + 1)
        try run(at(9, 4, 10, 1))

        // September 5: those promoted on the 3rd confirm — late confirmers get the meeting in this run.
        let round2 = try invitations("pending").filter { $0.createdAt >= at(9, 3) }
        for (j, invitation) in round2.enumerated() { try answer(invitation, "ДА", "r2-\(j)") }
        try run(at(9, 5))
        // September 9: the silent ones' deadline (6th) passed: expired, their seats offered on.
        let expiredAndOn = try run(at(9, 9))
        #expect(expiredAndOn.invitations?.expired == silent.count)
        let round3 = try invitations("pending").filter { $0.createdAt >= at(9, 9) }
        for (j, invitation) in round3.enumerated() { try answer(invitation, "ДА", "r3-\(j)") }
        try run(at(9, 10))
        #expect(try invitations("pending").isEmpty)
        #expect(try invitations("expired").map(\.id) == silent.map(\.id))
        let confirmed = try invitations("confirmed")
        #expect(confirmed.count >= 10)

        // October: reminders 3 days ahead, feedback requests after each internship.
        for day in [9, 11, 13, 15, 17, 19, 21, 25] { try run(at(10, day, 9)) }
        #expect(try store.pool.read { try OutboxMessage.filter(Column("template") == "reminder").fetchCount($0) } == confirmed.count)
        #expect(try store.pool.read { try OutboxMessage.filter(Column("template") == "feedback_request").fetchCount($0) }
                == confirmed.count)

        // October 26: three participants send their feedback by replying to the request.
        for invitation in confirmed.prefix(3) {
            let n = invitation.participantNumber
            let request = try #require(try store.pool.read {
                try OutboxMessage.filter(Column("dedupeKey") == "feedback_request:\(invitation.programmeNumber):\(n)").fetchOne($0)
            })
            let form = FeedbackForm.prefilled(blank: blank, participant: n, programme: invitation.programmeNumber, title: "")
                .replacingOccurrences(of: "(1–5):", with: "(1–5): 5")
                .replacingOccurrences(of: "до стажировки (1–10):", with: "до стажировки (1–10): 3")
                .replacingOccurrences(of: "после стажировки (1–10):", with: "после стажировки (1–10): 7")
                .replacingOccurrences(of: "Что было полезным:\n", with: "Что было полезным:\nВсё.\n")
                .replacingOccurrences(of: "в своей организации:\n", with: "в своей организации:\nМаршрут.\n")
            _ = try inbox.append(mailbox: "INBOX", bytes: Mail.make(
                from: people[n - 1], subject: "Re: " + (Message.parse([UInt8](request.raw)).subject ?? ""), body: form,
                id: "fb\(n)-\(tag)@example.test"))
            feedbackSent.insert(n)
        }
        try run(at(10, 26))
        let feedback = try store.pool.read { try Feedback.order(Column("participantNumber")).fetchAll($0) }
        #expect(feedback.map { "\($0.participantNumber):\($0.programmeNumber ?? 0) \($0.competenceBefore ?? 0)→\($0.competenceAfter ?? 0)" }
                == confirmed.prefix(3).sorted { $0.participantNumber < $1.participantNumber }
                    .map { "\($0.participantNumber):\($0.programmeNumber) 3→7" })

        // The meeting moves to 16:30 on November 1: everyone who had it gets the update.
        meeting.hour = 16
        meeting.minute = 30
        try run(at(11, 1))

        // December 14, 17:00 (within a day of 16:30 on the 15th): the meeting reminder; the 16th: nothing more.
        try run(at(12, 14, 16))   // still more than a day before: nothing
        try run(at(12, 14, 17))
        try run(at(12, 16))
        let processing = clock.now - started

        // Read back: every mailbox holds exactly what the season owes it.
        let facts = try store.pool.read { db in
            (reasons: Set(try Int.fetchAll(db, sql: "SELECT participantNumber FROM selectionReason WHERE campaign = 'season'")),
             titles: Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT number, title FROM programme WHERE campaign = 'season'")
                .map { ($0["number"] as Int, $0["title"] as String) }))
        }
        let all = try invitations()
        var expected: [String: [String]] = [:]
        for (i, address) in people.enumerated() {
            let n = i + 1
            var want = ["Заявка участника № \(n) принята"]
            if facts.reasons.contains(n) { want.append("Итоги отбора участников стажировок (заявка № \(n))") }
            let mine = all.filter { $0.participantNumber == n }
            for invitation in mine {
                want.append("[Требуется ответ] Приглашение на стажировку «\(facts.titles[invitation.programmeNumber] ?? "")»")
            }
            want += Array(repeating: "Ответ на приглашение получен (заявка № \(n))", count: rsvpSent[n] ?? 0)
            for invitation in mine where invitation.status == "confirmed" {
                let title = facts.titles[invitation.programmeNumber] ?? ""
                want.append("Напоминание: стажировка «\(title)»")
                want.append("Отзыв о стажировке «\(title)» (заявка № \(n)) [FB-\(invitation.programmeNumber)-\(n)]")
            }
            if mine.contains(where: { $0.status == "confirmed" }) {
                want += ["Итоговая онлайн-встреча программы", "Изменение: Итоговая онлайн-встреча программы",
                         "Напоминание: итоговая онлайн-встреча"]
            }
            if feedbackSent.contains(n) { want.append("Отзыв о стажировке получен (заявка № \(n))") }
            expected[address] = want
        }
        #expect(expected.values.contains { $0.count == 2 }, "some get only the ack and the selection letter")
        #expect(expected.values.filter { $0.contains("Изменение: Итоговая онлайн-встреча программы") }.count == confirmed.count)
        let hostLists = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT recipient, count(*) AS n FROM outboxMessage WHERE template = 'host_confirmed' GROUP BY recipient")
                .reduce(into: [String: Int]()) { $0[$1["recipient"]] = $1["n"] }
        }
        for (k, host) in hosts.enumerated() {
            expected[host] = ["Заявка № \(k + 1) на программу стажировки принята"]
                + Array(repeating: "Участники, подтвердившие стажировку: программа № \(k + 1)", count: hostLists[host] ?? 0)
                + ["Итоговая онлайн-встреча программы", "Изменение: Итоговая онлайн-встреча программы",
                   "Напоминание: итоговая онлайн-встреча"]
        }
        expected[expert] = ["Итоговая онлайн-встреча программы", "Изменение: Итоговая онлайн-встреча программы",
                            "Напоминание: итоговая онлайн-встреча"]
        let total = expected.values.map(\.count).reduce(0, +)
        #expect(sent == total, "sent over SMTP = expected in the mailboxes")

        let readStart = clock.now
        var problems: [String] = []
        for (address, want) in expected.sorted(by: { $0.key < $1.key }) {
            let box = try IMAPSession(settings: env.imap(address), logger: logger)
            _ = try waitForMail(box, count: want.count, timeout: problems.isEmpty ? .seconds(30) : .seconds(2))
            let status = try box.status(mailbox: "INBOX")
            var got: [String] = []
            for uid in try box.searchUIDs(mailbox: "INBOX") {
                got.append(Message.parse(try box.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: uid)).subject ?? "")
            }
            // Each mail matches the longest expected prefix; the multisets must be equal.
            var left = want
            var unexpected: [String] = []
            for subject in got {
                let match = left.enumerated().filter { subject.hasPrefix($0.element) }.max { $0.element.count < $1.element.count }
                if let match { left.remove(at: match.offset) } else { unexpected.append(subject) }
            }
            if !left.isEmpty || !unexpected.isEmpty {
                problems.append("\(address.replacingOccurrences(of: "-\(tag)@example.test", with: "")): missing \(left), unexpected \(unexpected)")
            }
        }
        for problem in problems { print("season e2e: \(problem)") }
        #expect(problems.isEmpty)
        // Nothing arrives late (Postfix is asynchronous): a last look at the count.
        Thread.sleep(forTimeInterval: 1)
        for (address, want) in expected.sorted(by: { $0.key < $1.key }) where want.count > 8 {
            #expect(try IMAPSession(settings: env.imap(address), logger: logger).status(mailbox: "INBOX").messages == want.count)
        }
        print("season e2e: \(total) mails to \(expected.count) mailboxes; processing \(processing), reading back \(clock.now - readStart)")
    }
}
