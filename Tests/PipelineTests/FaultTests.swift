// Faults at the Runner level with the real adapters: the relay answering 421/45x/55x (a
// scripted loopback listener), a proxy that stalls, resets or trickles in front of Dovecot and
// Postfix, the database on a full tmpfs, the database locked by another process. Each: the
// disposition, a message that says what happened, the exit code, nothing lost, and the next
// run finishes the work.
import Foundation
import GRDB
import Logging
import MailMessage
import MailTransport
import Testing
@testable import Pipeline
import Store
import TestSupport

/// A person's programme form, as the fault tests send it.
private func form(_ from: String, _ i: Int, tag: some StringProtocol) -> [UInt8] {
    Mail.make(from: from, body: Mail.program(org: "АНО Сбой \(i)"), id: "f\(i)-\(tag)@example.test")
}

private func quietLogger() -> Logger {
    var logger = Logger(label: "faults")
    logger.logLevel = .critical
    return logger
}

/// Plain SMTP to a scripted loopback listener.
private func scriptedSender(port: Int) throws -> SMTPMailSender {
    try SMTPMailSender(settings: SMTPSettings(
        url: "smtp://127.0.0.1:\(port)", caFile: nil, allowPlainToLoopback: true,
        connectTimeout: .seconds(3), lowSpeedTimeout: .seconds(3)), logger: quietLogger())
}

@Suite("Faults: relay replies", .serialized)
struct SMTPReplyFaultTests {
    /// (script, final state of the one reply, exit status of the first run, reply code stored)
    @Test(arguments: [
        (ScriptedSMTP.Script(greeting: "421 4.3.2 shutting down"), OutboxMessage.State.deferred, Pipeline.ExitStatus.temporaryFailure, 0),
        (ScriptedSMTP.Script(rcpt: "421 4.4.5 too busy, closing"), .deferred, .temporaryFailure, 421),
        (ScriptedSMTP.Script(rcpt: "450 4.2.0 mailbox unavailable"), .deferred, .ok, 450),
        (ScriptedSMTP.Script(rcpt: "451 4.3.0 local error"), .deferred, .ok, 451),
        (ScriptedSMTP.Script(rcpt: "452 4.2.2 over quota"), .deferred, .ok, 452),
        (ScriptedSMTP.Script(endOfData: "451 4.7.1 greylisted"), .deferred, .ok, 451),
        (ScriptedSMTP.Script(rcpt: "550 5.1.1 no such user"), .dead, .ok, 550),
        (ScriptedSMTP.Script(endOfData: "552 5.3.4 message too big"), .dead, .ok, 552),
        (ScriptedSMTP.Script(endOfData: "554 5.7.1 rejected as spam"), .dead, .ok, 554),
    ])
    func relayReplyDecidesTheDisposition(script: ScriptedSMTP.Script, state: OutboxMessage.State,
                                         exit: Pipeline.ExitStatus, code: Int) throws {
        let harness = try Harness()
        harness.mailbox.deliver(form("host@example.test", 1, tag: "smtp"))
        let relay = try ScriptedSMTP(script)
        defer { relay.close() }
        let runner = Runner(stages: harness.stages())
        let first = try runner.run(source: harness.mailbox, sender: try scriptedSender(port: relay.port), now: Harness.t0)
        #expect(first.exitStatus == exit, "\(script): \(first.problems)")
        let row = try #require(try harness.outbox().first)
        #expect(row.state == state, "\(script)")
        #expect(row.lastReplyCode == (code == 0 ? nil : code), "\(script)")
        if code != 0 {
            #expect(row.lastReplyText?.contains(String(code)) == true, "\(row.lastReplyText ?? "-")")
        } else {
            #expect(first.problems.contains { $0.contains("SMTP relay unavailable") && $0.contains("retried next run") },
                    "\(first.problems)")
        }
        #expect(relay.acceptedMessages == 0)
        // Nothing was lost: the submission is recorded whatever the relay said.
        #expect(try harness.submissions().count == 1)

        // Next run, past the backoff, against a relay that takes everything.
        let good = try ScriptedSMTP(ScriptedSMTP.Script())
        defer { good.close() }
        let second = try runner.run(source: harness.mailbox, sender: try scriptedSender(port: good.port),
                                    now: Harness.t0.addingTimeInterval(301))
        #expect(second.exitStatus == .ok, "\(second.problems)")
        let after = try #require(try harness.outbox().first)
        #expect(good.acceptedMessages == (state == .deferred ? 1 : 0))
        #expect(after.state == (state == .deferred ? .sent : .dead))
        #expect(try harness.outbox().count == 1)
    }
}

@Suite("Faults: connections to the real servers", .serialized)
struct ProxyFaultTests {
    /// Dovecot behind the proxy: the run exits 75 with a message naming IMAP, nothing is
    /// lost, the next (direct) run fetches and answers everything exactly once.
    @Test(arguments: [
        ProxyFault.reset(afterBytes: 0), .reset(afterBytes: 2500), .stall(afterBytes: 0), .stall(afterBytes: 2500),
        .trickle(chunk: 97, delayMicros: 500),
    ])
    func imapFault(_ fault: ProxyFault) throws {
        let env = try MailEnv.require()
        let tag = UUID().uuidString.lowercased().prefix(8)
        let intake = "intake-f\(tag)@example.test"
        let people = (0..<3).map { "p\($0)-\(tag)@example.test" }
        let logger = quietLogger()
        let inbox = try IMAPSession(settings: env.imap(intake), logger: logger)
        for (i, person) in people.enumerated() { try inbox.append(mailbox: "INBOX", bytes: form(person, i, tag: tag)) }

        let harness = try Harness(config: PipelineConfig(campaign: "faults", programmeAddress: intake,
                                                         answerExistingOnFirstRun: true))
        let proxy = try FaultProxy(upstreamPort: env.port("IMAPS_URL"), fault: fault)
        defer { proxy.close() }
        var settings = env.imap(intake, url: "imaps://127.0.0.1:\(proxy.port)")
        // Stalls and resets must be noticed within 2 s; a trickle is slow but alive, and a
        // TLS handshake through it on a loaded machine can take longer than that.
        let patience: Duration = if case .trickle = fault { .seconds(20) } else { .seconds(2) }
        settings.connectTimeout = patience
        settings.lowSpeedTimeout = patience
        let runner = Runner(stages: harness.stages())
        let clock = ContinuousClock()
        var first = RunReport()
        let elapsed = try clock.measure {
            first = try runner.run(source: try IMAPMailboxSource(settings: settings, logger: logger),
                                   sender: harness.sender, now: Date())
        }
        print("fault imap \(fault): exit \(first.exitStatus.rawValue) in \(elapsed)")
        if case .trickle = fault {
            #expect(first.exitStatus == .ok, "\(first.problems)")
        } else {
            #expect(first.exitStatus == .temporaryFailure)
            #expect(first.problems.contains { $0.contains("IMAP") }, "\(first.problems)")
        }

        let second = try runner.run(source: try IMAPMailboxSource(settings: env.imap(intake), logger: logger),
                                    sender: harness.sender, now: Date())
        #expect(second.exitStatus == .ok, "\(second.problems)")
        let stored = try harness.inbound()
        #expect(stored.count == 3)
        #expect(Set(stored.compactMap(\.sender)) == Set(people))
        #expect(try harness.submissions().count == 3)
        // Every person answered exactly once.
        let answered = harness.sender.accepted.map(\.recipient)
        #expect(answered.sorted() == people.sorted())
        let fresh = try IMAPSession(settings: env.imap(intake), logger: logger)
        #expect(try fresh.searchUIDs(mailbox: "INBOX").isEmpty)
        #expect(try fresh.status(mailbox: "Processed").messages == 3)
    }

    /// Postfix (SMTPS) behind the proxy: reset or stall → 75, the reply deferred; trickle → sent.
    @Test(arguments: [ProxyFault.reset(afterBytes: 0), .stall(afterBytes: 0), .reset(afterBytes: 1500),
                      .trickle(chunk: 61, delayMicros: 500)])
    func smtpFault(_ fault: ProxyFault) throws {
        let env = try MailEnv.require()
        let tag = UUID().uuidString.lowercased().prefix(8)
        let intake = "intake-s\(tag)@example.test"
        let person = "ps-\(tag)@example.test"
        let harness = try Harness(config: PipelineConfig(campaign: "faults", programmeAddress: intake,
                                                         answerExistingOnFirstRun: true))
        harness.mailbox.deliver(form(person, 0, tag: tag))
        let proxy = try FaultProxy(upstreamPort: env.port("SMTPS_URL"), fault: fault)
        defer { proxy.close() }
        var settings = env.smtp(intake, url: "smtps://127.0.0.1:\(proxy.port)")
        settings.connectTimeout = .seconds(2)
        settings.lowSpeedTimeout = .seconds(2)
        let runner = Runner(stages: harness.stages())
        let first = try runner.run(source: harness.mailbox, sender: try SMTPMailSender(settings: settings, logger: quietLogger()),
                                   now: Date())
        let row = try #require(try harness.outbox().first)
        if case .trickle = fault {
            #expect(first.exitStatus == .ok, "\(first.problems)")
            #expect(row.state == .sent)
        } else {
            #expect(first.exitStatus == .temporaryFailure, "\(fault)")
            #expect(first.problems.contains { $0.contains("SMTP relay unavailable") }, "\(first.problems)")
            #expect(row.state == .deferred)
            let second = try runner.run(source: harness.mailbox,
                                        sender: try SMTPMailSender(settings: env.smtp(intake), logger: quietLogger()),
                                        now: Date().addingTimeInterval(301))
            #expect(second.exitStatus == .ok, "\(second.problems)")
            #expect(try harness.outbox().first?.state == .sent)
        }
        let box = try IMAPSession(settings: env.imap(person), logger: quietLogger())
        #expect(try waitForMail(box, count: 1, timeout: .seconds(30)) == 1)
    }
}

@Suite("Faults: the database", .serialized)
struct DatabaseFaultTests {
    /// Another process holds an exclusive transaction: exit 75, "locked", nothing changed;
    /// once it lets go the next run does everything.
    @Test func lockedByAnotherProcess() throws {
        let harness = try Harness()
        for i in 0..<5 { harness.mailbox.deliver(form("l\(i)@example.test", i, tag: "lock")) }
        try harness.store.pool.write { _ in }  // the file and its WAL exist
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("BEGIN EXCLUSIVE")
            print("locked", flush=True)
            sys.stdin.read()
            c.execute("COMMIT")
            """, harness.store.path]
        let input = Pipe(), output = Pipe()
        holder.standardInput = input
        holder.standardOutput = output
        try holder.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        #expect(line.contains("locked"))

        let impatient = try Store(path: harness.store.path, busyTimeout: 0.3)
        var stages = harness.stages()
        stages.store = impatient
        let runner = Runner(stages: stages)
        let first = try runner.run(source: harness.mailbox, sender: harness.sender, now: Harness.t0)
        #expect(first.exitStatus == .temporaryFailure)
        #expect(first.problems.contains { $0.contains("locked by another process") }, "\(first.problems)")
        #expect(harness.sender.accepted.isEmpty)
        #expect(harness.mailbox.inboxUIDs.count == 5)

        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        let second = try runner.run(source: harness.mailbox, sender: harness.sender, now: Harness.t0)
        #expect(second.exitStatus == .ok, "\(second.problems)")
        #expect(try harness.submissions().count == 5)
        #expect(harness.sender.accepted.count == 5)
    }

    /// The database on a 1 MiB tmpfs that fills up: exit 75 saying the disk is full, nothing
    /// acknowledged on the server; after space is freed the next run stores and answers all.
    @Test func fullFilesystem() throws {
        let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: mountPoint) }
        let mounted = try Self.shell("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint.path])
        try #require(mounted == 0, "mount -t tmpfs needs root (CI runs as root)")
        defer { _ = try? Self.shell("/bin/umount", ["-l", mountPoint.path]) }

        let path = mountPoint.appendingPathComponent("internships.sqlite").path
        var config = PipelineConfig(campaign: "full", programmeAddress: "intake@example.test",
                                    answerExistingOnFirstRun: true)
        config.fetchBatchSize = 5
        let harness = try Harness(config: config)
        let store = try Store(path: path, busyTimeout: 1)
        var stages = harness.stages()
        stages.store = store
        let runner = Runner(stages: stages)
        // 40 messages of ~60 KB: more than the 1 MiB file system holds.
        let padding = String(repeating: "Описание программы очень подробное. ", count: 900)
        for i in 0..<40 {
            harness.mailbox.deliver(Mail.make(from: "d\(i)@example.test",
                                              body: Mail.program(org: "АНО Диск \(i)") + padding, id: "d\(i)@x"))
        }
        let first = try runner.run(source: harness.mailbox, sender: harness.sender, now: Harness.t0)
        #expect(first.exitStatus == .temporaryFailure)
        #expect(first.problems.contains { $0.contains("disk is full") }, "\(first.problems)")
        // Not acknowledged on the server: everything not stored is still in the inbox.
        let storedBefore = try store.pool.read { try InboundMessage.fetchCount($0) }
        #expect(storedBefore < 40)
        #expect(harness.mailbox.inboxUIDs.count == 40)

        // Free space: grow the file system (as an operator would free a disk).
        #expect(try Self.shell("/bin/mount", ["-o", "remount,size=64m", mountPoint.path]) == 0)
        let second = try runner.run(source: harness.mailbox, sender: harness.sender, now: Harness.t0)
        #expect(second.exitStatus == .ok, "\(second.problems)")
        #expect(try store.pool.read { try Submission.fetchCount($0) } == 40)
        #expect(Set(harness.sender.accepted.map(\.recipient)).count == 40)
        #expect(harness.sender.accepted.count == 40)
        #expect(harness.mailbox.inboxUIDs.isEmpty)
    }

    static func shell(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
