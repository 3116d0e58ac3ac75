// Participants at intake (eligibility echoed in the acknowledgement), motivation import and
// the selection draft, over a real SQLite file with fake mail edges.
import Foundation
import GRDB
import MailMessage
import Programme
import Testing
@testable import Pipeline
import Store

enum ParticipantMail {
    static let tables: PlaceTables = {
        let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data")
        func text(_ name: String) -> String {
            (try? String(contentsOf: data.appendingPathComponent(name), encoding: .utf8)) ?? ""
        }
        return PlaceTables(municipalitiesCSV: text("perm-krai-municipalities.csv"),
                           settlementsCSV: text("perm-krai-settlements.csv"))
    }()

    static func form(name: String, district: String, locality: String, km: String, choices: [String],
                     position: String = "волонтёр") -> String {
        """
        ЗАЯВКА УЧАСТНИКА
        ФИО: \(name)
        Организация: АНО «Добрые руки»
        Должность (сотрудник/волонтёр): \(position)
        Муниципальный округ: \(district)
        Населённый пункт: \(locality)
        Расстояние до Перми (км): \(km)
        Телефон: 8 912 345 67 89
        Email: p@example.test
        Выбранные программы (не более 3, в порядке приоритета):
        \(choices.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n"))
        Мотивация:
        Хочу научиться.
        Согласие на обработку персональных данных: [x]

        """
    }

    static func program(org: String, title: String, seats: Int, email: String = "host@example.test") -> String {
        """
        ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ
        Организация: \(org)
        ИНН: 5902123456
        Населённый пункт: Пермь
        Название программы: «\(title)»
        Описание программы: Один день в организации.
        Продолжительность (дней: 1 или 2): 1
        Даты проведения: 15.10.2026
        Количество мест: \(seats)
        Адрес площадки: г. Пермь, ул. Ленина, 1
        Контактное лицо: Петрова Анна
        Телефон: 8 (342) 212-34-56
        Email: \(email)
        Согласие на обработку персональных данных: [x]

        """
    }

    static func harness(places: Bool = true) throws -> Harness {
        var config = PipelineConfig(campaign: "perm-2026", programmeAddress: "intake@example.test",
                                    answerExistingOnFirstRun: true)
        if places { config.places = tables }
        return try Harness(config: config)
    }
}

@Suite struct ParticipantIntakeTests {
    @Test(arguments: [
        ("Кудымкарский", "г. Кудымкар", "145", "eligible",
         "Условие об удалённости от Перми: Кудымкар — 145 км от Перми по прямой, условие 50 км выполнено."),
        ("Добрянский район", "пгт Полазна", "33", "ineligible",
         "Условие об удалённости от Перми: Полазна — 33 км от Перми по прямой, условие 50 км не выполнено."),
        ("Нигдейский", "Нигдеевка", "120", "review",
         "Условие об удалённости от Перми: не удалось найти населённый пункт «Нигдеевка, Нигдейский» в справочнике, заявку проверит координатор."),
        ("Кудымкарский", "Кудымкар", "около 40 км", "review",
         "в заявке указано 40 км — расстояние проверит координатор."),
    ])
    func acknowledgementEchoesEligibility(district: String, locality: String, km: String, outcome: String,
                                          want: String) throws {
        let harness = try ParticipantMail.harness()
        harness.mailbox.deliver(Mail.make(
            from: "p1@example.test",
            body: ParticipantMail.form(name: "Лунёв Пётр", district: district, locality: locality, km: km,
                                       choices: ["№1"]), id: "p1@x"))
        try harness.run()
        let outbox = try harness.outbox()
        #expect(outbox.map(\.template) == ["ack"])
        let text = Mail.replyText([UInt8](try #require(outbox.first).raw)).replacingOccurrences(of: "\r\n", with: "\n")
        let unfolded = text.replacingOccurrences(of: "\n", with: " ")
        #expect(unfolded.contains(want))
        let rows = try harness.store.pool.read { try EligibilityRecord.fetchAll($0) }
        #expect(rows.map(\.outcome) == [outcome])
        #expect(rows.first?.participantNumber == 1)
    }

    @Test func withoutTablesNoEligibilityLine() throws {
        let harness = try ParticipantMail.harness(places: false)
        harness.mailbox.deliver(Mail.make(
            from: "p1@example.test",
            body: ParticipantMail.form(name: "Лунёв Пётр", district: "Кудымкарский", locality: "Кудымкар", km: "145",
                                       choices: ["№1"]), id: "p1@x"))
        try harness.run()
        let text = Mail.replyText([UInt8](try #require(harness.outbox().first).raw))
        #expect(!text.contains("Условие об удалённости"))
        #expect(try harness.store.pool.read { try EligibilityRecord.fetchCount($0) } == 0)
    }

    @Test func resubmissionGetsItsOwnDecisionAndRerunChangesNothing() throws {
        let harness = try ParticipantMail.harness()
        harness.mailbox.deliver(Mail.make(
            from: "p1@example.test",
            body: ParticipantMail.form(name: "Лунёв Пётр", district: "Пермский район", locality: "Ванюки", km: "60",
                                       choices: ["№1"]), id: "p1@x"))
        try harness.run()
        harness.mailbox.deliver(Mail.make(
            from: "p1@example.test",
            body: ParticipantMail.form(name: "Лунёв Пётр", district: "Пермский район", locality: "Юго-Камский", km: "52",
                                       choices: ["№1"]), id: "p2@x"))
        try harness.run(now: Harness.t0.addingTimeInterval(3600))
        try harness.run(now: Harness.t0.addingTimeInterval(7200))
        let rows = try harness.store.pool.read { try EligibilityRecord.order(Column("submissionID")).fetchAll($0) }
        #expect(rows.map(\.outcome) == ["review", "eligible"])
        #expect(rows.map(\.participantNumber) == [1, 1])
        #expect(try harness.outbox().count == 2)
    }
}

@Suite struct ParticipantSelectionTests {
    /// Two programmes (1 seat, 2 seats), five applicants, scores by CSV.
    static func season() throws -> Harness {
        let harness = try ParticipantMail.harness()
        harness.mailbox.deliver(Mail.make(from: "host1@example.test",
                                          body: ParticipantMail.program(org: "АНО «Кама»", title: "Инклюзивный туризм", seats: 1),
                                          id: "h1@x"))
        harness.mailbox.deliver(Mail.make(from: "host2@example.test",
                                          body: ParticipantMail.program(org: "Фонд «Парма»", title: "Волонтёрский центр", seats: 2),
                                          id: "h2@x"))
        let people: [(String, String, String, String, [String])] = [
            ("Анна", "Кудымкарский", "Кудымкар", "145", ["№1 «Инклюзивный туризм»", "«Волонтёрский центр»"]),
            ("Борис", "Кудымкарский", "Кудымкар", "145", ["№1"]),
            ("Вера", "Осинский", "Оса", "93", ["№1", "№2"]),
            ("Глеб", "Пермский район", "Кондратово", "9", ["№1"]),
            ("Дина", "Чайковский", "Чайковский", "189", ["№2"]),
        ]
        for (i, p) in people.enumerated() {
            harness.mailbox.deliver(Mail.make(
                from: "p\(i + 1)@example.test",
                body: ParticipantMail.form(name: p.0, district: p.1, locality: p.2, km: p.3, choices: p.4), id: "p\(i)@x"))
        }
        try harness.run()
        return harness
    }

    @Test func importThenSelect() throws {
        let harness = try Self.season()
        let desk = ParticipantDesk(store: harness.store, campaign: "perm-2026")
        let report = try desk.importScores(csv: """
            application_number,motivation,comment
            1,8,
            2,9,
            3,9,
            4,10,близко к Перми
            5,4,
            99,5,
            2,x,
            """, defaultScorer: "coordinator", now: Harness.t0)
        #expect(report.recorded == 5)
        #expect(report.problems.count == 2)
        let selection = try desk.select(winners: nil, rules: SelectionRules(maxProgrammesPerPerson: 1),
                                        now: Harness.t0.addingTimeInterval(60))
        // Глеб (10) is ineligible. Round 1: Борис and Вера tie at 9 for programme 1; both
        // municipalities are new, same submission time, so the lower number (Борис) wins; Дина
        // takes programme 2. Round 2: Вера (9) before Анна (8) on programme 2.
        #expect(selection.seated[1] == [2])
        #expect(selection.seated[2] == [5, 3])
        #expect(selection.reserve[1] == [1])
        #expect(selection.reserve[2] == [1])
        #expect(selection.reasons[4] == "Заявка не участвует в отборе: условие об удалённости от Перми не выполнено.")
        let stored = try harness.store.pool.read { try Placement.order(Column("programmeNumber"), Column("status").desc, Column("rank")).fetchAll($0) }
        #expect(stored.map { "\($0.programmeNumber) \($0.status) \($0.rank) \($0.participantNumber)" }
                == ["1 seated 1 2", "1 reserve 1 1", "2 seated 1 5", "2 seated 2 3", "2 reserve 1 1"])
        let preview = try desk.preview()
        #expect(preview.contains("  место 1: № 2 Борис"))
        #expect(preview.contains { $0.hasPrefix("№ 1: Программа № 1 (приоритет 1): резерв, место 1") })

        // Re-running select gives the same draft; a released one is never rewritten.
        try desk.select(winners: nil, rules: SelectionRules(), now: Harness.t0.addingTimeInterval(120))
        #expect(try harness.store.pool.read { try Placement.fetchCount($0) } == 5)
        try harness.store.pool.write { try $0.execute(sql: "UPDATE placement SET releasedAt = ?", arguments: [Harness.t0]) }
        #expect(throws: PipelineError.self) {
            try desk.select(winners: nil, rules: SelectionRules(), now: Harness.t0.addingTimeInterval(180))
        }
    }

    @Test func winnersOnly() throws {
        let harness = try Self.season()
        let desk = ParticipantDesk(store: harness.store, campaign: "perm-2026")
        let selection = try desk.select(winners: [2], rules: SelectionRules(), now: Harness.t0)
        #expect(selection.seated.keys.sorted() == [2])
        // Дина's first choice wins round 1. Анна's first choice did not win; in round 2 she and
        // Вера are unscored, from new municipalities, submitted together: the lower number.
        #expect(selection.seated[2] == [5, 1])
        #expect(selection.reserve[2] == [3])
    }
}

@Suite struct BundledPlacesTests {
    /// The compiled-in copy must equal data/ (re-run scripts/embed-places after editing data/).
    @Test func bundledEqualsDataFolder() {
        #expect(PlaceTables.bundled.municipalities == ParticipantMail.tables.municipalities)
        #expect(PlaceTables.bundled.settlements == ParticipantMail.tables.settlements)
        #expect(PlaceTables.bundled.settlements.count == 88)
    }
}

@Suite struct SelectionReleaseTests {
    @Test func releaseQueuesOneLetterEachOnceAndFreezes() throws {
        let harness = try ParticipantSelectionTests.season()
        let desk = ParticipantDesk(store: harness.store, campaign: "perm-2026")
        _ = try desk.importScores(csv: "application_number,motivation\n1,8\n2,9\n3,9\n4,10\n5,4\n",
                                  defaultScorer: "coordinator", now: Harness.t0)
        try desk.select(winners: nil, rules: SelectionRules(), now: Harness.t0)
        let templates = harness.renderer.inner as? TemplateReplyRenderer
        let set = try #require(templates?.templates)
        let before = try harness.outbox().count
        let report = try desk.release(templates: set, campaignTitle: "Стажировки НКО 2026", config: harness.config,
                                      now: Harness.t0.addingTimeInterval(60))
        #expect(report.queued == 5)
        let again = try desk.release(templates: set, campaignTitle: "Стажировки НКО 2026", config: harness.config,
                                     now: Harness.t0.addingTimeInterval(120))
        #expect(again.queued == 0 && again.alreadyQueued == 5)
        let letters = try harness.outbox().dropFirst(before)
        #expect(letters.map(\.recipient) == (1...5).map { "p\($0)@example.test" })
        let texts = letters.map { Mail.replyText([UInt8]($0.raw)).replacingOccurrences(of: "\r\n", with: "\n") }
        #expect(texts[1].contains("Вы выбраны: программа № 1 «Инклюзивный туризм»."))
        #expect(texts[0].contains("Вы в резерве программы № 1 «Инклюзивный туризм», место в резерве — 1."))
        #expect(texts[3].contains("К сожалению, в этот раз вы не прошли отбор."))
        #expect(Mail.header("Auto-Submitted", in: [UInt8](letters[letters.startIndex].raw)) == "auto-generated")
        #expect(throws: PipelineError.self) { try desk.select(winners: nil, rules: SelectionRules(), now: Harness.t0) }
        // Delivered by the ordinary deliver stage.
        try harness.run(now: Harness.t0.addingTimeInterval(180))
        #expect(try harness.outbox().filter { $0.template == "selection_result" }.allSatisfy { $0.state == .sent })
    }
}

@Suite struct InvitationPassTests {
    @Test func invitePromoteOnDeclineAndSilence() throws {
        let harness = try ParticipantSelectionTests.season()
        let desk = ParticipantDesk(store: harness.store, campaign: "perm-2026")
        _ = try desk.importScores(csv: "application_number,motivation\n1,8\n2,9\n3,9\n4,10\n5,4\n",
                                  defaultScorer: "coordinator", now: Harness.t0)
        try desk.select(winners: nil, rules: SelectionRules(), now: Harness.t0)
        let set = try #require((harness.renderer.inner as? TemplateReplyRenderer)?.templates)
        let settings = InvitationSettings(answerWithin: .seconds(5 * 86_400))
        #expect(throws: PipelineError.self) {
            try desk.invite(templates: set, campaignTitle: "С", config: harness.config, settings: settings, now: Harness.t0)
        }
        _ = try desk.release(templates: set, campaignTitle: "С", config: harness.config, now: Harness.t0)

        let first = try desk.invite(templates: set, campaignTitle: "С", config: harness.config, settings: settings, now: Harness.t0)
        #expect(first == InvitationReport(invited: 3, expired: 0))
        let again = try desk.invite(templates: set, campaignTitle: "С", config: harness.config, settings: settings, now: Harness.t0)
        #expect(again == InvitationReport(invited: 0, expired: 0))
        func invitations() throws -> [String] {
            try harness.store.pool.read { db in
                try Invitation.order(Column("id")).fetchAll(db).map { "\($0.programmeNumber):\($0.participantNumber) \($0.status)" }
            }
        }
        #expect(try invitations() == ["1:2 pending", "2:5 pending", "2:3 pending"])

        let mail = try #require(try harness.outbox().first { $0.template == "invitation" })
        let raw = String(decoding: mail.raw, as: UTF8.self)
        let subject = try #require(Mail.header("Subject", in: [UInt8](mail.raw)))
        let decoded = Message.parse([UInt8](mail.raw)).subject ?? ""
        #expect(decoded.hasPrefix("[Требуется ответ] Приглашение на стажировку «Инклюзивный туризм» [INV-"))
        #expect(!subject.isEmpty)
        #expect(raw.contains("text/calendar") && raw.contains("invite.ics"))

        // Борис declines: Анна (reserve 1 of programme 1) is invited.
        try harness.store.pool.write {
            try $0.execute(sql: "UPDATE invitation SET status = 'declined', answeredAt = ? WHERE participantNumber = 2",
                           arguments: [Harness.t0])
        }
        let second = try desk.invite(templates: set, campaignTitle: "С", config: harness.config, settings: settings,
                                     now: Harness.t0.addingTimeInterval(86_400))
        #expect(second == InvitationReport(invited: 1, expired: 0))
        // Silence of Дина and Вера past their deadline: expired; Анна holds a pending seat (K=1),
        // so programme 2 has nobody left to offer.
        try harness.store.pool.write {
            try $0.execute(sql: "UPDATE invitation SET status = 'confirmed', answeredAt = ? WHERE participantNumber = 1",
                           arguments: [Harness.t0])
        }
        let third = try desk.invite(templates: set, campaignTitle: "С", config: harness.config, settings: settings,
                                    now: Harness.t0.addingTimeInterval(6 * 86_400))
        #expect(third == InvitationReport(invited: 0, expired: 2, hostLists: 1))
        let fourth = try desk.invite(templates: set, campaignTitle: "С", config: harness.config, settings: settings,
                                     now: Harness.t0.addingTimeInterval(7 * 86_400))
        #expect(fourth == InvitationReport())
        let lists = try harness.outbox().filter { $0.template == "host_confirmed" }
        #expect(lists.map(\.recipient) == ["host@example.test"])
        #expect(lists.map(\.dedupeKey) == ["hostlist:1:1"])
        let listText = Mail.replyText([UInt8](try #require(lists.first).raw)).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(listText.contains("1. Анна — АНО «Добрые руки», Кудымкар"))
        #expect(listText.contains("Сейчас подтвердили 1 из 1"))
        #expect(try invitations() == ["1:2 declined", "2:5 expired", "2:3 expired", "1:1 confirmed"])
        #expect(try harness.outbox().filter { $0.template == "invitation" }.map(\.recipient)
                == ["p2@example.test", "p5@example.test", "p3@example.test", "p1@example.test"])
    }
}
