// Plan: which reply each message gets, the once-a-day help, stage windows, headers.
import Foundation
import GRDB
import MailMessage
import Testing
@testable import Pipeline
import Settings
import Store

@Suite struct PlanTests {
    @Test func helpAtMostOncePerDayPerSenderButEveryQuestionRecorded() throws {
        let harness = try Harness()
        for i in 1...3 {
            harness.mailbox.deliver(Mail.make(from: "asker@example.test", subject: "Вопрос \(i)", body: "?", id: "q\(i)@x"))
        }
        try harness.run()
        #expect(try harness.outbox().map(\.template) == ["help"])
        #expect(try harness.store.status().openQuestions == 3)
        harness.mailbox.deliver(Mail.make(from: "asker@example.test", body: "Снова", id: "q4@x"))
        try harness.run(now: Harness.t0.addingTimeInterval(86_400))
        let keys = try harness.outbox().map(\.dedupeKey)
        #expect(keys == ["help:asker@example.test:2026-09-21", "help:asker@example.test:2026-09-22"])
    }

    @Test(arguments: [
        ("Auto-Submitted: auto-replied", "auto_reply"),
        ("Precedence: bulk", "bulk"),
        ("List-Id: <news.example.test>", "bulk"),
        ("X-Spam-Flag: YES", "spam"),
        ("X-Internships-Loop: intake@example.test", "own"),
        ("Content-Type: multipart/report; report-type=delivery-status", "bounce"),
    ])
    func robotsGetNothing(header: String, wantClass: String) throws {
        let harness = try Harness()
        harness.mailbox.deliver(Mail.make(from: "r@example.test", body: Mail.program(org: "А"), id: "r@x", headers: [header]))
        try harness.run()
        let row = try #require(try harness.inbound().first)
        #expect(row.class == wantClass && row.disposition == .robot && row.ackedAt != nil)
        #expect(try harness.outbox().isEmpty)
        #expect(try harness.submissions().isEmpty)
    }

    @Test(arguments: [
        (-86_400.0, 86_400.0, "ack"),
        (3600.0, 86_400.0, "not_open"),
        (-86_400.0, -1.0, "closed"),
    ])
    func stageWindow(startOffset: TimeInterval, endOffset: TimeInterval, want: String) throws {
        var config = PipelineConfig(campaign: "c", programmeAddress: "intake@example.test", answerExistingOnFirstRun: true)
        config.windows["program"] = DateInterval(start: Harness.t0.addingTimeInterval(startOffset),
                                                 end: Harness.t0.addingTimeInterval(endOffset))
        let harness = try Harness(config: config)
        harness.mailbox.deliver(Mail.make(from: "h@example.test", body: Mail.program(org: "А"), id: "w@x"))
        try harness.run()
        #expect(try harness.outbox().map(\.template) == [want])
        #expect(try harness.submissions().count == (want == "ack" ? 1 : 0))
    }

    @Test func repliesToOneAddressAreCappedPerDay() throws {
        var config = PipelineConfig(campaign: "c", programmeAddress: "intake@example.test", answerExistingOnFirstRun: true)
        config.maxRepliesPerRecipientPerDay = 3
        let harness = try Harness(config: config)
        for i in 1...5 {
            harness.mailbox.deliver(Mail.make(from: "loop@example.test", subject: "Re: Заявка № 1 принята",
                                              body: Mail.program(org: "АНО А"), id: "l\(i)@x"))
        }
        try harness.run()
        #expect(try harness.outbox().map(\.state) == [.sent, .sent, .sent, .held, .held])
        #expect(harness.sender.accepted.count == 3)
        // Next day the address gets answers again.
        harness.mailbox.deliver(Mail.make(from: "loop@example.test", body: Mail.program(org: "АНО А"), id: "l6@x"))
        try harness.run(now: Harness.t0.addingTimeInterval(86_400))
        #expect(harness.sender.accepted.count == 4)
    }

    @Test func scoreFromUnregisteredAddressIsHeldNotAnswered() throws {
        let harness = try Harness()
        harness.mailbox.deliver(Mail.make(from: "stranger@example.test",
                                          body: Mail.score(expert: "X", number: "1"), id: "s@x"))
        harness.mailbox.deliver(Mail.make(from: "Expert1@Example.test",
                                          body: Mail.score(expert: "X", number: "заявка № 1"), id: "e@x"))
        try harness.run()
        let states = try harness.inbound().map { "\($0.state.rawValue) \($0.disposition?.rawValue ?? "-")" }
        #expect(states == ["held held", "parsed submitted"])
        #expect(try harness.outbox().map(\.recipient) == ["expert1@example.test"])
        #expect(try harness.submissions().map(\.key) == ["expert1@example.test|1"])
    }

    @Test(arguments: [
        ("mx.example.test; dmarc=fail header.from=example.test", "held"),
        ("mx.example.test; spf=fail smtp.mailfrom=x; dkim=fail header.d=x", "held"),
        ("mx.example.test; spf=fail smtp.mailfrom=x; dkim=pass header.d=example.test", "parsed"),
        ("mx.example.test; dmarc=pass", "parsed"),
    ])
    func expertScoreFailingAuthenticationIsHeld(results: String, wantState: String) throws {
        let harness = try Harness()
        harness.mailbox.deliver(Mail.make(from: "expert1@example.test", body: Mail.score(expert: "X", number: "1"), id: "a@x",
                                          headers: ["Authentication-Results: \(results)",
                                                    "Authentication-Results: forged.example; dmarc=pass"]))
        try harness.run()
        #expect(try harness.inbound().map(\.state.rawValue) == [wantState])
        #expect(try harness.outbox().count == (wantState == "held" ? 0 : 1))
    }

    @Test func errorReplyListsEveryProblemWithTheFormPrefilled() throws {
        let harness = try Harness()
        var body = Mail.program(org: "АНО Б", inn: nil).replacingOccurrences(of: "[x]", with: "[ ]")
        body = body.replacingOccurrences(of: "Название программы: «Инклюзивный туризм»\n", with: "")
        harness.mailbox.deliver(Mail.make(from: "h@example.test", body: body, id: "e@x"))
        try harness.run()
        let row = try #require(try harness.outbox().first)
        #expect(row.template == "errors")
        let content = try #require(harness.renderer.contents.first)
        let codes = Set(content.errors.map(\.code))
        #expect(codes.isSuperset(of: ["missing:inn", "missing:program_title", "consent_not_given"]), "\(codes)")
        let text = Mail.replyText([UInt8](row.raw))
        for problem in content.errors { #expect(text.contains(problem.message)) }
        #expect(text.contains("Организация: АНО Б"))
        #expect(text.contains("ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ"))
        // The blank form, pre-filled: understood values in place, the rest left to fill.
        #expect(text.contains("Версия формы: program-2023.1"))
        #expect(text.contains("Согласие на обработку персональных данных: [ ]"))
        #expect(text.contains("Количество мест: 10"))
        #expect(text.contains("ИНН:\n"))
    }

    @Test func replyHeadersTieTheReplyToItsCause() throws {
        let harness = try Harness()
        harness.mailbox.deliver(Mail.make(from: "h@example.test", body: Mail.program(org: "А"), id: "cause@x",
                                          headers: ["Reply-To: Офис <office@example.test>"]))
        try harness.run()
        let row = try #require(try harness.outbox().first)
        let raw = [UInt8](row.raw)
        #expect(row.recipient == "office@example.test")
        #expect(Mail.header("To", in: raw) == "office@example.test")
        #expect(Mail.header("Message-ID", in: raw) == "<\(row.messageID)>")
        #expect(row.messageID.hasSuffix("@example.test"))
        #expect(Mail.header("In-Reply-To", in: raw) == "<cause@x>")
        #expect(Mail.header("References", in: raw) == "<cause@x>")
        #expect(Mail.header("Auto-Submitted", in: raw) == "auto-replied")
        #expect(Mail.header("X-Internships-Loop", in: raw) == "intake@example.test")
        #expect(Mail.header("Reply-To", in: raw) == "intake@example.test")
        // RFC 2047 encoded subject carries the application number.
        let parsed = Message.parse(raw)
        #expect(parsed.subject?.contains("№ 1") == true, "\(parsed.subject ?? "-")")
        #expect(parsed.from.first?.normalized == "intake@example.test")
        #expect(parsed.inReplyTo == ["cause@x"])
        // Our own reply, if it comes back, is recognised as ours (RFC 3834 loop prevention).
        let classifier = Classifier(ownAddresses: ["intake@example.test"])
        #expect(classifier.classify(parsed) == .own)
        #expect(parsed.textBody.contains("№ 1"))
        #expect(parsed.htmlText != nil)
        // Every line within RFC 5322 §2.1.1's 78 recommended characters.
        let lines = String(decoding: raw, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
    }
}

@Suite struct ConfigMappingTests {
    @Test func settingsMapToStageWindowsAndAddresses() throws {
        let settings = try Settings.parse(Settings.exampleTOML, file: URL(fileURLWithPath: "/tmp/internships.toml"))
        let config = PipelineConfig(settings: settings)
        #expect(config.programmeAddress == "intake@example.org")
        #expect(config.ownAddresses.contains("intake@example.org"))
        #expect(config.experts.contains("expert1@example.org"))
        #expect(config.timeZone.identifier == "Asia/Yekaterinburg")
        let program = try #require(config.windows["program"])
        let participant = try #require(config.windows["participant"])
        let score = try #require(config.windows["score"])
        // Whole days in Perm time (UTC+5): a window starts at local midnight, 19:00 UTC.
        #expect(Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC") ?? .current,
                                                                from: program.start).hour == 19)
        #expect(program.duration.truncatingRemainder(dividingBy: 86_400) == 0)
        #expect(program.start < participant.start && score.end > program.end)
        #expect(config.day(of: program.start) == config.day(of: program.start.addingTimeInterval(86_399)))
    }
}
