// "ОТПРАВИТЬ <batch>" replies to the digest on the real Dovecot and Postfix: a verified
// coordinator releases the result letters exactly as `mail release results` would; a reply
// the trusted server does not vouch for is held, answered and listed in the digest, and runs
// once a coordinator releases it by hand; unknown and repeated batches are answered; a
// stranger's "ОТПРАВИТЬ" is just a question. Every mailbox is read back over IMAP.
import Foundation
import GRDB
import Logging
import MailMessage
import MailTransport
import Rendering
import Store
import Testing
@testable import Pipeline

@Suite(.serialized) struct ReleaseByReplyTests {
    static let trusted = "mx.perm.example.test"

    /// A coordinator's reply: the command, then the quoted digest (which lists other batches).
    static func reply(_ command: String, from: String, id: String, verified: Bool) -> [UInt8] {
        Mail.make(from: from, subject: "Re: Сводка программы", body: """
            \(command)

            Анна

            > == Ждут вашего решения ==
            > Или ответьте на эту сводку строкой: ОТПРАВИТЬ catalogue
            """, id: id, headers: verified
                ? ["Authentication-Results: \(trusted); dmarc=pass header.from=example.test"]
                : ["Authentication-Results: forger.example.test; dmarc=pass header.from=example.test"])
    }

    @Test func coordinatorsReleaseByReplyThroughRealServers() throws {
        let env = try MailEnv.require()
        let tag = UUID().uuidString.lowercased().prefix(8)
        let intake = "intake-\(tag)@example.test"
        let coordinator = "coord-\(tag)@example.test"
        let stranger = "stranger-\(tag)@example.test"
        let publicity = "news-\(tag)@example.test"
        let hosts = (1...3).map { "host-\(tag)-\($0)@example.test" }
        var logger = Logger(label: "e2e-release-reply")
        logger.logLevel = .warning
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-release-\(tag)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(path: directory.appendingPathComponent("internships.sqlite").path)
        var config = PipelineConfig(campaign: "e2e", programmeAddress: intake, programmeName: "Стажировки НКО",
                                    experts: [], answerExistingOnFirstRun: true)
        config.trustedAuthservIDs = [Self.trusted]
        let templates = try TemplateReplyRenderer(directory: templatesDirectory, campaignTitle: "Стажировки НКО 2026",
                                                  timeZone: config.timeZone).templates
        let review = Review(store: store, config: config, review: ReviewConfig(
            experts: [], publicityList: [publicity], reviewClosesAt: Date(), reviewClosesText: "15 августа 2026 г.",
            participantCallText: "С 25 августа по 10 сентября 2026 г.", blankScoreSheet: ""),
            templates: templates, campaignTitle: "Стажировки НКО 2026", logger: logger)
        let digest = DigestConfig(coordinators: [.init(name: "Анна", email: coordinator)],
                                  campaignTitle: "Стажировки НКО 2026", publicityList: [publicity])
        let pass = ReleaseByReply(digest: digest, releaser: StandardBatchReleaser(
            review: review, desk: ParticipantDesk(store: store, campaign: config.campaign), templates: templates,
            campaignTitle: "Стажировки НКО 2026"), templates: templates)
        let stages = Stages(store: store, config: config, reader: StandardMessageReader.standard(config: config),
                            renderer: try RecordingRenderer(), logger: logger)
        let runner = Runner(stages: stages, releaseByReply: pass)
        let source = try IMAPMailboxSource(settings: env.imap(intake), logger: logger)
        let sender = try SMTPMailSender(settings: env.smtp(intake), logger: logger)
        func run() throws -> RunReport {
            let report = try runner.run(source: source, sender: sender, now: Date())
            #expect(report.exitStatus == .ok, "\(report.problems)")
            return report
        }
        let inbox = try IMAPSession(settings: env.imap(intake), logger: logger)
        for (i, host) in hosts.enumerated() {
            try inbox.append(mailbox: "INBOX", bytes: Mail.make(
                from: host, body: Mail.program(org: "Организация \(i + 1)", title: "Программа \(i + 1)"), id: "p\(i)-\(tag)@x"))
        }
        #expect(try run().deliver?.sent == 3)
        // `programmes decide` recorded winners 1 and 2; nothing is released yet.
        _ = try store.pool.write { try ReviewDecision.record($0, campaign: "e2e", rule: "winners 2", winners: [1, 2], now: Date()) }

        try inbox.append(mailbox: "INBOX", bytes: Self.reply("ОТПРАВИТЬ results", from: coordinator, id: "a-\(tag)@x", verified: true))
        try inbox.append(mailbox: "INBOX", bytes: Self.reply("отправить Catalogue", from: coordinator, id: "b-\(tag)@x", verified: false))
        try inbox.append(mailbox: "INBOX", bytes: Self.reply("ОТПРАВИТЬ всё", from: coordinator, id: "c-\(tag)@x", verified: true))
        try inbox.append(mailbox: "INBOX", bytes: Self.reply("ОТПРАВИТЬ results", from: coordinator, id: "d-\(tag)@x", verified: true))
        try inbox.append(mailbox: "INBOX", bytes: Self.reply("ОТПРАВИТЬ results", from: stranger, id: "e-\(tag)@x", verified: true))
        let first = try run()
        let outcomes = (first.releaseReplies?.outcomes ?? [:]).sorted { $0.key < $1.key }.map(\.value)
        #expect(outcomes == [.released, .unverified, .unknownBatch, .nothingWaiting])
        // 3 result letters, 4 answers to the coordinator, a help reply to the stranger.
        #expect(first.deliver?.sent == 3 + 4 + 1)
        // Exactly what `mail release results` does: one notice per host, nothing left to release.
        #expect(try review.resultsPlan().letters.isEmpty)
        #expect(try store.pool.read { try ResultNotice.fetchCount($0) } == 3)
        for (i, host) in hosts.enumerated() {
            let mails = try ReviewEndToEndTests.inbox(env, host, count: 2, logger: logger)
            #expect(mails.count == 2, "\(host)")
            #expect((mails.last?.subject ?? "").contains(i < 2 ? "поддержана" : "Итоги конкурса"), "\(mails.last?.subject ?? "")")
        }
        var answers = try ReviewEndToEndTests.inbox(env, coordinator, count: 4, logger: logger)
        #expect(answers.map { $0.subject ?? "" }.sorted() == [
            "Команда задержана: ОТПРАВИТЬ Catalogue", "Непонятная команда: ОТПРАВИТЬ всё",
            "Нечего отправлять: ОТПРАВИТЬ results", "Отправка запущена: ОТПРАВИТЬ results",
        ])
        let released = answers.first { ($0.subject ?? "").hasPrefix("Отправка запущена") }
        #expect(released?.textBody.contains("поставлено в очередь писем: 3") == true)
        #expect(released?.textBody.contains("catalogue — Каталог программ-победителей") == true, "the catalogue now waits")
        #expect(released?.header("Auto-Submitted") == "auto-replied")
        #expect(released?.header("In-Reply-To") == "<a-\(tag)@x>")
        // The forged reply is held and listed in the digest; the stranger's is a question.
        let rows = try store.pool.read { try InboundMessage.order(Column("id")).fetchAll($0) }
        let forged = try #require(rows.first { $0.messageID == "<b-\(tag)@x>" || $0.messageID == "b-\(tag)@x" })
        #expect(forged.state == .held)
        let facts = try StoreDigestSource(store: store, config: config, digest: digest).digestFacts(since: nil, now: Date())
        #expect(facts.held.map(\.reason) == [.unverifiedCommand])
        let questions = try store.pool.read { try Question.fetchAll($0) }
        #expect(questions.map(\.sender) == [stranger])

        // A coordinator vouches for the held reply by hand: the next run obeys it.
        _ = try store.inboundRelease(id: forged.id ?? 0, now: Date())
        let second = try run()
        #expect(second.releaseReplies?.outcomes[forged.id ?? 0] == .released)
        #expect(second.deliver?.sent == 2, "the catalogue and the answer")
        let news = try ReviewEndToEndTests.inbox(env, publicity, count: 1, logger: logger)
        #expect(news.count == 1)
        answers = try ReviewEndToEndTests.inbox(env, coordinator, count: 5, logger: logger)
        #expect(answers.count == 5)
        #expect(answers.contains { $0.subject == "Отправка запущена: ОТПРАВИТЬ Catalogue" })
        // Nothing more on a re-run.
        let third = try run()
        #expect(third.deliver?.sent == 0)
        #expect(third.releaseReplies?.outcomes.isEmpty == true)
    }

    /// Releases held outbox mail through the store (as `outbox retry` does), counting calls;
    /// crashes right after the release once when asked.
    final class CountingReleaser: BatchReleaser, @unchecked Sendable {
        let store: Store
        var calls = 0
        var crashAfterRelease: Bool
        init(store: Store, crashAfterRelease: Bool) {
            self.store = store
            self.crashAfterRelease = crashAfterRelease
        }
        func release(_ batch: ReleaseBatch, in db: Database, now: Date) throws -> Int {
            calls += 1
            guard case .held(let template) = batch else { return 0 }
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM outboxMessage WHERE state = 'held' AND template = ?",
                                         arguments: [template])
            for id in ids { try store.outboxRetry(db, id: id, now: now) }
            if crashAfterRelease {
                crashAfterRelease = false
                throw SimulatedCrash(step: "release", index: 0)
            }
            return ids.count
        }
    }

    /// A crash after the answer's commit, or between the release and the answer (which rolls
    /// the release back with it): the re-run releases once and answers once, "released".
    @Test(arguments: [("releaseByReply.committed", ReleaseReplyReport.Outcome.released), ("release", .released)])
    func crashThenRerun(step: String, answer: ReleaseReplyReport.Outcome) throws {
        var config = PipelineConfig(campaign: "perm-2026", programmeAddress: "intake@example.test", experts: [],
                                    answerExistingOnFirstRun: true)
        config.trustedAuthservIDs = [Self.trusted]
        let harness = try Harness(config: config)
        try harness.store.pool.write { db in
            var held = OutboxMessage(dedupeKey: "reply:held", template: "errors", recipient: "x@example.test",
                                     messageID: "held@example.test", raw: Data("x".utf8), causeInboundID: nil, createdAt: Harness.t0)
            held.state = .held
            try held.insert(db)
        }
        harness.mailbox.deliver(Self.reply("ОТПРАВИТЬ held-errors", from: "anna@example.test", id: "r@x", verified: true))
        let templates = try TemplateReplyRenderer(directory: templatesDirectory, campaignTitle: "Стажировки НКО 2026",
                                                  timeZone: config.timeZone).templates
        let releaser = CountingReleaser(store: harness.store, crashAfterRelease: step == "release")
        let pass = ReleaseByReply(digest: DigestConfig(coordinators: [.init(name: nil, email: "anna@example.test")],
                                                       campaignTitle: "Стажировки"), releaser: releaser, templates: templates)
        final class CrashAt: CrashPoint, @unchecked Sendable {
            let step: String
            var fired = false
            init(_ step: String) { self.step = step }
            func reach(_ name: String) throws {
                if name == step && !fired {
                    fired = true
                    throw SimulatedCrash(step: name, index: 0)
                }
            }
        }
        #expect(throws: SimulatedCrash.self) {
            try Runner(stages: harness.stages(crash: CrashAt(step)), releaseByReply: pass)
                .run(source: harness.mailbox, sender: harness.sender, now: Harness.t0)
        }
        let rerun = try Runner(stages: harness.stages(), releaseByReply: pass)
            .run(source: harness.mailbox, sender: harness.sender, now: Harness.t0.addingTimeInterval(60))
        #expect(rerun.exitStatus == .ok)
        // After a crash inside the transaction the re-run releases again: the first was undone.
        #expect(releaser.calls == (step == "release" ? 2 : 1))
        #expect(try harness.store.pool.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit WHERE entity = 'outboxMessage' AND change = 'held -> queued'")
        } == 1, "released exactly once")
        let outbox = try harness.outbox()
        #expect(outbox.filter { $0.template == "release_reply" }.count == 1)
        #expect(outbox.first { $0.dedupeKey == "reply:held" }?.state == .sent)
        let reply = try #require(outbox.first { $0.template == "release_reply" })
        let subject = Message.parse(Array(reply.raw)).subject ?? ""
        #expect(subject.hasPrefix(answer == .released ? "Отправка запущена" : "Нечего отправлять"), "\(subject)")
        #expect(try harness.store.pool.read { try Question.fetchCount($0) } == 0, "a command is no question")
    }

    @Test(arguments: [
        ("ОТПРАВИТЬ results", "results"), ("  отправить   held-errors  \nспасибо", "held-errors"),
        ("\n\nОтправить: selection", "selection"), ("ОТПРАВИТЬ", ""), ("Добрый день!\nОТПРАВИТЬ results", nil),
        ("> ОТПРАВИТЬ results", nil), ("ОТПРАВИТЬСЯ results", nil), ("", nil),
    ] as [(String, String?)])
    func commandIsTheFirstLineOfTheReply(text: String, want: String?) {
        #expect(ReleaseByReply.command(in: text) == want)
    }
}
