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
#if canImport(Glibc)
import Glibc
#endif

/// When the stopping proxy's server "goes away".
enum StopPoint: Sendable, CustomStringConvertible {
    /// After `count` occurrences of `marker` went from the server to the client (plain text).
    case afterMarker(String, count: Int)
    /// After `bytes` bytes went from the server to the client (TLS passes through).
    case afterBytes(Int)

    var description: String {
        switch self {
        case .afterMarker(let marker, let count): "after \(count)× \"\(marker)\""
        case .afterBytes(let bytes): "after \(bytes) bytes"
        }
    }
}

/// A proxy to a real loopback server that stops like the server would: port closed,
/// connections shut down.
final class StoppingProxy: @unchecked Sendable {
    let port: Int
    private let lock = NSLock()
    private var listener: LoopbackListener?
    private var forwarded = 0
    private var markers = 0
    private var tail: [UInt8] = []
    private var stoppedFlag = false

    var stopped: Bool { lock.withLock { stoppedFlag } }

    init(upstreamPort: Int, stop point: StopPoint) throws {
        // Writing to a connection the stop shut down must fail with EPIPE, not kill the tests.
        signal(SIGPIPE, SIG_IGN)
        let box = StoppingBox()
        let listener = try LoopbackListener { client in
            guard let proxy = box.proxy, !proxy.stopped else { LoopbackListener.reset(client); return }
            let server = LoopbackListener.connectLoopback(port: upstreamPort)
            if server < 0 { LoopbackListener.reset(client); return }
            proxy.listener?.track(server)
            Thread {
                var buffer = [UInt8](repeating: 0, count: 16_384)
                while true {
                    let n = buffer.withUnsafeMutableBytes { read(client, $0.baseAddress, $0.count) }
                    if n <= 0 || !LoopbackListener.write(server, buffer[0..<n]) { break }
                }
                shutdown(server, Int32(SHUT_WR))
            }.start()
            var buffer = [UInt8](repeating: 0, count: 16_384)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(server, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                let pass = proxy.admit(buffer[0..<n], point: point)
                if pass > 0 { _ = LoopbackListener.write(client, buffer[0..<pass]) }
                if pass < n || proxy.reached(point) {
                    proxy.stop()
                    return
                }
            }
            shutdown(client, Int32(SHUT_WR))
        }
        self.listener = listener
        port = listener.port
        box.proxy = self
    }

    /// How many of `chunk`'s bytes may still go to the client; counts markers and bytes.
    private func admit(_ chunk: ArraySlice<UInt8>, point: StopPoint) -> Int {
        lock.withLock {
            if stoppedFlag { return 0 }
            switch point {
            case .afterBytes(let limit):
                let pass = max(0, min(chunk.count, limit - forwarded))
                forwarded += pass
                return pass
            case .afterMarker(let marker, _):
                let needle = Array(marker.utf8)
                let text = tail + chunk
                var i = 0
                while i + needle.count <= text.count {
                    if text[i..<(i + needle.count)].elementsEqual(needle) { markers += 1; i += needle.count } else { i += 1 }
                }
                tail = Array(text.suffix(needle.count - 1))
                forwarded += chunk.count
                return chunk.count
            }
        }
    }

    private func reached(_ point: StopPoint) -> Bool {
        lock.withLock {
            switch point {
            case .afterBytes(let limit): forwarded >= limit
            case .afterMarker(_, let count): markers >= count
            }
        }
    }

    /// The server goes away: the port refuses connections, open ones are shut down.
    func stop() {
        let listener: LoopbackListener? = lock.withLock {
            stoppedFlag = true
            return self.listener
        }
        listener?.close()
    }
}

private final class StoppingBox: @unchecked Sendable {
    weak var proxy: StoppingProxy?
}

private func quiet() -> Logger {
    var logger = Logger(label: "server-stop")
    logger.logLevel = .critical
    return logger
}

@Suite("Faults: a server stopped mid-run", .serialized)
struct ServerStopTests {
    static func port(of url: String) -> Int {
        Int(url.split(separator: ":").last.map { $0.filter(\.isNumber) } ?? "") ?? 0
    }

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
        let proxy = try StoppingProxy(upstreamPort: Self.port(of: env["SMTP_URL"]), stop: .afterMarker(" Ok: queued", count: 3))
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
        let second = try runner.run(source: harness.mailbox, sender: try relay(Self.port(of: env["SMTP_URL"])),
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
        let proxy = try StoppingProxy(upstreamPort: Self.port(of: env["IMAPS_URL"]), stop: .afterBytes(25_000))
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
