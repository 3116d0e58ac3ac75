// "ОТПРАВИТЬ results" with a crash at every step of the run (pickup … release … deliver …
// ack), then a re-run: the release, its answer and the reply's handled mark commit together,
// so the coordinator gets exactly one answer, "released" with the right count, every result
// letter is queued and sent once, and the end state equals an uninterrupted run's.
import Foundation
import GRDB
import Logging
import MailMessage
import Rendering
import Store
import Testing
@testable import Pipeline

@Suite struct ReleaseByReplyCrashTests {
    static let coordinator = "anna@example.test"
    static let hosts = (1...3).map { "host\($0)@example.test" }

    /// Three programmes and a decision (winners 1 and 2), then the coordinator's reply in the
    /// inbox: the next run releases the three result letters.
    static func scenario() throws -> (Harness, ReleaseByReply) {
        var config = PipelineConfig(campaign: "perm-2026", programmeAddress: "intake@example.test", experts: [],
                                    answerExistingOnFirstRun: true, fetchBatchSize: 2, sendBatchSize: 2)
        config.trustedAuthservIDs = [ReleaseByReplyTests.trusted]
        let harness = try Harness(config: config)
        for (i, host) in hosts.enumerated() {
            harness.mailbox.deliver(Mail.make(from: host, body: Mail.program(org: "АНО \(i + 1)", title: "Программа \(i + 1)"),
                                              id: "p\(i)@x"))
        }
        try harness.run()
        _ = try harness.store.pool.write {
            try ReviewDecision.record($0, campaign: "perm-2026", rule: "winners 2", winners: [1, 2], now: Harness.t0)
        }
        harness.mailbox.deliver(ReleaseByReplyTests.reply("ОТПРАВИТЬ results", from: coordinator, id: "r@x", verified: true))
        let templates = try TemplateReplyRenderer(directory: templatesDirectory, campaignTitle: "Стажировки НКО 2026",
                                                  timeZone: config.timeZone).templates
        let review = Review(store: harness.store, config: config, review: ReviewConfig(
            experts: [], publicityList: ["news@example.test"], reviewClosesAt: Harness.t0, reviewClosesText: "15 августа 2026 г.",
            participantCallText: "С 25 августа по 10 сентября 2026 г.", blankScoreSheet: ""),
            templates: templates, campaignTitle: "Стажировки НКО 2026", logger: harness.logger)
        let pass = ReleaseByReply(
            digest: DigestConfig(coordinators: [.init(name: "Анна", email: coordinator)], campaignTitle: "Стажировки НКО 2026",
                                 publicityList: ["news@example.test"]),
            releaser: StandardBatchReleaser(review: review, desk: ParticipantDesk(store: harness.store, campaign: "perm-2026"),
                                            templates: templates, campaignTitle: "Стажировки НКО 2026"),
            templates: templates)
        return (harness, pass)
    }

    static func run(_ harness: Harness, _ pass: ReleaseByReply, crash: any CrashPoint = NoCrash(),
                    now: Date = Harness.t0.addingTimeInterval(60)) throws -> RunReport {
        try Runner(stages: harness.stages(crash: crash), releaseByReply: pass)
            .run(source: harness.mailbox, sender: harness.sender, now: now)
    }

    @Test func crashAtEveryStepThenRerunAnswersOnceReleasedOnce() throws {
        let (baseline, basePass) = try Self.scenario()
        let counter = CountingCrash(crashAt: nil)
        let first = try Self.run(baseline, basePass, crash: counter)
        #expect(first.exitStatus == .ok)
        #expect(first.releaseReplies?.outcomes.values.map(\.self) == [.released])
        let want = try baseline.snapshot()
        let steps = counter.steps
        #expect(Set(steps).isSuperset(of: ["pickup.committed", "parse.committed", "apply.committed", "releaseByReply.released",
                                           "releaseByReply.answered", "releaseByReply.committed",
                                           "deliver.sent", "deliver.recorded", "ack.committed"]), "\(steps)")
        try Self.expectReleasedOnceAnsweredOnce(baseline, step: "none")

        for k in 1...steps.count {
            let (harness, pass) = try Self.scenario()
            var crashed: SimulatedCrash?
            do {
                _ = try Self.run(harness, pass, crash: CountingCrash(crashAt: k))
            } catch let error as SimulatedCrash {
                crashed = error
            }
            let step = try #require(crashed, "run did not crash at step \(k)").step
            #expect(step == steps[k - 1])
            let rerun = try Self.run(harness, pass, now: Harness.t0.addingTimeInterval(120))
            #expect(rerun.exitStatus == .ok, "k=\(k) \(step): \(rerun.problems)")
            #expect(try harness.snapshot() == want, "crash at k=\(k) (\(step))")
            try Self.expectReleasedOnceAnsweredOnce(harness, step: step)
        }
    }

    /// One "released" answer saying 3 letters; three result letters and notices; each message
    /// sent once (twice only the one in flight at a crash between 250 and its commit).
    static func expectReleasedOnceAnsweredOnce(_ harness: Harness, step: String) throws {
        let outbox = try harness.outbox()
        let answers = outbox.filter { $0.template == "release_reply" }
        #expect(answers.count == 1, "\(step): answers \(answers.count)")
        let answer = try #require(answers.first)
        let mail = Message.parse(Array(answer.raw))
        #expect((mail.subject ?? "").hasPrefix("Отправка запущена"), "\(step): \(mail.subject ?? "")")
        #expect(mail.textBody.contains("поставлено в очередь писем: 3"), "\(step)")
        #expect(answer.state == .sent, "\(step)")
        let letters = outbox.filter { $0.dedupeKey.hasPrefix("result:") }
        #expect(letters.count == 3 && letters.allSatisfy { $0.state == .sent }, "\(step)")
        #expect(try harness.store.pool.read { try ResultNotice.fetchCount($0) } == 3, "\(step)")
        let handled = try harness.store.pool.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit WHERE change LIKE 'release by reply %'")
        }
        #expect(handled == 1, "\(step): the reply handled once")
        let accepted = harness.sender.acceptedIDs
        #expect(Set(accepted) == Set(outbox.map(\.messageID)), "\(step): every message sent")
        #expect(accepted.count - Set(accepted).count == (step == "deliver.sent" ? 1 : 0), "\(step): duplicates")
        let toCoordinator = harness.sender.accepted.filter { $0.recipient == coordinator }
        #expect(Set(toCoordinator.map(\.messageID)) == [answer.messageID], "\(step): one answer reaches the coordinator")
    }

    /// Parse keeps the command line and the sender's authentication; release by reply reads
    /// them, not the stored bytes, and a row parsed before v5_reply_command (both NULL) is read
    /// from its bytes as before.
    @Test(arguments: [
        (nil, ReleaseReplyReport.Outcome.released),
        ("replyCommand = NULL, senderAuthentication = NULL", .released),
        ("replyCommand = 'ОТПРАВИТЬ всё'", .unknownBatch),
        ("senderAuthentication = 'unknown'", .unverified),
        ("replyCommand = ''", nil),
    ] as [(String?, ReleaseReplyReport.Outcome?)])
    func releaseReadsWhatParseKept(change: String?, want: ReleaseReplyReport.Outcome?) throws {
        let (harness, pass) = try Self.scenario()
        #expect(throws: SimulatedCrash.self) {
            try Self.run(harness, pass, crash: NthStepCrash(step: "apply.committed", nth: 1))
        }
        let reply = try #require(try harness.inbound().first { $0.sender == Self.coordinator })
        #expect(reply.replyCommand == "ОТПРАВИТЬ results")
        #expect(reply.senderAuthentication == "verified")
        #expect(try harness.inbound().filter { $0.sender != Self.coordinator }.allSatisfy { $0.replyCommand == "" })
        if let change {
            try harness.store.pool.write { try $0.execute(sql: "UPDATE inboundMessage SET \(change) WHERE id = ?", arguments: [reply.id]) }
        }
        let report = try Self.run(harness, pass)
        #expect(report.releaseReplies?.outcomes[reply.id ?? 0] == want)
        #expect(try harness.store.pool.read { try ResultNotice.fetchCount($0) } == (want == .released ? 3 : 0))
    }

    /// A release the releaser refuses half-way leaves nothing of it behind; the answer says why.
    @Test func refusedReleaseLeavesNothingAndAnswersFailed() throws {
        struct HalfWay: BatchReleaser {
            let store: Store
            func release(_ batch: ReleaseBatch, in db: Database, now: Date) throws -> Int {
                try db.execute(sql: "UPDATE inboundMessage SET subject = 'changed'")
                throw ReviewError.noDecision
            }
        }
        let (harness, pass) = try Self.scenario()
        let refusing = ReleaseByReply(digest: pass.digest, releaser: HalfWay(store: harness.store), templates: pass.templates)
        let report = try Self.run(harness, refusing)
        #expect(report.releaseReplies?.outcomes.values.map(\.self) == [.failed])
        #expect(try harness.store.pool.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM inboundMessage WHERE subject = 'changed'")
        } == 0)
        let answers = try harness.outbox().filter { $0.template == "release_reply" }
        #expect(answers.count == 1)
        #expect(try harness.store.pool.read { try ResultNotice.fetchCount($0) } == 0)
    }
}
