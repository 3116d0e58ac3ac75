// The loop brake (10 replies an address a programme day, the rest held) must not hold the
// acknowledgements registered people need: an expert sending a score sheet per programme, a
// coordinator, a host registered on an earlier day. Strangers stay braked.
import Foundation
import Testing
@testable import Pipeline
import Store

@Suite struct LoopBrakeTests {
    static func harness() throws -> Harness {
        var config = PipelineConfig(
            campaign: "perm-2026", programmeAddress: "intake@example.test", experts: ["Expert1@example.test"],
            answerExistingOnFirstRun: true, fetchBatchSize: 50, sendBatchSize: 50)
        config.coordinators = ["coordinator@example.test"]
        return try Harness(config: config)
    }

    /// 30 score sheets from one registered expert in one day: 30 acknowledgements, none held.
    @Test func thirtyScoreSheetsFromOneExpertAreAllAcknowledged() throws {
        let harness = try Self.harness()
        for n in 1...30 {
            harness.mailbox.deliver(Mail.make(from: "expert1@example.test", subject: "Оценка \(n)",
                                              body: Mail.score(expert: "Эксперт Первый", number: "№ \(n)"), id: "s\(n)@x"))
        }
        let report = try harness.run()
        #expect(report.exitStatus == .ok, "\(report.problems)")
        let outbox = try harness.outbox()
        #expect(outbox.count == 30)
        #expect(outbox.allSatisfy { $0.template == "ack" }, "\(Set(outbox.map(\.template)))")
        #expect(outbox.filter { $0.state == .held }.count == 0)
        #expect(outbox.filter { $0.state == .sent }.count == 30)
        #expect(harness.sender.accepted.count == 30)
        #expect(try harness.submissions().filter { $0.kind == "score" }.count == 30)
    }

    /// (sender, registered?): 30 valid programme forms (30 organisations) in one day.
    @Test(arguments: [
        ("coordinator@example.test", true),
        ("expert1@example.test", true),
        ("stranger@example.test", false), // the brake: 10 sent, 20 held for a coordinator
    ])
    func programmeFloodIsBrakedOnlyForStrangers(sender: String, registered: Bool) throws {
        let harness = try Self.harness()
        for n in 1...30 {
            harness.mailbox.deliver(Mail.make(from: sender, body: Mail.program(org: "АНО Номер \(n)"), id: "p\(n)@x"))
        }
        try harness.run()
        let outbox = try harness.outbox()
        #expect(outbox.count == 30)
        #expect(outbox.filter { $0.state == .held }.count == (registered ? 0 : 20))
        #expect(harness.sender.accepted.count == (registered ? 30 : 10))
    }

    /// A host whose programme arrived on an earlier day is registered; a host new today is not
    /// (an echo of our acknowledgement must not register itself).
    @Test func hostRegisteredOnAnEarlierDayIsNotBraked() throws {
        let harness = try Self.harness()
        harness.mailbox.deliver(Mail.make(from: "host@example.test", body: Mail.program(org: "АНО Первая"), id: "d1@x"))
        try harness.run()
        for n in 1...15 {
            harness.mailbox.deliver(Mail.make(from: "host@example.test", body: Mail.program(org: "АНО Вторая \(n)"), id: "d2-\(n)@x"))
            harness.mailbox.deliver(Mail.make(from: "newhost@example.test", body: Mail.program(org: "АНО Новая \(n)"), id: "n2-\(n)@x"))
        }
        try harness.run(now: Harness.t0.addingTimeInterval(86_400))
        let outbox = try harness.outbox()
        #expect(outbox.filter { $0.recipient == "host@example.test" && $0.state == .held }.count == 0)
        #expect(outbox.filter { $0.recipient == "host@example.test" && $0.state == .sent }.count == 16)
        #expect(outbox.filter { $0.recipient == "newhost@example.test" && $0.state == .held }.count == 5)
    }

    /// Registered addresses still have a ceiling: a loop through their responder stops.
    @Test func registeredAddressesStillHaveACeiling() throws {
        let harness = try Self.harness()
        let n = Stages.registeredRepliesPerDay + 5
        for i in 1...n {
            harness.mailbox.deliver(Mail.make(from: "expert1@example.test", subject: "Оценка \(i)",
                                              body: Mail.score(expert: "Эксперт Первый", number: "№ \(i)"), id: "c\(i)@x"))
        }
        try harness.run()
        let outbox = try harness.outbox()
        #expect(outbox.count == n)
        #expect(outbox.filter { $0.state == .held }.count == 5)
    }
}
