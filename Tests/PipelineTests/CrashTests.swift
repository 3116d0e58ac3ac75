// Crash injection: stop the run after step k, for every k; a re-run must end in the state of
// an uninterrupted run, and mail goes out twice only for a crash between 250 and our commit.
import Foundation
import Testing
@testable import Pipeline
import Store

/// A small mailbox that exercises every path: new numbers, a resubmission, errors, help
/// (twice from one sender: one help), a robot, a held score, an expert's score, a bounce.
func loadCrashScenario(_ harness: Harness) {
    let messages: [[UInt8]] = [
        Mail.make(from: "host1@example.test", body: Mail.program(org: "АНО А"), id: "c1@x"),
        Mail.make(from: "host2@example.test", body: Mail.program(org: "Фонд Б", inn: "590212345678"), id: "c2@x"),
        Mail.make(from: "host1@example.test", body: Mail.program(org: "АНО А", title: "Вторая версия"), id: "c3@x"),
        Mail.make(from: "host3@example.test", body: Mail.program(org: "Без ИНН", inn: nil), id: "c4@x"),
        Mail.make(from: "asker@example.test", subject: "Вопрос", body: "Когда приём?", id: "c5@x"),
        Mail.make(from: "asker@example.test", subject: "Ещё вопрос", body: "Ответьте", id: "c6@x"),
        Mail.make(from: "ooo@example.test", subject: "Автоответ", body: "В отпуске", id: "c7@x",
                  headers: ["Auto-Submitted: auto-replied"]),
        Mail.make(from: "stranger@example.test",
                  body: Mail.score(expert: "Некто", number: "1"), id: "c8@x"),
        Mail.make(from: "expert1@example.test",
                  body: Mail.score(expert: "Эксперт", number: "№ 1"), id: "c9@x"),
        Mail.make(from: "p1@example.test", body: Mail.participant(name: "Иванова Анна"), id: "c10@x"),
        Mail.make(from: "daemon@example.test", subject: "Undelivered", body: "x", id: "c11@x",
                  headers: ["Content-Type: multipart/report; report-type=delivery-status"]),
    ]
    for message in messages { harness.mailbox.deliver(message) }
}

func crashHarness(importExisting: Bool) throws -> Harness {
    let harness = try Harness(config: PipelineConfig(
        campaign: "perm-2026", programmeAddress: "intake@example.test", experts: ["expert1@example.test"],
        answerExistingOnFirstRun: !importExisting, fetchBatchSize: 3, sendBatchSize: 2))
    if importExisting {
        // Mail already there before the first run: recorded, never answered.
        harness.mailbox.deliver(Mail.make(from: "old@example.test", body: Mail.program(org: "Старое"), id: "old@x"))
        try harness.run()
    }
    loadCrashScenario(harness)
    return harness
}

@Suite struct CrashTests {
    @Test(arguments: [false, true])
    func crashAtEveryStepThenRerunEqualsUninterrupted(importExisting: Bool) throws {
        let baseline = try crashHarness(importExisting: importExisting)
        let counter = CountingCrash(crashAt: nil)
        #expect(try baseline.run(crash: counter).exitStatus == .ok)
        let want = try baseline.snapshot()
        let steps = counter.steps
        print("crash steps (import \(importExisting)): \(steps.count)")
        #expect(steps.count > 20, "steps: \(steps)")
        #expect(Set(steps).isSuperset(of: ["pickup.fetched", "pickup.committed", "parse.committed", "apply.committed",
                                           "plan.committed", "deliver.marked", "deliver.sent", "deliver.recorded",
                                           "ack.moved", "ack.committed"]))
        #expect(baseline.sender.accepted.count == 7) // 2+1 acks host, errors, help, expert ack, participant ack
        #expect(want.outbox.filter { $0.hasSuffix(" sent") }.count == 7)

        for k in 1...steps.count {
            let harness = try crashHarness(importExisting: importExisting)
            let crash = CountingCrash(crashAt: k)
            var crashed: SimulatedCrash?
            do {
                try harness.run(crash: crash)
            } catch let error as SimulatedCrash {
                crashed = error
            }
            let step = try #require(crashed, "run did not crash at step \(k)").step
            #expect(step == steps[k - 1])
            let rerun = try harness.run(now: Harness.t0.addingTimeInterval(1))
            #expect(rerun.exitStatus == .ok, "k=\(k) \(step): \(rerun.problems)")
            let got = try harness.snapshot()
            #expect(got == want, "crash at k=\(k) (\(step))\n\(got)\n=== want\n\(want)")

            // Mail: every reply sent; twice only after a crash between 250 and the commit,
            // and then with the same Message-ID (the fixed one in the outbox row).
            let outboxIDs = Set(try harness.outbox().map(\.messageID))
            let accepted = harness.sender.acceptedIDs
            #expect(Set(accepted) == outboxIDs, "k=\(k) \(step)")
            if step == "deliver.sent" {
                // Verdicts are committed per message: only the one just accepted is resent.
                #expect(accepted.count - outboxIDs.count == 1, "k=\(k): exactly the message in flight is resent")
            } else {
                #expect(accepted.count == outboxIDs.count, "k=\(k) \(step): duplicates \(accepted.count - outboxIDs.count)")
            }
        }
    }
}
