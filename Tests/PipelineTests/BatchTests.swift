// The main job end to end over fakes and a real SQLite file: every message stored raw,
// every person exactly one right reply, robots none, processed moved, second run idle.
import Foundation
import GRDB
import Testing
@testable import Pipeline
import Store

enum Category: Int, CaseIterable {
    case program, program2, program3, invalid, participant, noForm, autoReply, bounce, bulk, ownLoop

    /// The template the sender should get, nil for robots.
    var expectedTemplate: String? {
        switch self {
        case .program, .program2, .program3, .participant: return "ack"
        case .invalid: return "errors"
        case .noForm: return "help"
        case .autoReply, .bounce, .bulk, .ownLoop: return nil
        }
    }

    func message(_ i: Int, prefix: String = "applicant") -> [UInt8] {
        let from = "\(prefix)\(i)@example.test"
        let id = "m\(i)-\(prefix)@example.test"
        switch self {
        case .program, .program2, .program3:
            return Mail.make(from: from, body: Mail.program(org: "АНО Организация \(i)"), id: id)
        case .invalid:
            return Mail.make(from: from, body: Mail.program(org: "Без ИНН \(i)", inn: nil), id: id)
        case .participant:
            return Mail.make(from: from, body: Mail.participant(name: "Участник \(i)"), id: id)
        case .noForm:
            return Mail.make(from: from, subject: "Вопрос", body: "Как подать заявку?", id: id)
        case .autoReply:
            return Mail.make(from: from, subject: "Out of office", body: "Я в отпуске", id: id,
                             headers: ["Auto-Submitted: auto-replied"])
        case .bounce:
            return Mail.make(from: "mailer-daemon-\(prefix)\(i)@example.test", subject: "Undelivered", body: "bounce", id: id,
                             headers: ["Content-Type: multipart/report; report-type=delivery-status"])
        case .bulk:
            return Mail.make(from: from, subject: "Рассылка", body: "Новости", id: id, headers: ["Precedence: bulk"])
        case .ownLoop:
            return Mail.make(from: from, subject: "Re: Принята", body: "loop", id: id,
                             headers: ["X-Internships-Loop: intake@example.test"])
        }
    }
}

/// Times each stage over a fresh copy of the same 500 messages.
func stageTimings(harness original: Harness) throws -> [(String, Duration)] {
    let harness = try Harness()
    for i in 0..<500 { harness.mailbox.deliver(Category(rawValue: i % 10)?.message(i) ?? []) }
    let stages = harness.stages()
    let clock = ContinuousClock()
    let now = Harness.t0
    return [
        ("pickup", try clock.measure { _ = try stages.pickup(from: harness.mailbox, now: now) }),
        ("parse", try clock.measure { _ = try stages.parse(now: now) }),
        ("apply", try clock.measure { _ = try stages.apply(now: now) }),
        ("plan", try clock.measure { _ = try stages.plan(now: now) }),
        ("deliver", try clock.measure { _ = try stages.deliver(via: harness.sender, now: now) }),
        ("ack", try clock.measure { _ = try stages.ack(source: harness.mailbox, now: now) }),
    ]
}

@Suite struct BatchTests {
    @Test func fiveHundredMixedMessages() throws {
        let harness = try Harness()
        var sent: [Int: [UInt8]] = [:]
        for i in 0..<500 {
            let raw = Category(rawValue: i % Category.allCases.count)?.message(i) ?? []
            sent[i] = raw
            harness.mailbox.deliver(raw)
        }
        let clock = ContinuousClock()
        var report = RunReport()
        let elapsed = try clock.measure { report = try harness.run() }
        print("500 messages, one run: \(elapsed)")
        let stages = harness.stages()
        for (name, time) in try stageTimings(harness: harness) { print("  \(name): \(time)") }
        _ = stages
        #expect(report.exitStatus == .ok, "\(report.problems)")

        // Every message stored raw, byte-exact.
        let inbound = try harness.inbound()
        #expect(inbound.count == 500)
        for row in inbound {
            #expect([UInt8](row.raw) == sent[Int(row.uid) - 1], "uid \(row.uid)")
            #expect(row.size == row.raw.count)
            #expect(row.ackedAt != nil)
        }
        // Every person exactly one reply of the right kind; robots none.
        let outbox = try harness.outbox()
        var byRecipient: [String: [OutboxMessage]] = [:]
        for row in outbox { byRecipient[row.recipient, default: []].append(row) }
        for i in 0..<500 {
            let category = Category(rawValue: i % Category.allCases.count) ?? .program
            let replies = byRecipient["applicant\(i)@example.test"] ?? []
            if let want = category.expectedTemplate {
                #expect(replies.map(\.template) == [want], "applicant\(i) (\(category))")
                #expect(replies.first?.state == .sent)
            } else {
                #expect(replies.isEmpty, "robot applicant\(i) (\(category)) got \(replies.map(\.template))")
            }
        }
        #expect(byRecipient.keys.allSatisfy { $0.hasPrefix("applicant") })
        #expect(harness.sender.accepted.count == outbox.count)
        #expect(Set(harness.sender.acceptedIDs) == Set(outbox.map(\.messageID)))
        // Numbers are 1…n per kind, no gaps.
        let programmes = try harness.submissions().filter { $0.kind == "program" }.map(\.number)
        #expect(programmes == Array(1...programmes.count))
        #expect(programmes.count == 150)
        // Processed mail moved.
        #expect(harness.mailbox.inboxUIDs.isEmpty)
        #expect(harness.mailbox.folders["Processed"]?.count == 500)
        // Questions for the coordinators: one per message with no form.
        #expect(try harness.store.status().openQuestions == 50)

        // A second run fetches nothing and sends nothing.
        let fetches = harness.mailbox.fetchCount, accepted = harness.sender.accepted.count
        let before = try harness.snapshot()
        let second = try harness.run(now: Harness.t0.addingTimeInterval(60))
        #expect(second.exitStatus == .ok)
        #expect(second.pickup?.fetched == 0)
        #expect(second.deliver?.sent == 0)
        #expect(harness.mailbox.fetchCount == fetches)
        #expect(harness.sender.accepted.count == accepted)
        #expect(try harness.snapshot() == before)
    }

    @Test func resubmissionReplacesKeepsBothAndSaysSo() throws {
        let harness = try Harness()
        let from = "host@example.test"
        harness.mailbox.deliver(Mail.make(from: from, body: Mail.program(org: "АНО «Ромашка»"), id: "a1@x"))
        harness.mailbox.deliver(Mail.make(from: "other@example.test", body: Mail.program(org: "Фонд"), id: "b1@x"))
        try harness.run()
        harness.mailbox.deliver(Mail.make(from: from, body: Mail.program(org: "АНО \"Ромашка\"", title: "Новое название"),
                                          id: "a2@x"))
        try harness.run(now: Harness.t0.addingTimeInterval(3600))

        let versions = try harness.submissions().filter { $0.sender == from }
        #expect(versions.map(\.number) == [1, 1])
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions.map(\.isCurrent) == [false, true])
        let programme = try harness.store.pool.read { try Programme.filter(Column("number") == 1).fetchOne($0) }
        #expect(programme?.title == "Новое название")
        #expect(programme?.submissionID == versions.last?.id)

        let replies = try harness.outbox().filter { $0.recipient == from }
        #expect(replies.count == 2)
        let last = try #require(replies.last)
        #expect(Mail.replyText([UInt8](last.raw)).contains("заменяет заявку № 1"))
        #expect(!Mail.replyText([UInt8](replies[0].raw)).contains("заменяет"))
        let content = try #require(harness.renderer.contents.last)
        #expect(content.number == 1 && content.version == 2 && content.replacedVersion == 1)
        // The other host kept its own number.
        #expect(try harness.submissions().filter { $0.sender == "other@example.test" }.map(\.number) == [2])
    }
}
