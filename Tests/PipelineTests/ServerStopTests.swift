// Dovecot or Postfix stopped mid-run, without touching the shared servers: a loopback proxy in
// front of the real server forwards normally, then "stops" — its port closes (new connections
// are refused) and its open connections are shut down — once a given point of the exchange
// has passed. Checks: exit 75, a message naming the server, nothing lost, and the next run
// (server back: direct connection) finishes everything, each person answered exactly once.
import Foundation
import Logging
import MailTransport
import Testing
@testable import Pipeline
import Store
import TestSupport

private func quiet() -> Logger {
    var logger = Logger(label: "server-stop")
    logger.logLevel = .critical
    return logger
}

@Suite("Faults: a server stopped mid-run", .serialized)
struct ServerStopTests {
    /// Postfix stops after accepting the 3rd of 8 replies (one batch on one connection).
    @Test func postfixStoppedMidBatch() throws {
        let env = try MailEnv.require()
        let tag = UUID().uuidString.lowercased().prefix(8)
        let intake = "intake-ps\(tag)@example.test"
        let people = (0..<8).map { "stop\($0)-\(tag)@example.test" }
        let harness = try Harness(config: PipelineConfig(campaign: "faults", programmeAddress: intake,
                                                         answerExistingOnFirstRun: true, sendBatchSize: 20))
        for (i, person) in people.enumerated() {
            harness.mailbox.deliver(Mail.make(from: person, body: Mail.program(org: "АНО Стоп \(i)"), id: "ps\(i)-\(tag)@x"))
        }
        // Plain SMTP on the loopback so the proxy can see Postfix's "250 2.0.0 Ok: queued".
        let proxy = try FaultProxy(upstreamPort: env.port("SMTP_URL"), fault: .stop(.afterMarker(" Ok: queued", count: 3)))
        defer { proxy.stop() }
        func relay(_ port: Int) throws -> SMTPMailSender {
            try SMTPMailSender(settings: SMTPSettings(url: "smtp://127.0.0.1:\(port)", caFile: nil, allowPlainToLoopback: true,
                                                      connectTimeout: .seconds(2), lowSpeedTimeout: .seconds(5)),
                               logger: quiet())
        }
        let runner = Runner(stages: harness.stages())
        let first = try runner.run(source: harness.mailbox, sender: try relay(proxy.port), now: Date())
        #expect(proxy.stopped)
        #expect(first.exitStatus == .temporaryFailure, "\(first.problems)")
        #expect(first.problems.contains { $0.contains("SMTP relay unavailable") && $0.contains("retried next run") },
                "\(first.problems)")
        let afterFirst = try harness.outbox()
        #expect(afterFirst.filter { $0.state == .sent }.count == 3, "\(afterFirst.map(\.state))")
        #expect(afterFirst.filter { $0.state == .deferred }.count == 5)
        #expect(try harness.submissions().count == 8, "nothing lost")

        // Postfix is back (direct connection), past the 5-minute backoff.
        let second = try runner.run(source: harness.mailbox, sender: try relay(env.port("SMTP_URL")),
                                    now: Date().addingTimeInterval(301))
        #expect(second.exitStatus == .ok, "\(second.problems)")
        #expect(try harness.outbox().allSatisfy { $0.state == .sent })
        for person in people {
            let box = try IMAPSession(settings: env.imap(person), logger: quiet())
            #expect(try waitForMail(box, count: 1, timeout: .seconds(30)) == 1, "\(person): answered once")
        }
        Thread.sleep(forTimeInterval: 1) // a late duplicate would have arrived by now
        for person in people {
            let box = try IMAPSession(settings: env.imap(person), logger: quiet())
            #expect(try box.status(mailbox: "INBOX").messages == 1, "\(person): exactly one reply")
        }
    }

    /// Dovecot stops part-way through fetching 12 messages (IMAPS, TLS through the proxy).
    @Test func dovecotStoppedMidFetch() throws {
        let env = try MailEnv.require()
        let tag = UUID().uuidString.lowercased().prefix(8)
        let intake = "intake-ds\(tag)@example.test"
        let people = (0..<12).map { "dstop\($0)-\(tag)@example.test" }
        let logger = quiet()
        let inbox = try IMAPSession(settings: env.imap(intake), logger: logger)
        for (i, person) in people.enumerated() {
            try inbox.append(mailbox: "INBOX", bytes: Mail.make(from: person, body: Mail.program(org: "АНО Довкот \(i)"),
                                                                id: "ds\(i)-\(tag)@x"))
        }
        let harness = try Harness(config: PipelineConfig(campaign: "faults", programmeAddress: intake,
                                                         answerExistingOnFirstRun: true, fetchBatchSize: 3))
        let proxy = try FaultProxy(upstreamPort: env.port("IMAPS_URL"), fault: .stop(.afterBytes(25_000)))
        defer { proxy.stop() }
        var settings = env.imap(intake, url: "imaps://127.0.0.1:\(proxy.port)")
        settings.connectTimeout = .seconds(2)
        settings.lowSpeedTimeout = .seconds(3)
        let runner = Runner(stages: harness.stages())
        let first = try runner.run(source: try IMAPMailboxSource(settings: settings, logger: logger),
                                   sender: harness.sender, now: Date())
        #expect(proxy.stopped)
        #expect(first.exitStatus == .temporaryFailure, "\(first.problems)")
        #expect(first.problems.contains { $0.contains("IMAP") }, "\(first.problems)")
        let storedFirst = try harness.inbound().count
        print("dovecot stopped mid-fetch: \(storedFirst) of 12 stored, exit \(first.exitStatus.rawValue)")
        #expect(storedFirst < 12, "the stop came mid-run")
        // Whatever was stored was answered, nothing else.
        #expect(harness.sender.accepted.count == storedFirst)

        // Dovecot is back (direct connection).
        let second = try runner.run(source: try IMAPMailboxSource(settings: env.imap(intake), logger: logger),
                                    sender: harness.sender, now: Date())
        #expect(second.exitStatus == .ok, "\(second.problems)")
        let stored = try harness.inbound()
        #expect(stored.count == 12)
        #expect(Set(stored.compactMap(\.sender)) == Set(people))
        #expect(try harness.submissions().count == 12)
        #expect(harness.sender.accepted.map(\.recipient).sorted() == people.sorted(), "each person answered exactly once")
        let fresh = try IMAPSession(settings: env.imap(intake), logger: logger)
        #expect(try fresh.searchUIDs(mailbox: "INBOX").isEmpty)
        #expect(try fresh.status(mailbox: "Processed").messages == 12)
    }
}
