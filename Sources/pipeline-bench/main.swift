// Benchmark driver for scripts/bench (issue 10); not shipped, not a user command.
// It runs the real stages (Pipeline + Store + MailTransport) against the local test servers
// and prints one `key=value` line per run for the script to collect:
//   pipeline-bench fetch  --env FILE --user U --db PATH [--stages pickup,parse,apply]
//   pipeline-bench cursor --env FILE --user U --db PATH      (mark the mailbox as read up to now)
//   pipeline-bench deliver --env FILE --user U --to R --dir DIR --db PATH
//   pipeline-bench read --dir DIR [--runs N] [--limit N]   (MIME vs form reading, CPU µs/message)
// `fetch` with every stage and an up-to-date cursor is "a run with nothing new" (P2).
import Foundation
import Logging
import MailTransport
import Pipeline
import Store

ProcessMemory.returnLargeBlocksToTheSystem()
let arguments = BenchArguments(CommandLine.arguments.dropFirst())
var logger = Logger(label: "pipeline-bench")
logger.logLevel = .warning

if arguments.command == "read" {
    do { try BenchRead.run(arguments) } catch {
        FileHandle.standardError.write(Data("pipeline-bench: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

do {
    let env = try BenchEnv(path: arguments.require("env"))
    let user = try arguments.require("user")
    let store = try Store(path: try arguments.require("db"))
    let config = PipelineConfig(
        campaign: "bench", programmeAddress: user, programmeName: "Стажировки НКО",
        dailySendBudget: 1_000_000, answerExistingOnFirstRun: true,
        fetchBatchSize: Int(arguments["fetch-batch"] ?? "") ?? 50,
        sendBatchSize: Int(arguments["send-batch"] ?? "") ?? 20)
    let stages = Stages(store: store, config: config, reader: StandardMessageReader.standard(config: config),
                        logger: logger)
    let meter = BenchMeter()
    switch arguments.command {
    case "fetch":
        let names = (arguments["stages"] ?? "pickup,parse,apply").split(separator: ",")
        let selected = Set(names.compactMap { StageName(rawValue: String($0)) })
        guard selected.count == names.count else { throw BenchFailure("unknown stage in \(names)") }
        let source = try IMAPMailboxSource(settings: env.imap(user), logger: logger)
        let sender = selected.contains(.deliver) ? try SMTPMailSender(settings: env.smtp(user), logger: logger) : nil
        let report = try Runner(stages: stages).run(selected, source: source, sender: sender, now: Date())
        guard report.exitStatus == .ok else { throw BenchFailure("run failed: \(report.problems)") }
        meter.print([
            "fetched": report.pickup?.fetched ?? 0,
            "stored": (report.pickup?.stored ?? 0) + (report.pickup?.imported ?? 0),
            "parsed": (report.parse?.parsed ?? 0) + (report.parse?.held ?? 0) + (report.parse?.quarantined ?? 0),
            "submitted": report.apply?.submitted ?? 0,
        ])
    case "cursor":
        let source = try IMAPMailboxSource(settings: env.imap(user), logger: logger)
        let status = try source.status()
        let last = try source.searchUIDs(from: 1).max() ?? 0
        let cursor = MailboxCursor(mailbox: config.mailbox, uidValidity: status.uidValidity, lastUid: last,
                                   importThroughUid: last, updatedAt: Date())
        try store.pool.write { try cursor.save($0) }
        meter.print(["messages": status.messages, "lastUid": Int(last)])
    case "deliver":
        let recipient = try arguments.require("to")
        let count = try BenchOutbox.enqueue(directory: arguments.require("dir"), recipient: recipient,
                                            store: store, now: Date())
        let sender = try SMTPMailSender(settings: env.smtp(user), logger: logger)
        let started = BenchMeter()
        let report = try stages.deliver(via: sender, now: Date())
        guard report.sent == count else { throw BenchFailure("sent \(report.sent) of \(count): \(report)") }
        started.print(["sent": report.sent])
    default:
        throw BenchFailure("usage: pipeline-bench fetch|cursor|deliver --env FILE --user U --db PATH …")
    }
} catch {
    FileHandle.standardError.write(Data("pipeline-bench: \(error)\n".utf8))
    exit(1)
}
