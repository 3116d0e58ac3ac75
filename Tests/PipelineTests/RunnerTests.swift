// The run as cron sees it: the lock, and the servers being down.
import Foundation
import Testing
@testable import Pipeline
import Store

@Suite struct RunnerTests {
    @Test func overlappingRunExits75AndChangesNothing() throws {
        let harness = try Harness()
        loadCrashScenario(harness)
        try runWhileLocked(harness)
        // Released: the next run works.
        #expect(try harness.run().exitStatus == .ok)
    }

    /// The lock lives only in this frame.
    private func runWhileLocked(_ harness: Harness) throws {
        let before = try harness.snapshot()
        // The first run holds the lock (flock is per open file, so this conflicts in-process too).
        let held = try #require(try RunLock.acquire(path: harness.store.path + ".lock"))
        try withExtendedLifetime(held) {
            let clock = ContinuousClock()
            var report = RunReport()
            let elapsed = try clock.measure { report = try harness.run() }
            #expect(report.exitStatus == .temporaryFailure)
            #expect(elapsed < .seconds(1), "exits at once, took \(elapsed)")
            #expect(try harness.snapshot() == before)
            #expect(harness.mailbox.fetchCount == 0)
            #expect(harness.sender.connections == 0)
        }
    }

    @Test func selectedStagesRunAlone() throws {
        let harness = try Harness()
        loadCrashScenario(harness)
        let runner = Runner(stages: harness.stages())
        let fetch = try runner.run([.pickup], source: harness.mailbox, sender: nil, now: Harness.t0)
        #expect(fetch.exitStatus == .ok && fetch.pickup?.stored == 11 && fetch.parse == nil)
        #expect(try harness.inbound().allSatisfy { $0.state == .new })
        let process = try runner.run([.parse, .apply, .plan], source: nil, sender: nil, now: Harness.t0)
        #expect(process.exitStatus == .ok && process.plan != nil)
        #expect(try harness.outbox().allSatisfy { $0.state == .queued } && harness.sender.connections == 0)
        #expect(try runner.run([.deliver], source: nil, sender: nil, now: Harness.t0).exitStatus == .usage)
        let send = try runner.run([.deliver], source: nil, sender: harness.sender, now: Harness.t0)
        #expect(send.deliver?.sent == 7 && harness.mailbox.inboxUIDs.count == 11)
        let ack = try runner.run([.ack], source: harness.mailbox, sender: nil, now: Harness.t0)
        #expect(ack.ack?.moved == 11 && harness.mailbox.inboxUIDs.isEmpty)
    }

    @Test func lockIsReleasedAfterARun() throws {
        let harness = try Harness()
        try harness.run()
        #expect(try RunLock.acquire(path: harness.store.path + ".lock") != nil)
    }

    @Test func relayDownDefersExits75AndDeliversNextRun() throws {
        let harness = try Harness()
        loadCrashScenario(harness)
        harness.sender.down = true
        let first = try harness.run()
        #expect(first.exitStatus == .temporaryFailure)
        let deferred = try harness.outbox()
        #expect(deferred.count == 7)
        #expect(deferred.allSatisfy { $0.state == .deferred && $0.attempts == 1 })
        #expect(deferred.allSatisfy { $0.nextAttemptAt == Harness.t0.addingTimeInterval(300) })
        // Inbound mail is committed, so it is still acknowledged.
        #expect(harness.mailbox.inboxUIDs.isEmpty)

        harness.sender.down = false
        // Before the backoff is over nothing is due.
        let early = try harness.run(now: Harness.t0.addingTimeInterval(60))
        #expect(early.exitStatus == .ok && early.deliver?.sent == 0)
        let later = try harness.run(now: Harness.t0.addingTimeInterval(301))
        #expect(later.exitStatus == .ok)
        #expect(later.deliver?.sent == 7)
        #expect(try harness.outbox().allSatisfy { $0.state == .sent && $0.attempts == 2 })
        #expect(harness.sender.accepted.count == 7)
    }

    @Test func mailboxDownExits75AndChangesNothing() throws {
        let harness = try Harness()
        loadCrashScenario(harness)
        harness.mailbox.down = true
        let before = try harness.snapshot()
        let report = try harness.run()
        #expect(report.exitStatus == .temporaryFailure)
        #expect(report.problems.contains { $0.contains("IMAP") })
        #expect(try harness.snapshot() == before)
        #expect(try harness.inbound().isEmpty)
        harness.mailbox.down = false
        #expect(try harness.run().exitStatus == .ok)
        #expect(try harness.inbound().count == 11)
    }

    @Test func configurationErrorExits78() throws {
        struct BrokenRenderer: ReplyRenderer {
            struct Missing: Error {}
            func render(_ content: ReplyContent) throws -> RenderedReply { throw Missing() }
        }
        let harness = try Harness()
        loadCrashScenario(harness)
        let stages = Stages(store: harness.store, config: harness.config, reader: StandardMessageReader.standard(config: harness.config),
                            renderer: BrokenRenderer(), logger: harness.logger)
        let report = try Runner(stages: stages).run(source: harness.mailbox, sender: harness.sender, now: Harness.t0)
        #expect(report.exitStatus == .configuration)
        #expect(report.problems.first?.contains("templates") == true)
        // Nothing planned half-way: the batch that failed rolled back, nothing was sent or acked.
        #expect(try harness.outbox().isEmpty)
        #expect(harness.sender.connections == 0)
        #expect(harness.mailbox.inboxUIDs.count == 11)
    }
}
