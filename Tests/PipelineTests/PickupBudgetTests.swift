// Pickup batches bounded by bytes as well as count (P5): a batch ends after the message that
// reaches `Stages.pickupBatchBytes`, the cursor after it, the rest in the next batch; large
// bodies go through SQLite's blob I/O and come back byte for byte.
import Foundation
import GRDB
import Testing
@testable import Pipeline
import Store

@Suite struct PickupBudgetTests {
    /// A message of exactly `size` bytes whose filler depends on `seed` and on the offset, so a
    /// chunk written at the wrong place or a lost chunk shows.
    static func message(_ seed: Int, size: Int) -> [UInt8] {
        var raw = Array("Message-ID: <budget-\(seed)@example.test>\r\nSubject: s\r\n\r\n".utf8)
        raw.reserveCapacity(size)
        var index = 0
        while raw.count < size {
            raw.append(UInt8(truncatingIfNeeded: (index * 31 + seed * 7) % 251 + 1))
            index += 1
        }
        return raw
    }

    @Test(arguments: [
        // sizes, budget → messages kept, through UID (UIDs are 1, 2, …)
        ([10, 10, 10], 100, 3, 3),
        ([10, 95, 10], 100, 2, 2),
        ([100, 10, 10], 100, 1, 1),
        ([10, 10, 100], 100, 3, 3),
        ([50, 49, 1, 5], 100, 3, 3),
    ])
    func cutAfterTheMessageThatReachesTheBudget(sizes: [Int], budget: Int, kept: Int, through: Int64) {
        let uids = sizes.indices.map { Int64($0 + 1) }
        let messages = zip(uids, sizes).map { FetchedMessage(uid: $0, raw: Array(repeating: 65, count: $1)) }
        let batch = FetchedBatch.cutting(messages, asked: uids, byteBudget: budget)
        #expect(batch.messages.map(\.uid) == Array(uids.prefix(kept)))
        #expect(batch.throughUID == through)
    }

    @Test func aGoneUIDAtTheEndStillMovesTheCursor() {
        let batch = FetchedBatch.cutting([FetchedMessage(uid: 1, raw: [1])], asked: [1, 2], byteBudget: 100)
        #expect(batch.throughUID == 2)
    }

    @Test(arguments: [
        // message sizes in KB → pickup batches committed (batch size 50, budget 2 MB)
        ([100, 100, 100], 1),
        ([100, 2_500, 100, 100], 2),
        ([2_100, 3_000, 300, 2_000, 10], 4),
        ([1_000, 1_000, 1_000, 255, 256, 257], 2),
    ])
    func pickupCommitsOnceABatchHoldsItsBytes(sizesKB: [Int], batches: Int) throws {
        let harness = try Harness()
        let raws = sizesKB.enumerated().map { Self.message($0.offset, size: $0.element * 1024) }
        for raw in raws { harness.mailbox.deliver(raw) }
        let recorder = CountingCrash(crashAt: nil)
        let report = try harness.stages(crash: recorder).pickup(from: harness.mailbox, now: Harness.t0)
        #expect(report.fetched == raws.count)
        #expect(recorder.steps.filter { $0 == "pickup.committed" }.count == batches)
        let cursor = try harness.store.pool.read { try MailboxCursor.fetchAll($0) }
        #expect(cursor.map(\.lastUid) == [Int64(raws.count)])
        // Back byte for byte, both ways parse and the rest read them.
        let stored = try harness.inbound()
        #expect(stored.map(\.raw) == raws.map { Data($0) })
        let lean = try harness.store.pool.read { db in
            try stored.map { try InboundMessage.rawBytes(db, id: $0.id ?? 0) }
        }
        #expect(lean == raws)
        #expect(try harness.store.pool.read { try InboundMessage.rawBytes($0, id: 999_999) } == nil)
    }
}
