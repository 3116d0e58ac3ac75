// One pipeline over a REAL SQLite file in a fresh temp dir, with fake edges.
import Foundation
import GRDB
import Logging
@testable import Pipeline
import Store

final class Harness: @unchecked Sendable {
    let directory: URL
    let store: Store
    let mailbox = FakeMailbox()
    let sender = FakeSender()
    let renderer: RecordingRenderer
    var config: PipelineConfig
    var logger: Logger

    static let t0 = Date(timeIntervalSince1970: 1_790_000_000) // 2026-09-21, 19:13 Perm time

    init(config: PipelineConfig? = nil) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("pipeline-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try Store(path: directory.appendingPathComponent("internships.sqlite").path)
        self.config = config ?? PipelineConfig(
            campaign: "perm-2026", programmeAddress: "intake@example.test",
            experts: ["expert1@example.test"], answerExistingOnFirstRun: true)
        renderer = try RecordingRenderer()
        logger = Logger(label: "test")
        logger.logLevel = .critical
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func stages(crash: any CrashPoint = NoCrash()) -> Stages {
        Stages(store: store, config: config, reader: StandardMessageReader.standard(config: config), renderer: renderer, logger: logger, crash: crash)
    }

    @discardableResult
    func run(now: Date = Harness.t0, crash: any CrashPoint = NoCrash()) throws -> RunReport {
        try Runner(stages: stages(crash: crash)).run(source: mailbox, sender: sender, now: now)
    }

    func outbox() throws -> [OutboxMessage] {
        try store.pool.read { try OutboxMessage.order(Column("id")).fetchAll($0) }
    }

    func inbound() throws -> [InboundMessage] {
        try store.pool.read { try InboundMessage.order(Column("id")).fetchAll($0) }
    }

    func submissions() throws -> [Submission] {
        try store.pool.read { try Submission.order(Column("id")).fetchAll($0) }
    }

    /// Everything that matters about the final state, without ids, times and Message-IDs.
    func snapshot() throws -> Snapshot {
        try store.pool.read { db in
            let inbound = try InboundMessage.order(Column("uid")).fetchAll(db)
            let uidOf = Dictionary(uniqueKeysWithValues: inbound.map { ($0.id ?? 0, $0.uid) })
            return Snapshot(
                inbound: inbound.map {
                    "\($0.uid) \($0.state.rawValue) \($0.class ?? "-") \($0.disposition?.rawValue ?? "-") acked=\($0.ackedAt != nil) sha=\($0.sha256.prefix(8))"
                },
                submissions: try Submission.order(Column("kind"), Column("number"), Column("version")).fetchAll(db).map {
                    "\($0.kind) \($0.number) v\($0.version) \($0.key) current=\($0.isCurrent) uid=\(uidOf[$0.inboundMessageID] ?? 0)"
                },
                outbox: try OutboxMessage.order(Column("dedupeKey")).fetchAll(db).map {
                    "\($0.dedupeKey.hasPrefix("reply:") ? "reply:uid\(uidOf[$0.causeInboundID ?? 0] ?? 0)" : $0.dedupeKey) \($0.template) \($0.recipient) \($0.state.rawValue)"
                },
                questions: try Question.order(Column("inboundMessageID")).fetchAll(db).map { "\(uidOf[$0.inboundMessageID] ?? 0) \($0.sender)" },
                cursor: try MailboxCursor.fetchAll(db).map { "\($0.mailbox) \($0.uidValidity) \($0.lastUid)" },
                programmes: try Programme.order(Column("number")).fetchAll(db).map { "\($0.number) \($0.title)" },
                inbox: mailbox.inboxUIDs,
                processed: mailbox.folders["Processed"]?.count ?? 0)
        }
    }
}

struct Snapshot: Equatable, CustomStringConvertible {
    var inbound: [String]
    var submissions: [String]
    var outbox: [String]
    var questions: [String]
    var cursor: [String]
    var programmes: [String]
    var inbox: [Int64]
    var processed: Int

    var description: String {
        ([inbound, submissions, outbox, questions, cursor, programmes].map { $0.joined(separator: "\n") }
            + ["inbox \(inbox)", "processed \(processed)"]).joined(separator: "\n--\n")
    }
}
