// Deliver: backoff, dead letters, the daily budget, held rows.
import Foundation
import GRDB
import Testing
@testable import Pipeline
import Store

@Suite struct DeliverTests {
    @Test(arguments: [(1, 300.0), (2, 900.0), (3, 3600.0), (4, 14_400.0), (5, 14_400.0), (9, 14_400.0)])
    func backoffSchedule(attempts: Int, want: TimeInterval) {
        let config = PipelineConfig(campaign: "c", programmeAddress: "intake@example.test")
        #expect(config.backoff(afterAttempts: attempts) == want)
    }

    @Test func temporaryRefusalRetriesWithBackoffThenDiesAfterLifetime() throws {
        let harness = try Harness()
        harness.sender.tempFailing = ["slow@example.test"]
        harness.mailbox.deliver(Mail.make(from: "slow@example.test", body: Mail.program(org: "А"), id: "s@x"))
        var now = Harness.t0
        try harness.run(now: now)
        var row = try #require(try harness.outbox().first)
        #expect(row.state == .deferred && row.lastReplyCode == 451)
        var attempts = 1
        while row.state == .deferred {
            now = try #require(row.nextAttemptAt)
            try harness.run(now: now)
            row = try #require(try harness.outbox().first)
            attempts += 1
            #expect(attempts < 100)
        }
        #expect(row.state == .dead)
        // Five days with waits of 5 min, 15 min, 1 h, then 4 h: 3 + (5*24 - 1.33)/4 ≈ 32 attempts.
        #expect(row.attempts == attempts && (25...40).contains(attempts))
        #expect(now.timeIntervalSince(Harness.t0) <= 5 * 86_400)
        #expect(harness.sender.accepted.isEmpty)
    }

    @Test func permanentRefusalIsDeadAtOnce() throws {
        let harness = try Harness()
        harness.sender.refused = ["gone@example.test"]
        harness.mailbox.deliver(Mail.make(from: "gone@example.test", body: Mail.program(org: "А"), id: "g@x"))
        try harness.run()
        let row = try #require(try harness.outbox().first)
        #expect(row.state == .dead && row.lastReplyCode == 550 && row.attempts == 1)
        try harness.run(now: Harness.t0.addingTimeInterval(86_400))
        #expect(try harness.outbox().first?.attempts == 1)
    }

    @Test func dailyBudgetStopsSendingUntilTomorrow() throws {
        var config = PipelineConfig(campaign: "c", programmeAddress: "intake@example.test",
                                    dailySendBudget: 2, answerExistingOnFirstRun: true)
        config.sendBatchSize = 10
        let harness = try Harness(config: config)
        for i in 1...5 {
            harness.mailbox.deliver(Mail.make(from: "h\(i)@example.test", body: Mail.program(org: "О\(i)"), id: "b\(i)@x"))
        }
        let first = try harness.run()
        #expect(first.deliver?.sent == 2 && first.deliver?.budgetExhausted == true)
        #expect(try harness.run(now: Harness.t0.addingTimeInterval(600)).deliver?.sent == 0)
        // Harness.t0 is 19:13 in Perm; the next local day starts within 5 hours.
        let tomorrow = Harness.t0.addingTimeInterval(6 * 3600)
        #expect(try harness.run(now: tomorrow).deliver?.sent == 2)
        #expect(try harness.run(now: tomorrow.addingTimeInterval(86_400)).deliver?.sent == 1)
        #expect(harness.sender.accepted.count == 5)
    }

    @Test func heldRowsAreNeverSentUntilRetried() throws {
        let harness = try Harness()
        harness.mailbox.deliver(Mail.make(from: "h@example.test", body: Mail.program(org: "А"), id: "h@x"))
        let stages = harness.stages()
        _ = try stages.pickup(from: harness.mailbox, now: Harness.t0)
        _ = try stages.parse(now: Harness.t0)
        _ = try stages.apply(now: Harness.t0)
        _ = try stages.plan(now: Harness.t0)
        let id = try #require(try harness.outbox().first?.id)
        try harness.store.outboxHold(id: id, now: Harness.t0)
        try harness.run()
        #expect(harness.sender.accepted.isEmpty)
        #expect(try harness.store.outboxShow(id: id).state == .held)
        try harness.store.outboxRetry(id: id, now: Harness.t0.addingTimeInterval(10))
        try harness.run(now: Harness.t0.addingTimeInterval(10))
        #expect(harness.sender.accepted.count == 1)
        #expect(throws: StoreError.self) { try harness.store.outboxHold(id: id, now: Harness.t0) }
        let audit = try harness.store.pool.read {
            try AuditEntry.filter(Column("cause").like("command:outbox-%")).fetchAll($0).map(\.change)
        }
        #expect(audit == ["queued -> held", "held -> queued"])
    }
}
