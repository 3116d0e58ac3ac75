import Foundation
import GRDB
import Logging
import MailMessage
@testable import Pipeline
import Rendering
import Store
import Testing

enum Paths {
    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let golden = testsDir.appendingPathComponent("Golden", isDirectory: true)
    static let templates = testsDir.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("mail-templates", isDirectory: true)

    static func templateSet() throws -> TemplateSet {
        var sources: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: templates.path) where name.hasSuffix(".mustache") {
            sources[String(name.dropLast(".mustache".count))] =
                try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
        }
        return try TemplateSet(sources: sources)
    }
}

/// Crashes once at the first `digest.committed`.
final class CrashOnce: CrashPoint, @unchecked Sendable {
    var fired = false
    func reach(_ step: String) throws {
        if step == "digest.committed" && !fired {
            fired = true
            throw SimulatedCrash(step: step, index: 0)
        }
    }
}

/// The digest stage over a real database: golden text and HTML on a scripted state, nothing
/// when nothing happened, never twice for a window.
@Suite struct DigestTests {
    static let coordinator = DigestConfig.Recipient(name: "Анна", email: "anna@example.test")
    static let digestConfig = DigestConfig(coordinators: [coordinator], campaignTitle: "Стажировки НКО Прикамья — 2026",
                                           hour: 8, heartbeatWeekday: 1,
                                           targets: ["programmes": 10, "participants": 20, "organisations": 8])

    static func stages(_ season: Season, crash: any CrashPoint = NoCrash()) -> Stages {
        let config = PipelineConfig(campaign: season.campaign, programmeAddress: "intake@example.test",
                                    programmeName: "Стажировки НКО", experts: ["expert1@example.test", "expert2@example.test"])
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return Stages(store: season.store, config: config, reader: StandardMessageReader.standard(config: config),
                      logger: logger, crash: crash)
    }

    static func run(_ season: Season, at: Date, force: Bool = false, dryRun: Bool = false,
                    crash: any CrashPoint = NoCrash()) throws -> DigestReport {
        let stages = stages(season, crash: crash)
        let source = StoreDigestSource(store: season.store, config: stages.config, digest: digestConfig)
        return try stages.digest(source: source, digest: digestConfig, renderer: try Paths.templateSet(), now: at,
                                 force: force, dryRun: dryRun)
    }

    static func digests(_ season: Season) throws -> [OutboxMessage] {
        try season.store.pool.read { try OutboxMessage.filter(Column("template") == "digest").order(Column("id")).fetchAll($0) }
    }

    /// The scripted state: the season, a digest sent on Sunday, and since then one of each
    /// thing that needs a human.
    static func scripted() throws -> Season {
        let season = try Season()
        try season.script()
        try season.store.pool.write { db in
            var previous = OutboxMessage(dedupeKey: "digest:anna@example.test:2026-09-20", template: "digest",
                                         recipient: "anna@example.test", messageID: "d0@example.test", raw: Data("x".utf8),
                                         causeInboundID: nil, createdAt: Season.perm("2026-09-20T08:00:00"))
            previous.state = .sent
            previous.sentAt = Season.perm("2026-09-20T08:01:00")
            try previous.insert(db)
        }
        let sunday = Season.perm("2026-09-20T15:00:00")
        try season.programme(4, org: "Фонд «Открытый край»", inn: "5902000004", title: "Открытые данные для НКО",
                             dates: "2026-11-12", from: "open@example.test", at: sunday)
        try season.participant(6, email: "a6@example.test", name: "Егор Шестой", org: "НКО Гайны", district: "Гайнский",
                               km: "200", version: 2, at: sunday)
        try season.submit("score", from: "expert1@example.test", number: 1, key: "expert1@example.test|1", at: sunday,
                          ["application_number": "1", "relevance": "8"])
        try season.submit("score", from: "expert2@example.test", number: 2, key: "expert2@example.test|1", at: sunday,
                          ["application_number": "1", "relevance": "9"])
        try season.submit("score", from: "expert1@example.test", number: 3, key: "expert1@example.test|2", at: sunday,
                          ["application_number": "2", "relevance": "7"])
        // Issue 6: a second decision revision (winners 1 and 2), not released yet.
        try season.decide(revision: 2, winners: [1, 2], at: sunday)
        try season.submit("idea", from: "a3@example.test", number: 3, at: sunday,
                          ["title": "Школа медиа", "partners": "АНО «Кама»"])
        // A question (no form), with a quoted line and a signature that the digest leaves out.
        let questionInbound = try season.inbound(
            from: "olga@example.test", subject: "Можно ли приехать вдвоём?",
            body: "Добрый день!\r\n\r\nМы из Кудымкара, хотим приехать вдвоём.\r\n> цитата\r\nСпасибо.\r\nЕщё строка\r\n-- \r\nОльга",
            at: sunday, disposition: .noForm)
        try season.store.pool.write { db in
            var q = Question(inboundMessageID: questionInbound, sender: "olga@example.test",
                             subject: "Можно ли приехать вдвоём?", createdAt: sunday)
            try q.insert(db)
        }
        // Held: a score from an unregistered address; a quarantined message without a sender.
        try season.inbound(from: "stranger@example.test", subject: "Оценка", at: sunday, state: .held, disposition: .held)
        try season.inbound(from: nil, subject: nil, at: sunday, state: .quarantined, disposition: .quarantined)
        // A participant form with two problems, not corrected; another one corrected later.
        let broken = FormResult(kind: "participant", fields: [], errors: [
            FormProblem(code: "missing:phone", message: "нет телефона"), FormProblem(code: "consent_not_given", message: "нет согласия"),
        ])
        try season.inbound(from: "late@example.test", at: sunday, disposition: .invalid, form: broken)
        try season.inbound(from: "a5@example.test", at: Season.perm("2026-08-30T10:00:00"), disposition: .invalid, form: broken)
        // A bounce, a dead reply, a held reply.
        try season.inbound(from: "MAILER-DAEMON@example.test", subject: "Undelivered Mail Returned to Sender", at: sunday,
                           class: "bounce", disposition: .robot)
        try season.store.pool.write { db in
            var dead = OutboxMessage(dedupeKey: "reply:dead", template: "ack_participant", recipient: "old@example.test",
                                     messageID: "dead@example.test", raw: Data("x".utf8), causeInboundID: nil, createdAt: sunday)
            dead.state = .dead
            dead.lastReplyCode = 550
            dead.lastReplyText = "5.1.1 mailbox unavailable"
            try dead.insert(db)
            var held = OutboxMessage(dedupeKey: "reply:held", template: "errors", recipient: "x@example.test",
                                     messageID: "held@example.test", raw: Data("x".utf8), causeInboundID: nil, createdAt: sunday)
            held.state = .held
            try held.insert(db)
        }
        return season
    }

    static func golden(_ mail: RenderedMail) -> String {
        "Subject: \(mail.subject)\n==== text/plain ====\n\(mail.text)==== text/html ====\n\(mail.html ?? "(none)\n")"
    }

    static func checkGolden(_ name: String, _ got: String) throws {
        let file = Paths.golden.appendingPathComponent("\(name).golden")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(got.utf8).write(to: file)
        }
        let want = try String(contentsOf: file, encoding: .utf8)
        #expect(got == want, "digest differs from \(file.lastPathComponent) (UPDATE_GOLDEN=1 after a deliberate change)")
    }

    @Test func scriptedStateMatchesGoldenAndIsQueuedOnce() throws {
        let season = try Self.scripted()
        let report = try Self.run(season, at: Season.perm("2026-09-21T09:00:00"))
        #expect(report.outcomes["anna@example.test"] == .queued)
        let mail = try #require(report.mails["anna@example.test"])
        try Self.checkGolden("digest_scripted", Self.golden(mail))
        let rows = try Self.digests(season)
        try #require(rows.count == 2)
        let row = rows[1]
        #expect(row.dedupeKey == "digest:anna@example.test:2026-09-21")
        #expect(row.state == .queued)
        let message = Message.parse(Array(row.raw))
        #expect(message.subject == mail.subject)
        #expect(message.autoSubmitted == "auto-generated")
        #expect(message.textBody.contains("internships outbox retry"))
    }

    @Test func heartbeatMatchesGolden() throws {
        let season = try Season()
        let report = try Self.run(season, at: Season.perm("2026-09-21T08:00:00"))
        #expect(report.outcomes["anna@example.test"] == .heartbeat)
        try Self.checkGolden("digest_heartbeat_store", Self.golden(try #require(report.mails["anna@example.test"])))
        #expect(try Self.digests(season).count == 1)
    }

    /// Tuesday, nothing new and nothing waiting: no digest (the heartbeat is Monday's).
    @Test func noneSentWhenNothingHappened() throws {
        let season = try Season()
        try season.script()
        // The season's forms were in Sunday's digest; nothing since.
        try season.store.pool.write { db in
            var previous = OutboxMessage(dedupeKey: "digest:anna@example.test:2026-09-20", template: "digest",
                                         recipient: "anna@example.test", messageID: "d0@example.test", raw: Data("x".utf8),
                                         causeInboundID: nil, createdAt: Season.perm("2026-09-20T08:00:00"))
            try previous.insert(db)
        }
        var config = Self.digestConfig
        config.scoresDueFrom = Season.perm("2026-12-01T00:00:00")
        let stages = Self.stages(season)
        let source = StoreDigestSource(store: season.store, config: stages.config, digest: config)
        let report = try stages.digest(source: source, digest: config, renderer: try Paths.templateSet(),
                                       now: Season.perm("2026-09-22T12:00:00"))
        #expect(report.outcomes["anna@example.test"] == .nothingToReport)
        #expect(report.mails.isEmpty)
        #expect(try Self.digests(season).count == 1)
    }

    @Test func neverTwiceForTheSameWindow() throws {
        let season = try Self.scripted()
        #expect(try Self.run(season, at: Season.perm("2026-09-21T09:00:00")).outcomes["anna@example.test"] == .queued)
        #expect(try Self.run(season, at: Season.perm("2026-09-21T18:00:00")).outcomes["anna@example.test"] == .alreadySent)
        #expect(try Self.run(season, at: Season.perm("2026-09-21T23:59:00"), force: true).outcomes["anna@example.test"] == .alreadySent)
        #expect(try Self.digests(season).count == 2)
        // Next day: a new form since the last digest → a new window, counting only the new form.
        try season.submit("idea", from: "a2@example.test", number: 4, at: Season.perm("2026-09-21T20:00:00"), ["title": "Ещё идея"])
        let next = try Self.run(season, at: Season.perm("2026-09-22T08:30:00"))
        #expect(next.outcomes["anna@example.test"] == .queued)
        let text = try #require(next.mails["anna@example.test"]).text
        #expect(text.contains("* Идеи совместных проектов: новых 1\n"))
        #expect(!text.contains("Заявки на программы: новых"))
        #expect(text.contains("(изменения с 21.09.2026)"))
        #expect(try Self.digests(season).count == 3)
    }

    @Test func notBeforeTheConfiguredHour() throws {
        let season = try Self.scripted()
        #expect(try Self.run(season, at: Season.perm("2026-09-21T07:59:00")).outcomes["anna@example.test"] == .notDue)
        #expect(try Self.digests(season).count == 1)
        #expect(try Self.run(season, at: Season.perm("2026-09-21T07:59:00"), force: true).outcomes["anna@example.test"] == .queued)
    }

    @Test func dryRunQueuesNothing() throws {
        let season = try Self.scripted()
        let report = try Self.run(season, at: Season.perm("2026-09-21T09:00:00"), dryRun: true)
        #expect(report.outcomes["anna@example.test"] == .dryRun)
        #expect(report.mails["anna@example.test"] != nil)
        #expect(try Self.digests(season).count == 1)
    }

    /// A crash after the commit: the re-run finds the window's row and queues nothing more.
    @Test func crashAfterCommitThenRerun() throws {
        let season = try Self.scripted()
        #expect(throws: SimulatedCrash.self) {
            try Self.run(season, at: Season.perm("2026-09-21T09:00:00"), crash: CrashOnce())
        }
        #expect(try Self.run(season, at: Season.perm("2026-09-21T09:05:00")).outcomes["anna@example.test"] == .alreadySent)
        #expect(try Self.digests(season).count == 2)
    }

    /// An answered question leaves the digest; answering twice changes nothing.
    @Test func answeredQuestionsLeaveTheDigest() throws {
        let season = try Self.scripted()
        let stages = Self.stages(season)
        let source = StoreDigestSource(store: season.store, config: stages.config, digest: Self.digestConfig)
        let now = Season.perm("2026-09-21T09:00:00")
        let id = try #require(try source.digestFacts(since: nil, now: now).questions.first?.id)
        let first = try season.store.questionAnswered(id: id, now: now)
        let again = try season.store.questionAnswered(id: id, now: now.addingTimeInterval(60))
        #expect(first.answeredAt == now && again.answeredAt == now)
        #expect(try source.digestFacts(since: nil, now: now).questions.isEmpty)
        let audits = try season.store.pool.read {
            try AuditEntry.filter(Column("entity") == "question" && Column("entityID") == id).fetchCount($0)
        }
        #expect(audits == 1)
        #expect(throws: StoreError.self) { try season.store.questionAnswered(id: 999, now: now) }
    }

    /// `internships run` queues the digest after plan, once per day however often cron runs it.
    @Test func runnerQueuesTheDigestAfterPlan() throws {
        let season = try Self.scripted()
        let stages = Self.stages(season)
        let pass = DigestPass(source: StoreDigestSource(store: season.store, config: stages.config, digest: Self.digestConfig),
                              config: Self.digestConfig, renderer: try Paths.templateSet())
        let runner = Runner(stages: stages, digest: pass)
        let first = try runner.run([.parse, .apply, .plan], source: nil, sender: nil, now: Season.perm("2026-09-21T09:00:00"))
        #expect(first.exitStatus == .ok)
        #expect(first.digest?.outcomes["anna@example.test"] == .queued)
        let second = try runner.run([.parse, .apply, .plan], source: nil, sender: nil, now: Season.perm("2026-09-21T09:10:00"))
        #expect(second.digest?.outcomes["anna@example.test"] == .alreadySent)
        let fetchOnly = try runner.run([.parse], source: nil, sender: nil, now: Season.perm("2026-09-22T09:10:00"))
        #expect(fetchOnly.digest == nil)
        #expect(try Self.digests(season).count == 2)
    }

    /// The sections fed by issues 6 and 7, read from the scripted database.
    @Test func invitationsBatchesAndIdeasFromTheDatabase() throws {
        let season = try Self.scripted()
        let stages = Self.stages(season)
        let source = StoreDigestSource(store: season.store, config: stages.config, digest: Self.digestConfig)
        let facts = try source.digestFacts(since: Season.perm("2026-09-20T08:00:00"), now: Season.perm("2026-09-21T09:00:00"))
        #expect(facts.rsvp == [
            .init(programme: 1, title: "Инклюзивный туризм", seats: 3, invited: 3, confirmed: 2, declined: 1, silent: 0,
                  silentDeadline: nil, expired: 0, reserveLeft: 1),
            .init(programme: 3, title: "Медиа НКО", seats: 2, invited: 3, confirmed: 1, declined: 0, silent: 1,
                  silentDeadline: "23.09.2026", expired: 1, reserveLeft: 0, lateYes: 1),
        ])
        // Released results: № 1 and № 3 won; № 2's day (10.10) is outside the week anyway.
        #expect(facts.upcoming.map { "\($0.date) \($0.programme) \($0.confirmed ?? -1)/\($0.seats ?? -1)" }
                == ["22.09.2026 1 2/3", "23.09.2026 1 2/3", "25.09.2026 3 1/2"])
        // Revision 2 (winners 1, 2) against what hosts heard (1, 3 won): corrections for № 2 and
        // № 3, a first letter for № 4 (not selected).
        #expect(facts.batches.map(\.key) == ["results", "held-errors"])
        #expect(facts.batches.first?.count == 3)
        #expect(facts.batches.first?.command == "internships mail release results")
        #expect(facts.batches.first?.name.contains("из них исправлений 2") == true)
        #expect(facts.ideas.map(\.title) == ["Школа медиа"], "only ideas since the last digest")
        let first = try source.digestFacts(since: nil, now: Season.perm("2026-09-21T09:00:00"))
        #expect(first.ideas.map(\.title) == ["Экотропа", "Медиашкола", "Школа медиа"])
    }

    /// A selection draft and, once results are out, a catalogue not yet mailed wait for release.
    @Test func selectionDraftAndCatalogueWaitForRelease() throws {
        let season = try Season()
        try season.script()
        try season.place(2, [4], reserve: [6], at: Season.perm("2026-09-10T12:00:00"), released: false)
        try season.store.pool.write { db in
            for number in [4, 6] {
                try SelectionReason(campaign: season.campaign, participantNumber: number, reason: "…",
                                    decidedAt: Season.perm("2026-09-10T12:00:00")).insert(db)
            }
        }
        var config = Self.digestConfig
        config.publicityList = ["news@example.test", "Press@example.test"]
        let stages = Self.stages(season)
        let source = StoreDigestSource(store: season.store, config: stages.config, digest: config)
        let now = Season.perm("2026-09-21T09:00:00")
        var batches = try source.digestFacts(since: nil, now: now).batches
        #expect(batches.map(\.key) == ["catalogue", "selection"])
        #expect(batches.map(\.count) == [2, 2])
        #expect(batches.map(\.command) == ["internships mail release catalogue", "internships mail release selection"])
        #expect(batches.last?.preview == "internships mail preview selection")
        // One publicity address has it; one applicant's letter is queued.
        try season.store.pool.write { db in
            for key in ["catalogue:2026:1,3:press@example.test", "selection:4"] {
                var row = OutboxMessage(dedupeKey: key, template: "x", recipient: "x@example.test", messageID: "\(key)@x",
                                        raw: Data("x".utf8), causeInboundID: nil, createdAt: now)
                try row.insert(db)
            }
        }
        batches = try source.digestFacts(since: nil, now: now).batches
        #expect(batches.map(\.count) == [1, 1])
        try season.store.pool.write { db in
            try db.execute(sql: "UPDATE placement SET releasedAt = ? WHERE releasedAt IS NULL", arguments: [now])
        }
        #expect(try source.digestFacts(since: nil, now: now).batches.map(\.key) == ["catalogue"])
    }

    @Test(arguments: [
        ("results", ReleaseBatch.results), ("Catalogue.", .catalogue), ("selection", .selection),
        ("held-errors", .held(template: "errors")), ("HELD-ack_program", .held(template: "ack_program")),
        ("held-", nil), ("everything", nil), ("held-a;b", nil),
    ] as [(String, ReleaseBatch?)])
    func batchNames(text: String, want: ReleaseBatch?) {
        #expect(ReleaseBatch(name: text) == want)
        if let want { #expect(ReleaseBatch(name: want.name) == want) }
    }

    @Test(arguments: [
        ("Добрый день!\n\nВопрос про даты.\n> старое\nСпасибо", "Добрый день! Вопрос про даты. Спасибо"),
        ("Строка\n-- \nПодпись", "Строка"),
        ("", ""),
        (String(repeating: "а", count: 300), String(repeating: "а", count: 239) + "…"),
    ])
    func firstLines(text: String, want: String) {
        #expect(StoreDigestSource.firstLines(of: text) == want)
    }
}
