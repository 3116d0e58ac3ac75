// The whole run against the real Dovecot and Postfix on loopback (scripts/mail-servers):
// IMAPS pickup and move, SMTPS delivery, replies read back from the applicants' mailboxes.
// Fails (never skips) when the servers are missing, so CI cannot pass without them.
import Foundation
import Logging
import MailMessage
import MailTransport
import Testing
@testable import Pipeline
import GRDB
import Store
import TestSupport

/// The env file written by scripts/mail-servers (read by TestSupport's `MailServerEnv`).
typealias MailEnv = MailServerEnv

extension MailServerEnv {
    func imap(_ user: String, url: String? = nil) -> IMAPSettings {
        IMAPSettings(url: url ?? self["IMAPS_URL"], user: user, password: Secret(self["MAIL_PASSWORD"]),
                     caFile: self["MAIL_CA_FILE"], connectTimeout: .seconds(5), lowSpeedTimeout: .seconds(20))
    }

    /// SMTPS with login as the programme mailbox, as production sends.
    func smtp(_ user: String, url: String? = nil) -> SMTPSettings {
        SMTPSettings(url: url ?? self["SMTPS_URL"], user: user, password: Secret(self["MAIL_PASSWORD"]),
                     caFile: self["MAIL_CA_FILE"],
                     connectTimeout: .seconds(5), lowSpeedTimeout: .seconds(20))
    }
}

/// Waits until `mailbox` of `user` holds at least `count` messages (Postfix → LMTP is async).
func waitForMail(_ session: IMAPSession, mailbox: String = "INBOX", count: Int, timeout: Duration = .seconds(60)) throws -> Int {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while true {
        let messages = try session.status(mailbox: mailbox).messages
        if messages >= count || clock.now > deadline { return messages }
        Thread.sleep(forTimeInterval: 0.2)
    }
}

@Suite(.serialized) struct EndToEndTests {
    @Test func realServersAnswerEachPersonOnceAndSecondRunIsIdle() throws {
        let env = try MailEnv.require()
        let tag = UUID().uuidString.lowercased().prefix(8)
        let intake = "intake-\(tag)@example.test"
        let person = (0..<5).map { "app-\(tag)-\($0)@example.test" }
        var logger = Logger(label: "e2e")
        logger.logLevel = .warning

        let inbox = try IMAPSession(settings: env.imap(intake), logger: logger)
        let messages: [[UInt8]] = [
            Mail.make(from: person[0], body: Mail.program(org: "АНО Кама"), id: "e1-\(tag)@example.test"),
            Mail.make(from: person[1], body: Mail.program(org: "Без ИНН", inn: nil), id: "e2-\(tag)@example.test"),
            Mail.make(from: person[2], subject: "Вопрос", body: "Как подать заявку?", id: "e3-\(tag)@example.test"),
            Mail.make(from: person[3], subject: "Автоответ", body: "В отпуске", id: "e4-\(tag)@example.test",
                      headers: ["Auto-Submitted: auto-replied"]),
            Mail.make(from: person[4], body: Mail.participant(name: "Иванова Анна"), id: "e5-\(tag)@example.test"),
            Mail.make(from: person[0], body: Mail.program(org: "АНО Кама", title: "Новая"), id: "e6-\(tag)@example.test"),
        ]
        for message in messages { try inbox.append(mailbox: "INBOX", bytes: message) }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(tag)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(path: directory.appendingPathComponent("internships.sqlite").path)
        let config = PipelineConfig(campaign: "e2e", programmeAddress: intake, programmeName: "Стажировки НКО",
                                    answerExistingOnFirstRun: true)
        let stages = Stages(store: store, config: config, reader: StandardMessageReader.standard(config: config),
                            renderer: try RecordingRenderer(), logger: logger)
        let runner = Runner(stages: stages)
        let source = try IMAPMailboxSource(settings: env.imap(intake), logger: logger)
        let sender = try SMTPMailSender(settings: env.smtp(intake), logger: logger)

        let clock = ContinuousClock()
        var report = RunReport()
        let elapsed = try clock.measure { report = try runner.run(source: source, sender: sender, now: Date()) }
        print("e2e: 6 messages over IMAPS/SMTPS in \(elapsed)")
        #expect(report.exitStatus == .ok, "\(report.problems)")
        #expect(report.pickup?.stored == 6)
        let rows = try store.outboxList()
        #expect(report.deliver?.sent == 5,
                "\(rows.map { "\($0.state.rawValue) \($0.lastReplyCode ?? 0) \($0.lastReplyText ?? "")" })")

        // Each person got exactly the reply of the right kind, tied to their message.
        let want: [(Int, Int, String?)] = [(0, 2, "№ 1"), (1, 1, nil), (2, 1, nil), (4, 1, "№ 1")]
        for (index, count, subjectPart) in want {
            let box = try IMAPSession(settings: env.imap(person[index]), logger: logger)
            #expect(try waitForMail(box, count: count) == count, "person \(index)")
            let status = try box.status(mailbox: "INBOX")
            for uid in try box.searchUIDs(mailbox: "INBOX") {
                let reply = Message.parse(try box.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: uid))
                #expect(reply.from.first?.normalized == intake)
                #expect(reply.header("Auto-Submitted") == "auto-replied")
                #expect(reply.replyTo.first?.normalized == intake)
                #expect(reply.inReplyTo.allSatisfy { $0.hasSuffix("-\(tag)@example.test") } && reply.inReplyTo.count == 1)
                if let subjectPart {
                    #expect(reply.subject?.contains(subjectPart) == true, "\(reply.subject ?? "-")")
                }
                #expect(Classifier(ownAddresses: [intake]).classify(reply) == .own)
            }
        }
        // The robot got nothing (the others have arrived by now, so would it).
        let robot = try IMAPSession(settings: env.imap(person[3]), logger: logger)
        #expect(try robot.status(mailbox: "INBOX").messages == 0)

        // Processed mail moved out of the inbox. A fresh session: one that has INBOX selected
        // sees no EXPUNGE during SEARCH (RFC 3501 §7.4.1) and libcurl skips re-SELECT.
        let fresh = try IMAPSession(settings: env.imap(intake), logger: logger)
        #expect(try fresh.searchUIDs(mailbox: "INBOX").isEmpty)
        #expect(try fresh.status(mailbox: "Processed").messages == 6)

        // A second run fetches nothing and sends nothing.
        let second = try runner.run(source: source, sender: sender, now: Date())
        #expect(second.exitStatus == .ok)
        #expect(second.pickup?.fetched == 0)
        #expect(second.deliver?.sent == 0)
        #expect(try store.status().outbox["sent"] == 5)
    }

    @Test func serversDownExit75AndRecoverNextRun() throws {
        let env = try MailEnv.require()
        let tag = UUID().uuidString.lowercased().prefix(8)
        let intake = "intake-\(tag)@example.test"
        let applicant = "app-\(tag)@example.test"
        var logger = Logger(label: "e2e")
        logger.logLevel = .critical
        let inbox = try IMAPSession(settings: env.imap(intake), logger: logger)
        try inbox.append(mailbox: "INBOX", bytes: Mail.make(from: applicant, body: Mail.program(org: "А"), id: "d1-\(tag)@x.test"))

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-down-\(tag)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(path: directory.appendingPathComponent("internships.sqlite").path)
        let config = PipelineConfig(campaign: "e2e", programmeAddress: intake, answerExistingOnFirstRun: true)
        let runner = Runner(stages: Stages(store: store, config: config, reader: StandardMessageReader.standard(config: config),
                                           renderer: try RecordingRenderer(), logger: logger))
        // Nothing listens on port 9 of loopback.
        let deadIMAP = try IMAPMailboxSource(settings: env.imap(intake, url: "imaps://127.0.0.1:9"), logger: logger)
        let deadSMTP = try SMTPMailSender(settings: env.smtp(intake, url: "smtps://127.0.0.1:9"), logger: logger)
        let liveIMAP = try IMAPMailboxSource(settings: env.imap(intake), logger: logger)
        let liveSMTP = try SMTPMailSender(settings: env.smtp(intake), logger: logger)

        let imapDown = try runner.run(source: deadIMAP, sender: liveSMTP, now: Date())
        #expect(imapDown.exitStatus == .temporaryFailure)
        #expect(try store.status().inbound.values.reduce(0, +) == 0)

        let smtpDown = try runner.run(source: liveIMAP, sender: deadSMTP, now: Date())
        #expect(smtpDown.exitStatus == .temporaryFailure, "\(smtpDown.problems)")
        #expect(try store.status().outbox["deferred"] == 1)

        let recovered = try runner.run(source: liveIMAP, sender: liveSMTP, now: Date().addingTimeInterval(301))
        #expect(recovered.exitStatus == .ok, "\(recovered.problems)")
        #expect(try store.status().outbox["sent"] == 1)
        let box = try IMAPSession(settings: env.imap(applicant), logger: logger)
        #expect(try waitForMail(box, count: 1) == 1)
    }
}

@Suite(.serialized) struct EndToEndBatchTests {
    /// Messages in a Dovecot maildir (new + cur), read from disk: faster than 300 IMAP logins.
    static func maildirCount(_ env: MailEnv, _ user: String) -> Int {
        let parts = user.split(separator: "@").map(String.init)
        guard parts.count == 2 else { return 0 }
        let root = env["MAILDIR_TEMPLATE"].replacingOccurrences(of: "{domain}", with: parts[1])
            .replacingOccurrences(of: "{user}", with: parts[0])
        return ["new", "cur"].reduce(0) { total, sub in
            total + ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + sub))?.count ?? 0)
        }
    }

    @Test func fiveHundredMixedMessagesThroughRealServers() throws {
        let env = try MailEnv.require()
        let tag = UUID().uuidString.lowercased().prefix(6)
        let intake = "intake-\(tag)@example.test"
        let prefix = "b\(tag)-"
        var logger = Logger(label: "e2e")
        logger.logLevel = .warning
        let inbox = try IMAPSession(settings: env.imap(intake), logger: logger)
        let clock = ContinuousClock()
        let appendTime = try clock.measure {
            for i in 0..<500 {
                try inbox.append(mailbox: "INBOX", bytes: Category(rawValue: i % 10)?.message(i, prefix: prefix) ?? [])
            }
        }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-500-\(tag)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(path: directory.appendingPathComponent("internships.sqlite").path)
        let config = PipelineConfig(campaign: "e2e", programmeAddress: intake, answerExistingOnFirstRun: true)
        let runner = Runner(stages: Stages(store: store, config: config, reader: StandardMessageReader.standard(config: config),
                                           renderer: try RecordingRenderer(), logger: logger))
        let source = try IMAPMailboxSource(settings: env.imap(intake), logger: logger)
        let sender = try SMTPMailSender(settings: env.smtp(intake), logger: logger)
        var report = RunReport()
        let runTime = try clock.measure { report = try runner.run(source: source, sender: sender, now: Date()) }
        print("e2e 500: append \(appendTime), run \(runTime)")
        #expect(report.exitStatus == .ok, "\(report.problems)")
        #expect(report.pickup?.stored == 500)
        #expect(report.deliver?.sent == 300)

        // Every message stored raw (byte-exact through Dovecot), every one moved.
        let stored = try store.pool.read { try InboundMessage.fetchAll($0) }
        #expect(stored.count == 500)
        for row in stored {
            let i = Int(row.uid) - 1
            #expect([UInt8](row.raw) == Category(rawValue: i % 10)?.message(i, prefix: prefix), "uid \(row.uid)")
        }
        let fresh = try IMAPSession(settings: env.imap(intake), logger: logger)
        #expect(try fresh.searchUIDs(mailbox: "INBOX").isEmpty)
        #expect(try fresh.status(mailbox: "Processed").messages == 500)

        // Every person exactly one reply; robots none. Delivery is asynchronous: wait for it.
        let people = (0..<500).map { i in (i, "\(prefix)\(i)@example.test", Category(rawValue: i % 10)?.expectedTemplate != nil) }
        let deadline = clock.now + .seconds(90)
        var counts: [Int] = []
        repeat {
            counts = people.map { Self.maildirCount(env, $0.1) }
            if counts.reduce(0, +) >= 300 { break }
            Thread.sleep(forTimeInterval: 0.5)
        } while clock.now < deadline
        Thread.sleep(forTimeInterval: 1) // a straggler would show up as a second reply
        counts = people.map { Self.maildirCount(env, $0.1) }
        for (i, address, answered) in people {
            #expect(counts[i] == (answered ? 1 : 0), "\(address)")
        }

        // Second run: nothing fetched, nothing sent.
        let second = try runner.run(source: source, sender: sender, now: Date())
        #expect(second.exitStatus == .ok && second.pickup?.fetched == 0 && second.deliver?.sent == 0)
    }
}
