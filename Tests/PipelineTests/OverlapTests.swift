// Pickup and parse overlapped (Runner+Overlap): parse reads each committed batch while the next
// one is fetched; a crash in parse mid-pickup, then a rerun, equals one uninterrupted run.
import Foundation
import Testing
@testable import Pipeline
import Store

/// Throws `SimulatedCrash` at the `occurrence`-th time `step` is reached; records every step.
final class StepCrash: CrashPoint, @unchecked Sendable {
    private let lock = NSLock()
    let step: String
    let occurrence: Int
    private(set) var steps: [String] = []
    init(step: String, occurrence: Int) {
        self.step = step
        self.occurrence = occurrence
    }

    func reach(_ step: String) throws {
        try lock.withLock {
            steps.append(step)
            if step == self.step && steps.filter({ $0 == step }).count == occurrence {
                throw SimulatedCrash(step: step, index: steps.count)
            }
        }
    }
}

/// A mailbox whose second fetch waits (up to `patience`) until parse has committed a batch:
/// it returns in time only when parse runs while pickup still fetches.
final class ParseGatedMailbox: MailboxSource, CrashPoint, @unchecked Sendable {
    let inner: FakeMailbox
    let patience: TimeInterval
    private let parsed = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var fetches = 0
    private(set) var waitedOut = false
    init(_ inner: FakeMailbox, patience: TimeInterval) {
        self.inner = inner
        self.patience = patience
    }

    func reach(_ step: String) throws {
        if step == "parse.committed" { parsed.signal() }
    }

    func status() throws -> MailboxStatus { try inner.status() }
    func searchUIDs(from: Int64) throws -> [Int64] { try inner.searchUIDs(from: from) }
    func move(uids: [Int64], uidValidity: Int64, to folder: String) throws {
        try inner.move(uids: uids, uidValidity: uidValidity, to: folder)
    }

    func fetch(uids: [Int64], uidValidity: Int64) throws -> [FetchedMessage] {
        let call = lock.withLock { () -> Int in
            fetches += 1
            return fetches
        }
        if call == 2 && parsed.wait(timeout: .now() + patience) == .timedOut {
            lock.withLock { waitedOut = true }
        }
        return try inner.fetch(uids: uids, uidValidity: uidValidity)
    }
}

@Suite struct OverlapTests {
    @Test func parseRunsWhilePickupFetchesTheNextBatch() throws {
        let harness = try crashHarness(importExisting: false)
        let gated = ParseGatedMailbox(harness.mailbox, patience: 10)
        let report = try Runner(stages: harness.stages(crash: gated))
            .run(source: gated, sender: harness.sender, now: Harness.t0)
        #expect(report.exitStatus == .ok, "\(report.problems)")
        #expect(!gated.waitedOut, "the second fetch waited for parse: the stages ran one after the other")
        #expect(report.pickup?.stored == 11)
        let parse = try #require(report.parse)
        #expect(parse.parsed + parse.held + parse.quarantined == 11)
    }

    @Test func stepsInterleaveBatchByBatch() throws {
        let harness = try crashHarness(importExisting: false)
        let recorder = CountingCrash(crashAt: nil)
        #expect(try harness.run(crash: recorder).exitStatus == .ok)
        // 11 messages in batches of 3: each batch is committed, then parsed, before the next.
        let head = recorder.steps.filter { ["pickup.fetched", "pickup.committed", "parse.committed"].contains($0) }.prefix(12)
        #expect(Array(head) == Array(repeating: ["pickup.fetched", "pickup.committed", "parse.committed"], count: 4).flatMap { $0 })
    }

    @Test(arguments: [("parse.committed", 1), ("parse.committed", 2), ("parse.committed", 3),
                      ("pickup.committed", 2), ("pickup.fetched", 3)])
    func crashMidPickupThenRerunEqualsUninterrupted(step: String, occurrence: Int) throws {
        let baseline = try crashHarness(importExisting: false)
        #expect(try baseline.run().exitStatus == .ok)
        let want = try baseline.snapshot()

        let harness = try crashHarness(importExisting: false)
        let crash = StepCrash(step: step, occurrence: occurrence)
        #expect(throws: SimulatedCrash.self) { try harness.run(crash: crash) }
        // Mid-pickup: the cursor stopped short of the last message, and some mail is parsed.
        let cursor = try harness.store.pool.read { try MailboxCursor.fetchAll($0) }
        #expect(cursor.first.map { $0.lastUid < 11 } == true, "\(cursor)")
        let stored = try harness.inbound()
        #expect(stored.count < 11)
        if step == "parse.committed" { #expect(stored.filter { $0.state != .new }.count == 3 * occurrence) }
        // No fetch left running after the crash: the mailbox is untouched from here on.
        let fetched = harness.mailbox.fetchCount
        Thread.sleep(forTimeInterval: 0.05)
        #expect(harness.mailbox.fetchCount == fetched)

        let rerun = try harness.run(now: Harness.t0.addingTimeInterval(1))
        #expect(rerun.exitStatus == .ok, "\(rerun.problems)")
        let got = try harness.snapshot()
        #expect(got == want, "crash at \(step) #\(occurrence)\n\(got)\n=== want\n\(want)")
        #expect(Set(harness.sender.acceptedIDs) == Set(try harness.outbox().map(\.messageID)))
        #expect(harness.sender.acceptedIDs.count == Set(harness.sender.acceptedIDs).count, "no mail sent twice")
    }
}
