// The participants' season as a coordinator runs it, on the built binary against the real
// Dovecot and Postfix (loopback): motivation scored by mail, `participants select`,
// `mail preview|release selection`, then only `internships run` (with `--now`): invitations,
// a phone reply with only In-Reply-To, silence promoting the reserve, a ДА confirming, the
// host's list, a late ДА told the seat is taken — every mailbox read back over IMAP: each
// expected mail exactly once, nothing else. Fails (never skips) when servers are missing.
import Foundation
import MailMessage
import MailTransport
import Testing

@Suite(.serialized) struct ParticipantsCommandTests {
    static func program(email: String) -> String {
        """
        ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ
        Организация: АНО «Кама»
        ИНН: 5902123456
        Населённый пункт: Пермь
        Название программы: «Инклюзивный туризм»
        Описание программы: Один день на маршрутах.
        Продолжительность (дней: 1 или 2): 1
        Даты проведения: 15.10.2026
        Количество мест: 1
        Адрес площадки: г. Пермь, ул. Ленина, 1
        Контактное лицо: Петрова Анна
        Телефон: 8 (342) 212-34-56
        Email: \(email)
        Согласие на обработку персональных данных: [x]

        """
    }

    static func participant(name: String) -> String {
        """
        ЗАЯВКА УЧАСТНИКА
        ФИО: \(name)
        Организация: АНО «Добрые руки»
        Должность (сотрудник/волонтёр): волонтёр
        Муниципальный округ: Кудымкарский
        Населённый пункт: Кудымкар
        Расстояние до Перми (км): 145
        Телефон: 8 912 345 67 89
        Email: p@example.test
        Выбранные программы (не более 3, в порядке приоритета):
        1. №1
        Мотивация:
        Хочу научиться.
        Согласие на обработку персональных данных: [x]

        """
    }

    static func motivation(number: Int, score: Int) -> String {
        "ОЦЕНКА МОТИВАЦИИ УЧАСТНИКА\nНомер заявки участника: \(number)\nОценка мотивации (0–10): \(score)\nКомментарий: \n"
    }

    /// Subjects of every message in `user`'s INBOX, waiting until there are `count`.
    static func subjects(_ env: ServerEnv, _ user: String, count: Int) throws -> [(subject: String, raw: [UInt8])] {
        _ = try mailCount(env, user, atLeast: count)
        Thread.sleep(forTimeInterval: 0.3)
        let session = try IMAPSession(settings: env.imap(user), logger: .init(label: "cli-tests"))
        let status = try session.status(mailbox: "INBOX")
        return try session.searchUIDs(mailbox: "INBOX").map {
            let raw = try session.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: $0)
            return (Message.parse(raw).subject ?? "", raw)
        }
    }

    @Test func scoreSelectReleaseThenRunDoesTheRest() throws {
        let env = try ServerEnv.require()
        let expert = "motivation-\(UUID().uuidString.lowercased().prefix(8))@example.test"
        let setup = try Setup(env: env, extraSections: """
            [[experts]]
            name = "Ольга Мельникова"
            email = "\(expert)"
            organisation = "Фонд"
            territory = "Пермь"
            """)
        let t = setup.tag
        let host = "host-\(t)@example.test"
        let people = (1...3).map { "part-\(t)-\($0)@example.test" }
        func run(_ arguments: [String], at now: String) throws -> CLIResult {
            try CLI.run(arguments + ["--config", setup.config.path, "--now", now])
        }
        try setup.append([TestMail.make(from: host, to: setup.intake, body: Self.program(email: host), id: "h-\(t)@x")]
            + ["Анна", "Борис", "Вера"].enumerated().map { i, name in
                TestMail.make(from: people[i], to: setup.intake, body: Self.participant(name: name), id: "p\(i)-\(t)@x")
            })
        let first = try run(["run", "--answer-existing"], at: "2026-07-20T12:00:00+05:00")
        #expect(first.status == 0, "\(first)")

        // Motivation by mail from a registered expert (a coordinator's would count too).
        try setup.append([(1, 9), (2, 7), (3, 5)].map { number, score in
            TestMail.make(from: expert, to: setup.intake, subject: "Мотивация",
                          body: Self.motivation(number: number, score: score), id: "m\(number)-\(t)@x")
        })
        let scored = try run(["run"], at: "2026-07-20T12:05:00+05:00")
        #expect(scored.status == 0 && scored.stdout.contains("ack 3"), "\(scored)")

        // No results released: select refuses unless told the programmes.
        let refused = try run(["participants", "select"], at: "2026-07-20T12:10:00+05:00")
        #expect(refused.status == 65 && refused.stderr.contains("mail release results"), "\(refused)")
        let select = try run(["participants", "select", "--programmes", "1"], at: "2026-07-20T12:10:00+05:00")
        #expect(select.status == 0 && select.stdout.contains("место 1: № 1 Анна"), "\(select)")
        let preview = try run(["mail", "preview", "selection"], at: "2026-07-20T12:11:00+05:00")
        #expect(preview.status == 0 && preview.stdout.contains("3 selection letter(s) would be queued"), "\(preview)")
        #expect(preview.stdout.contains("==== sample selection_result (selected) to \(people[0])"), "\(preview)")
        let release = try run(["mail", "release", "selection"], at: "2026-07-20T12:12:00+05:00")
        #expect(release.status == 0 && release.stdout.contains("queued 3 selection letters"), "\(release)")

        // From here on, only `run`. The letters and Анна's invitation leave together.
        let invited = try run(["run"], at: "2026-07-20T12:15:00+05:00")
        #expect(invited.status == 0 && invited.stdout.contains("invitations: invited 1") && invited.stdout.contains("sent 4"),
                "\(invited)")
        let annaMail = try Self.subjects(env, people[0], count: 3)
        let invitation = try #require(annaMail.first { $0.subject.hasPrefix("[Требуется ответ]") })
        let invitationID = try #require(Message.parse(invitation.raw).messageID)
        // A phone client: new subject, no token, only the thread.
        try setup.append([TestMail.make(from: people[0], to: setup.intake, subject: "Ответ", body: "Нет, не смогу.",
                                        id: "a1-\(t)@x", headers: ["In-Reply-To: <\(invitationID)>"])])
        let declined = try run(["run"], at: "2026-07-20T13:00:00+05:00")
        #expect(declined.status == 0 && declined.stdout.contains("invitations: invited 1"), "\(declined)")

        // Борис stays silent past the deadline (5 days): Вера is invited.
        let silent = try run(["run"], at: "2026-07-26T13:00:00+05:00")
        #expect(silent.status == 0 && silent.stdout.contains("invitations: invited 1, expired 1"), "\(silent)")
        let veraMail = try Self.subjects(env, people[2], count: 3)
        let veraToken = try #require(veraMail.first { $0.subject.hasPrefix("[Требуется ответ]") }?.subject
            .components(separatedBy: "[INV-").last?.prefix { $0 != "]" })
        try setup.append([TestMail.make(from: people[2], to: setup.intake, subject: "Re: Приглашение [INV-\(veraToken)]",
                                        body: "Да", id: "v1-\(t)@x")])
        let confirmed = try run(["run"], at: "2026-07-26T14:00:00+05:00")
        #expect(confirmed.status == 0 && confirmed.stdout.contains("host lists 1"), "\(confirmed)")
        // Борис's ДА comes too late: the seat is Вера's.
        let borisMail = try Self.subjects(env, people[1], count: 3)
        let borisToken = try #require(borisMail.first { $0.subject.hasPrefix("[Требуется ответ]") }?.subject
            .components(separatedBy: "[INV-").last?.prefix { $0 != "]" })
        try setup.append([TestMail.make(from: people[1], to: setup.intake, subject: "Re: [INV-\(borisToken)]",
                                        body: "Да!", id: "b1-\(t)@x")])
        let late = try run(["run"], at: "2026-07-26T15:00:00+05:00")
        #expect(late.status == 0, "\(late)")
        let idle = try run(["run"], at: "2026-07-26T16:00:00+05:00")
        #expect(idle.status == 0 && idle.stdout.contains("sent 0,") && !idle.stdout.contains("invitations:"), "\(idle)")

        // Every mailbox: exactly these, once each, nothing else.
        let want: [(String, [String])] = [
            (people[0], ["Заявка участника № 1 принята", "Итоги отбора участников стажировок (заявка № 1)",
                         "[Требуется ответ] Приглашение", "Ответ на приглашение получен (заявка № 1)"]),
            (people[1], ["Заявка участника № 2 принята", "Итоги отбора участников стажировок (заявка № 2)",
                         "[Требуется ответ] Приглашение", "Ответ на приглашение получен (заявка № 2)"]),
            (people[2], ["Заявка участника № 3 принята", "Итоги отбора участников стажировок (заявка № 3)",
                         "[Требуется ответ] Приглашение", "Ответ на приглашение получен (заявка № 3)"]),
            (host, ["Заявка № 1 на программу стажировки принята", "Участники, подтвердившие стажировку: программа № 1"]),
        ]
        let says = ["вы отказались от участия", "Вы в листе ожидания", "вы подтвердили участие"]
        for (index, (user, prefixes)) in want.enumerated() {
            let got = try Self.subjects(env, user, count: prefixes.count)
            #expect(got.count == prefixes.count, "\(user): \(got.map(\.subject))")
            for prefix in prefixes {
                #expect(got.filter { $0.subject.hasPrefix(prefix) }.count == 1, "\(user) \(prefix): \(got.map(\.subject))")
            }
            if index < 3, let ack = got.first(where: { $0.subject.hasPrefix("Ответ на приглашение") }) {
                let text = Message.parse(ack.raw).textBody.replacingOccurrences(of: "\r\n", with: " ")
                    .replacingOccurrences(of: "\n", with: " ")
                #expect(text.contains(says[index]), "\(user): \(text)")
            }
        }
        let scorer = try Self.subjects(env, expert, count: 3)
        #expect(scorer.count == 3, "\(scorer.map(\.subject))")
        for number in 1...3 {
            #expect(scorer.filter { $0.subject == "Оценка мотивации участника (заявка № \(number)) записана" }.count == 1)
        }
    }
}
