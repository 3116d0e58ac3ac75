// Deliver commits each verdict as soon as the relay gives it: a crash between a 250 and its
// commit resends exactly that message (with its Message-ID), not the rest of the batch.
import Foundation
import Testing
@testable import Pipeline
import Store

/// Throws `SimulatedCrash` at the n-th time `step` is reached (1-based), counting every step.
final class NthStepCrash: CrashPoint, @unchecked Sendable {
    private let lock = NSLock()
    let step: String
    let nth: Int
    private(set) var seen = 0
    init(step: String, nth: Int) {
        self.step = step
        self.nth = nth
    }

    func reach(_ name: String) throws {
        try lock.withLock {
            guard name == step else { return }
            seen += 1
            if seen == nth { throw SimulatedCrash(step: name, index: seen) }
        }
    }
}

@Suite struct DeliverDurabilityTests {
    static let messages = 30 // two batches of 20 and 10: 30 acknowledgements

    static func harness() throws -> Harness {
        let harness = try Harness(config: PipelineConfig(
            campaign: "perm-2026", programmeAddress: "intake@example.test", experts: ["expert1@example.test"],
            answerExistingOnFirstRun: true, sendBatchSize: 20))
        for i in 1...messages {
            harness.mailbox.deliver(Mail.make(from: "host\(i)@example.test", body: Mail.program(org: "АНО \(i)"),
                                              id: "dur\(i)@x"))
        }
        return harness
    }

    /// The n-th message accepted by the relay, crash before its commit: a re-run sends the rest
    /// once and that one again — 31 acceptances for 30 rows, the duplicate is the n-th.
    @Test(arguments: [1, 2, 7, 19, 20, 21, 30])
    func crashAfterAnAcceptanceResendsOnlyThatMessage(nth: Int) throws {
        let harness = try Self.harness()
        let crash = NthStepCrash(step: "deliver.sent", nth: nth)
        #expect(throws: SimulatedCrash.self) { try harness.run(crash: crash) }
        let acceptedBeforeCrash = harness.sender.acceptedIDs
        #expect(acceptedBeforeCrash.count == nth, "the relay had accepted \(acceptedBeforeCrash.count)")
        let inFlight = try #require(acceptedBeforeCrash.last)
        let stuck = try harness.outbox().filter { $0.state == .sending }
        // Left `sending`: the one in flight and the batch's rows not yet offered to the relay.
        #expect(Set(stuck.map(\.messageID)).intersection(acceptedBeforeCrash) == [inFlight],
                "of the accepted messages only the one in flight is left `sending`")

        let rerun = try harness.run(now: Harness.t0.addingTimeInterval(60))
        #expect(rerun.exitStatus == .ok, "\(rerun.problems)")
        let outbox = try harness.outbox()
        #expect(outbox.count == Self.messages)
        #expect(outbox.allSatisfy { $0.state == .sent }, "\(outbox.map(\.state))")
        let accepted = harness.sender.acceptedIDs
        var counts: [String: Int] = [:]
        for id in accepted { counts[id, default: 0] += 1 }
        #expect(Set(accepted) == Set(outbox.map(\.messageID)), "every row sent")
        #expect(accepted.count == Self.messages + 1)
        #expect(counts.filter { $0.value > 1 }.map(\.key) == [inFlight], "the duplicate is the one in flight, same Message-ID")
    }

    /// A crash after the commit (between two messages) sends nothing twice.
    @Test(arguments: [1, 20, 25])
    func crashAfterACommitResendsNothing(nth: Int) throws {
        let harness = try Self.harness()
        #expect(throws: SimulatedCrash.self) { try harness.run(crash: NthStepCrash(step: "deliver.recorded", nth: nth)) }
        try harness.run(now: Harness.t0.addingTimeInterval(60))
        let accepted = harness.sender.acceptedIDs
        #expect(accepted.count == Self.messages)
        #expect(Set(accepted).count == Self.messages)
    }
}
