// Participants on the real Dovecot and Postfix (loopback): applications over IMAPS with the
// eligibility echoed in the ack, selection letters and invitations (with .ics) over SMTPS, a
// decline promoting the reserve — each mailbox read back: every expected mail exactly once.
// Fails (never skips) when the servers are missing.
import Foundation
import GRDB
import Logging
import MailMessage
import MailTransport
import Programme
import Testing
@testable import Pipeline
import Store

@Suite(.serialized) struct ParticipantsEndToEndTests {
    @Test func applicationsSelectionInvitationsAndPromotion() throws {
        let env = try MailEnv.require()
        let tag = UUID().uuidString.lowercased().prefix(8)
        let intake = "intake-\(tag)@example.test"
        let host = "host-\(tag)@example.test"
        let person = (0..<4).map { "part-\(tag)-\($0)@example.test" }
        var logger = Logger(label: "e2e-participants")
        logger.logLevel = .warning

        let inbox = try IMAPSession(settings: env.imap(intake), logger: logger)
        try inbox.append(mailbox: "INBOX", bytes: Mail.make(
            from: host, body: ParticipantMail.program(org: "АНО «Кама»", title: "Инклюзивный туризм", seats: 1, email: host),
            id: "h-\(tag)@example.test"))
        let people: [(String, String, String, String)] = [
            ("Анна", "Кудымкарский", "Кудымкар", "145"),      // eligible
            ("Борис", "Осинский", "г. Оса", "93"),            // eligible
            ("Вера", "Пермский район", "Кондратово", "9"),    // too close
            ("Глеб", "Нигдейский", "Нигдеевка", "100"),       // unknown place: review
        ]
        for (i, p) in people.enumerated() {
            try inbox.append(mailbox: "INBOX", bytes: Mail.make(
                from: person[i], body: ParticipantMail.form(name: p.0, district: p.1, locality: p.2, km: p.3, choices: ["№1"]),
                id: "p\(i)-\(tag)@example.test"))
        }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-part-\(tag)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(path: directory.appendingPathComponent("internships.sqlite").path)
        var config = PipelineConfig(campaign: "e2e", programmeAddress: intake, programmeName: "Стажировки НКО",
                                    answerExistingOnFirstRun: true)
        config.places = .bundled
        let renderer = try RecordingRenderer()
        let runner = Runner(stages: Stages(store: store, config: config, reader: StandardMessageReader.standard(config: config),
                                           renderer: renderer, logger: logger))
        let source = try IMAPMailboxSource(settings: env.imap(intake), logger: logger)
        let sender = try SMTPMailSender(settings: env.smtp(intake), logger: logger)
        let t0 = Date()
        let first = try runner.run(source: source, sender: sender, now: t0)
        #expect(first.exitStatus == .ok, "\(first.problems)")
        #expect(first.deliver?.sent == 5)

        let desk = ParticipantDesk(store: store, campaign: "e2e")
        _ = try desk.importScores(csv: "application_number,motivation\n1,9\n2,7\n3,10\n4,10\n", defaultScorer: "c", now: t0)
        try desk.select(winners: nil, rules: SelectionRules(), now: t0)
        let templates = try #require((renderer.inner as? TemplateReplyRenderer)?.templates)
        _ = try desk.release(templates: templates, campaignTitle: "Стажировки НКО", config: config, now: t0)
        let invited = try desk.invite(templates: templates, campaignTitle: "Стажировки НКО", config: config,
                                      settings: InvitationSettings(), now: t0)
        #expect(invited == InvitationReport(invited: 1, expired: 0))
        let second = try runner.run(source: source, sender: sender, now: t0.addingTimeInterval(1))
        #expect(second.deliver?.sent == 5, "4 selection letters + 1 invitation")

        // Анна answers НЕТ by replying to the invitation (subject token); Борис is promoted.
        let annaBox = try IMAPSession(settings: env.imap(person[0]), logger: logger)
        #expect(try waitForMail(annaBox, count: 3) == 3)
        let invitationID = try #require(try store.pool.read { try Invitation.fetchOne($0)?.messageID })
        let token = try #require(try store.pool.read { try Invitation.fetchOne($0)?.token })
        try inbox.append(mailbox: "INBOX", bytes: Mail.make(
            from: person[0], subject: "Re: [Требуется ответ] Приглашение на стажировку [\(token)]",
            body: "НЕТ, к сожалению не смогу.\n\n> Приглашаем вас", id: "rsvp-\(tag)@example.test",
            headers: ["In-Reply-To: <\(invitationID)>"]))
        let answered = try runner.run(source: source, sender: sender, now: t0.addingTimeInterval(30))
        #expect(answered.deliver?.sent == 1, "the rsvp acknowledgement")
        #expect(try store.pool.read { try Invitation.fetchOne($0)?.status } == "declined")
        let promoted = try desk.invite(templates: templates, campaignTitle: "Стажировки НКО", config: config,
                                       settings: InvitationSettings(), now: t0.addingTimeInterval(60))
        #expect(promoted == InvitationReport(invited: 1, expired: 0))
        let third = try runner.run(source: source, sender: sender, now: t0.addingTimeInterval(61))
        #expect(third.deliver?.sent == 1)

        // Борис answers ДА by a reply that keeps only the thread (In-Reply-To) and the token;
        // the host gets the confirmed list once.
        let borisBox = try IMAPSession(settings: env.imap(person[1]), logger: logger)
        #expect(try waitForMail(borisBox, count: 3) == 3)
        let borisToken = try #require(try store.pool.read {
            try Invitation.filter(Column("participantNumber") == 2).fetchOne($0)?.token
        })
        try inbox.append(mailbox: "INBOX", bytes: Mail.make(
            from: person[1], subject: "RE: Приглашение [\(borisToken)]", body: "Да", id: "rsvp2-\(tag)@example.test"))
        _ = try runner.run(source: source, sender: sender, now: t0.addingTimeInterval(90))
        let lists = try desk.invite(templates: templates, campaignTitle: "Стажировки НКО", config: config,
                                    settings: InvitationSettings(), now: t0.addingTimeInterval(120))
        #expect(lists == InvitationReport(invited: 0, expired: 0, hostLists: 1))
        _ = try runner.run(source: source, sender: sender, now: t0.addingTimeInterval(121))
        let hostBox = try IMAPSession(settings: env.imap(host), logger: logger)
        #expect(try waitForMail(hostBox, count: 2) == 2)
        Thread.sleep(forTimeInterval: 0.5)
        let hostStatus = try hostBox.status(mailbox: "INBOX")
        #expect(hostStatus.messages == 2, "the programme ack and one confirmed list")
        let hostSubjects = try hostBox.searchUIDs(mailbox: "INBOX").map {
            Message.parse(try hostBox.fetch(mailbox: "INBOX", uidValidity: hostStatus.uidValidity, uid: $0)).subject ?? ""
        }
        #expect(hostSubjects.filter { $0.hasPrefix("Участники, подтвердившие стажировку: программа № 1") }.count == 1, "\(hostSubjects)")

        // Every mailbox: exactly the expected subjects, once each.
        let want: [[String]] = [
            ["Заявка участника № 1 принята", "Итоги отбора участников стажировок (заявка № 1)", "[Требуется ответ] Приглашение",
             "Ответ на приглашение получен (заявка № 1)"],
            ["Заявка участника № 2 принята", "Итоги отбора участников стажировок (заявка № 2)", "[Требуется ответ] Приглашение",
             "Ответ на приглашение получен (заявка № 2)"],
            ["Заявка участника № 3 принята", "Итоги отбора участников стажировок (заявка № 3)"],
            ["Заявка участника № 4 принята", "Итоги отбора участников стажировок (заявка № 4)"],
        ]
        let ackLine = [
            "Кудымкар — 145 км от Перми по прямой, условие 50 км выполнено",
            "Оса — 94 км от Перми по прямой, условие 50 км выполнено",
            "Кондратово — 9 км от Перми по прямой, условие 50 км не выполнено",
            "не удалось найти населённый пункт «Нигдеевка, Нигдейский» в справочнике, заявку проверит координатор",
        ]
        for (i, subjects) in want.enumerated() {
            let box = try IMAPSession(settings: env.imap(person[i]), logger: logger)
            #expect(try waitForMail(box, count: subjects.count) == subjects.count, "person \(i)")
            Thread.sleep(forTimeInterval: 0.5)
            let status = try box.status(mailbox: "INBOX")
            #expect(status.messages == subjects.count, "person \(i): nothing else")
            var got: [String] = []
            for uid in try box.searchUIDs(mailbox: "INBOX") {
                let mail = Message.parse(try box.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: uid))
                let subject = mail.subject ?? ""
                got.append(subject)
                let text = mail.textBody.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
                if subject.hasPrefix("Заявка участника") { #expect(text.contains(ackLine[i]), "\(text)") }
                if subject.hasPrefix("Ответ на приглашение") {
                    let want = i == 0 ? "вы отказались от участия в стажировке «Инклюзивный туризм»"
                        : "вы подтвердили участие в стажировке «Инклюзивный туризм»"
                    #expect(text.contains(want), "\(text)")
                }
                if subject.hasPrefix("[Требуется ответ]") {
                    #expect(subject.contains("[INV-"))
                    let raw = String(decoding: try box.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: uid), as: UTF8.self)
                    #expect(raw.contains("text/calendar") && raw.contains("invite.ics"))
                    #expect(mail.header("Auto-Submitted") == "auto-generated")
                }
            }
            for (index, prefix) in subjects.enumerated() {
                #expect(got.filter { $0.hasPrefix(prefix) }.count == 1, "person \(i) mail \(index): \(got)")
            }
        }
    }
}
