// Participant score sheets by email: who may send them, what is recorded (latest per scorer,
// several scorers averaged), what the sender reads back, over a real SQLite file.
import Foundation
import GRDB
import MailMessage
import Testing
@testable import Pipeline
import Store

enum MotivationMail {
    static func sheet(number: String, score: String, comment: String? = nil) -> String {
        """
        ОЦЕНКА МОТИВАЦИИ УЧАСТНИКА
        Эксперт: Мельникова Ольга
        Номер заявки участника: \(number)
        Оценка мотивации (0–10): \(score)
        Комментарий: \(comment ?? "")

        """
    }

    /// Two participant applications (№ 1, № 2), expert1 registered, a coordinator.
    static func harness() throws -> Harness {
        var config = PipelineConfig(campaign: "perm-2026", programmeAddress: "intake@example.test",
                                    experts: ["expert1@example.test", "expert2@example.test"], answerExistingOnFirstRun: true)
        config.coordinators = ["coord@example.test"]
        let harness = try Harness(config: config)
        for (i, who) in ["p1@example.test", "p2@example.test"].enumerated() {
            harness.mailbox.deliver(Mail.make(from: who, body: ParticipantMail.form(
                name: "Участник \(i)", district: "Кудымкарский", locality: "Кудымкар", km: "145", choices: ["№1"]),
                id: "p\(i)@x"))
        }
        try harness.run()
        return harness
    }

    static func scores(_ harness: Harness) throws -> [String] {
        try harness.store.pool.read { db in
            try MotivationScore.order(Column("participantNumber"), Column("scorer")).fetchAll(db)
                .map { "\($0.participantNumber) \($0.scorer) \($0.score) \($0.source)" }
        }
    }
}

@Suite struct MotivationMailTests {
    @Test(arguments: [
        // sender, state after parse, recorded
        ("expert1@example.test", "parsed", ["1 expert1@example.test 8 mail"]),
        ("coord@example.test", "parsed", ["1 coord@example.test 8 mail"]),
        ("stranger@example.test", "held", [String]()),
    ])
    func onlyExpertsAndCoordinatorsAreCounted(sender: String, state: String, recorded: [String]) throws {
        let harness = try MotivationMail.harness()
        harness.mailbox.deliver(Mail.make(from: sender, subject: "Оценка", body: MotivationMail.sheet(number: "1", score: "8"),
                                          id: "m1@x"))
        try harness.run(now: Harness.t0.addingTimeInterval(60))
        let row = try #require(try harness.inbound().last)
        #expect(row.state.rawValue == state)
        #expect(try MotivationMail.scores(harness) == recorded)
        let replies = try harness.outbox().filter { $0.recipient == sender }
        #expect(replies.count == (state == "held" ? 0 : 1), "held mail waits for a coordinator, unanswered")
    }

    @Test func latestPerScorerWinsAndSeveralScorersAreAveraged() throws {
        let harness = try MotivationMail.harness()
        harness.mailbox.deliver(Mail.make(from: "expert1@example.test", body: MotivationMail.sheet(number: "1", score: "6"), id: "a@x"))
        try harness.run(now: Harness.t0.addingTimeInterval(60))
        harness.mailbox.deliver(Mail.make(from: "expert1@example.test", body: MotivationMail.sheet(number: "№ 1", score: "9"), id: "b@x"))
        try harness.run(now: Harness.t0.addingTimeInterval(120))
        harness.mailbox.deliver(Mail.make(from: "expert2@example.test", body: MotivationMail.sheet(number: "1", score: "6 из 10"), id: "c@x"))
        try harness.run(now: Harness.t0.addingTimeInterval(180))
        #expect(try MotivationMail.scores(harness) == ["1 expert1@example.test 9 mail", "1 expert2@example.test 6 mail"])
        let means = try harness.store.pool.read { try MotivationScore.means($0, campaign: "perm-2026") }
        #expect(means[1] == 7.5)
        let acks = try harness.outbox().filter { $0.template == "ack" && $0.recipient.hasPrefix("expert") }
        #expect(acks.count == 3)
        let texts = acks.map { Mail.replyText([UInt8]($0.raw)).replacingOccurrences(of: "\r\n", with: "\n") }
        #expect(texts[0].contains("по заявке № 1: 6 из 10") && !texts[0].contains("среднее"))
        #expect(texts[1].contains("по заявке № 1: 9 из 10") && texts[1].contains("Она заменяет вашу оценку"))
        #expect(texts[2].contains("по заявке № 1: 6 из 10") && texts[2].contains("Оценок этой заявки: 2; в отборе учитывается их среднее — сейчас 7,5 из 10"))
        let subjects = acks.map { Message.parse([UInt8]($0.raw)).subject ?? "" }
        #expect(subjects.allSatisfy { $0 == "Оценка мотивации участника (заявка № 1) записана" }, "\(subjects)")
    }

    @Test func everyProblemInOneReplyAndNothingRecorded() throws {
        let harness = try MotivationMail.harness()
        // Unknown application, then an out-of-range score with an unknown application.
        harness.mailbox.deliver(Mail.make(from: "expert1@example.test", body: MotivationMail.sheet(number: "77", score: "5"), id: "u@x"))
        harness.mailbox.deliver(Mail.make(from: "expert2@example.test", body: MotivationMail.sheet(number: "78", score: "11"), id: "v@x"))
        try harness.run(now: Harness.t0.addingTimeInterval(60))
        #expect(try MotivationMail.scores(harness) == [])
        let replies = try harness.outbox().filter { $0.recipient.hasPrefix("expert") }
        #expect(replies.map(\.template) == ["errors", "errors"])
        let first = Mail.replyText([UInt8](replies[0].raw)).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(first.contains("Заявки участника № 77 нет"))
        let second = Mail.replyText([UInt8](replies[1].raw)).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(second.contains("«11»") && second.contains("от 0 до 10") && second.contains("Заявки участника № 78 нет"), "\(second)")
        #expect(try harness.submissions().filter { $0.kind == "motivation" }.isEmpty)
    }
}
