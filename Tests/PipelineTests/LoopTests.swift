// Loops (RFC 3834): robots are never answered, our own mail coming back is recognised, and a
// flood from one sender is all recorded but answered at most once a day per reply kind.
import Foundation
import GRDB
import Testing
@testable import Pipeline
import Store

@Suite("Loops (RFC 3834)", .serialized)
struct LoopTests {
    /// Each robot marker: recorded, never answered.
    @Test(arguments: [
        ["Auto-Submitted: auto-replied"], ["Auto-Submitted: auto-generated"], ["Auto-Submitted: auto-notified"],
        ["Precedence: bulk"], ["Precedence: junk"], ["Precedence: list"], ["Precedence: auto_reply"],
        ["List-Id: <news.example.test>"], ["List-Unsubscribe: <mailto:u@example.test>"], ["X-Autoreply: yes"],
        ["X-Spam-Flag: YES"], ["Content-Type: multipart/report; report-type=delivery-status"],
        ["X-Internships-Loop: intake@example.test"],
    ])
    func robotsAreRecordedNeverAnswered(headers: [String]) throws {
        let harness = try Harness()
        // A valid form and a question: a person would get a reply to either.
        harness.mailbox.deliver(Mail.make(from: "robot@example.test", body: Mail.program(org: "АНО Робот"),
                                          id: "r1@x", headers: headers))
        harness.mailbox.deliver(Mail.make(from: "robot@example.test", subject: "Вопрос", body: "Как?",
                                          id: "r2@x", headers: headers))
        let report = try harness.run()
        #expect(report.exitStatus == .ok)
        #expect(try harness.inbound().count == 2)
        #expect(try harness.inbound().allSatisfy { $0.class != "human" && $0.disposition == .robot }, "\(headers)")
        #expect(try harness.outbox().isEmpty, "\(headers)")
        #expect(harness.sender.accepted.isEmpty)
    }

    /// Our own replies coming back (a forwarding loop, a misconfigured alias) are recognised,
    /// by From and by our loop header, even when a relay rewrote From.
    @Test func ownMailComingBackIsNotAnswered() throws {
        let harness = try Harness()
        harness.mailbox.deliver(Mail.make(from: "person@example.test", body: Mail.program(org: "АНО Эхо"), id: "e1@x"))
        harness.mailbox.deliver(Mail.make(from: "person2@example.test", subject: "Вопрос", body: "?", id: "e2@x"))
        try harness.run()
        let sent = harness.sender.accepted.map(\.raw)
        #expect(sent.count == 2)
        // 1. The exact bytes back in our inbox.
        for raw in sent { harness.mailbox.deliver(raw) }
        // 2. A forwarder that rewrote From but kept our headers.
        for raw in sent {
            let text = String(decoding: raw, as: UTF8.self)
            let rewritten = text.replacingOccurrences(of: "From: ", with: "X-Original-From: ")
            harness.mailbox.deliver(Array(("From: forwarder@example.test\r\n" + rewritten).utf8))
        }
        // 3. From our address with no loop header at all.
        harness.mailbox.deliver(Mail.make(from: "intake@example.test", subject: "Re: Заявка",
                                          body: Mail.program(org: "АНО Эхо"), id: "e3@x"))
        harness.mailbox.deliver(Mail.make(from: "INTAKE@Example.Test", subject: "Вопрос", body: "?", id: "e4@x"))
        let report = try harness.run(now: Harness.t0.addingTimeInterval(60))
        #expect(report.exitStatus == .ok)
        let rows = try harness.inbound()
        #expect(rows.count == 8)
        #expect(rows.dropFirst(2).allSatisfy { $0.class == "own" && $0.disposition == .robot },
                "\(rows.map { $0.class ?? "-" })")
        #expect(harness.sender.accepted.count == 2)
    }

    /// 1,000 mails from one sender in one day: every one recorded (questions for the
    /// coordinators, invalid forms kept), one help reply and one error reply per distinct set of
    /// errors (at most `errorRepliesPerDay`); the next day opens one more help reply.
    @Test func floodFromOneSenderIsRecordedAndAnsweredPerDailyLimit() throws {
        let harness = try Harness(config: PipelineConfig(
            campaign: "perm-2026", programmeAddress: "intake@example.test", answerExistingOnFirstRun: true,
            fetchBatchSize: 200, sendBatchSize: 50))
        let flood = "flood@example.test"
        for i in 0..<1_000 {
            switch i % 4 {
            case 0, 1:
                harness.mailbox.deliver(Mail.make(from: flood, subject: "Вопрос \(i)", body: "Когда? \(i)", id: "q\(i)@x"))
            case 2:
                // The same mistake over and over (an echo of our pre-filled form looks like this).
                harness.mailbox.deliver(Mail.make(from: flood, body: Mail.program(org: "АНО Поток", inn: "12"), id: "v\(i)@x"))
            default:
                // Different mistakes: five distinct sets in all.
                let breaks = [("ИНН: 5902123456", "ИНН: 77"),
                              ("персональных данных: [x]", "персональных данных: [ ]"),
                              ("Продолжительность (дней: 1 или 2): 2", "Продолжительность (дней: 1 или 2): 9"),
                              ("Количество мест: 10 человек", "Количество мест:"),
                              ("Даты проведения: 15.10.2026, 16.10.2026", "Даты проведения: 15.10.2026")]
                let (from, to) = breaks[(i / 4) % breaks.count]
                let body = Mail.program(org: "АНО Поток").replacingOccurrences(of: from, with: to)
                harness.mailbox.deliver(Mail.make(from: flood, body: body, id: "w\(i)@x"))
            }
        }
        let started = clock()
        let report = try harness.run()
        let cpu = Double(clock() - started) / Double(CLOCKS_PER_SEC)
        print("loops: 1000 mails from one sender in \(String(format: "%.2f", cpu)) s CPU")
        #expect(report.exitStatus == .ok, "\(report.problems)")
        #expect(try harness.inbound().count == 1_000)
        #expect(try harness.inbound().allSatisfy { $0.appliedAt != nil && $0.plannedAt != nil })
        #expect(try harness.store.pool.read { try Question.fetchCount($0) } == 500)
        let outbox = try harness.outbox()
        #expect(outbox.filter { $0.template == "help" }.count == 1)
        let errors = outbox.filter { $0.template == "errors" }.count
        #expect(errors >= 1 && errors <= harness.config.errorRepliesPerDay, "\(errors)")
        #expect(outbox.count == 1 + errors)
        #expect(harness.sender.accepted.count == outbox.count)

        // Next day: one more help, never more.
        for i in 0..<10 {
            harness.mailbox.deliver(Mail.make(from: flood, subject: "Ещё \(i)", body: "?", id: "n\(i)@x"))
        }
        try harness.run(now: Harness.t0.addingTimeInterval(86_400))
        #expect(try harness.outbox().filter { $0.template == "help" }.count == 2)
        #expect(try harness.inbound().count == 1_010)
    }
}
