// Security at the pipeline level: CR/LF/NUL in every form field and every header we copy from
// (Subject, From name, Reply-To, Message-ID, References) never reaches our reply's headers or
// envelope; SQL-looking values are only data; the database files are 0600; the password never
// appears in a log line, an error, or the database.
import Foundation
import GRDB
import Logging
import MailMessage
import MailTransport
import Testing
@testable import Pipeline
import Store

/// Collects every log line with its metadata, for grep tests.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }

    func logger(_ label: String = "capture") -> Logger {
        var logger = Logger(label: label) { _ in CaptureHandler(log: self) }
        logger.logLevel = .trace
        return logger
    }

    struct CaptureHandler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            let all = self.metadata.merging(explicit ?? [:]) { $1 }
            log.append("\(level) \(message) \(all.map { "\($0)=\($1)" }.sorted().joined(separator: " "))")
        }
    }
}

@Suite("Security", .serialized)
struct SecurityTests {
    static let evil = ["\r\nBcc: evil@example.test", "\nBcc: evil@example.test", "\rBcc: evil@example.test",
                       "\u{0}Bcc: evil@example.test", "\r\n\r\nX-Injected: body", "%0d%0aBcc: evil@example.test"]

    static func b64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    /// The header block of a message, as bytes.
    static func head(_ raw: [UInt8]) -> [UInt8] {
        for i in 0..<max(0, raw.count - 3) where raw[i] == 13 && raw[i + 1] == 10 && raw[i + 2] == 13 && raw[i + 3] == 10 {
            return Array(raw[..<i])
        }
        return raw
    }

    @Test(arguments: Array(evil.indices))
    func injectionNeverReachesReplyHeaders(variant: Int) throws {
        let bad = Self.evil[variant]
        let harness = try Harness()
        let sender = "victim\(variant)@example.test"
        // 1. Every field of a programme form (values on their line; what a body can carry).
        var program = Mail.program(org: "АНО Взлом\(bad)", title: "Программа\(bad)")
        program = program.replacingOccurrences(of: "Петрова Анна", with: "Петрова\(bad) Анна")
        harness.mailbox.deliver(Mail.make(from: sender, subject: "=?utf-8?b?\(Self.b64("Заявка" + bad))?=",
                                          body: program, id: "i1-\(variant)@x"))
        // 2. A participant form whose name (a template variable) carries it.
        harness.mailbox.deliver(Mail.make(from: "p-\(sender)", body: Mail.participant(name: "Иванова\(bad) Анна"),
                                          id: "i2-\(variant)@x"))
        // 3. Headers we copy: From's display name, References, and an invalid form (errors reply).
        var raw = Mail.make(from: "e-\(sender)", body: Mail.program(org: "Ошибка\(bad)", inn: "1\(bad)"), id: "i3-\(variant)@x")
        let extra = "From: =?utf-8?b?\(Self.b64("Имя" + bad))?= <e-\(sender)>\r\nReferences: <r1@x> <r2\(bad)@x>\r\n"
        raw = Array(extra.utf8) + raw.drop { _ in false }
        harness.mailbox.deliver(raw)
        // 4. No form: the help reply, with a subject that tries.
        harness.mailbox.deliver(Mail.make(from: "h-\(sender)", subject: "=?utf-8?q?Help=0D=0ABcc:_evil@example.test?=",
                                          body: "Вопрос\(bad)", id: "i4-\(variant)@x"))
        let report = try harness.run()
        #expect(report.exitStatus == .ok, "\(report.problems)")
        let outbox = try harness.outbox()
        #expect(outbox.count >= 3, "\(outbox.map(\.template))")
        for row in outbox {
            let bytes = [UInt8](row.raw)
            let head = Self.head(bytes)
            #expect(!bytes.contains(0), "NUL in \(row.template)")
            // Every CR is followed by LF and every LF preceded by CR.
            for (i, byte) in head.enumerated() {
                if byte == 13 { #expect(i + 1 < head.count && head[i + 1] == 10, "bare CR in \(row.template)") }
                if byte == 10 { #expect(i > 0 && head[i - 1] == 13, "bare LF in \(row.template)") }
            }
            let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
            #expect(!lines.contains { $0.lowercased().hasPrefix("bcc:") || $0.lowercased().hasPrefix("x-injected") },
                    "\(row.template): \(lines)")
            #expect(lines.filter { $0.lowercased().hasPrefix("to:") }.count == 1)
            let parsed = Message.parse(bytes)
            #expect(parsed.header("Bcc") == nil)
            #expect(parsed.to.count == 1 && parsed.to.first?.normalized == row.recipient)
            #expect(row.recipient.hasSuffix(sender) && !row.recipient.contains("evil"))
        }
        for accepted in harness.sender.accepted { #expect(!accepted.recipient.contains("evil")) }
    }

    @Test(arguments: ["Robert'); DROP TABLE submission;--", "' OR '1'='1", "x\"; DELETE FROM outboxMessage; --",
                      "%_\\' UNION SELECT * FROM audit --"])
    func sqlLookingValuesAreOnlyData(value: String) throws {
        let harness = try Harness()
        let sender = "sql@example.test"
        harness.mailbox.deliver(Mail.make(from: sender, subject: value, body: Mail.program(org: value, title: value), id: "s1@x"))
        harness.mailbox.deliver(Mail.make(from: sender, subject: value, body: "Вопрос: \(value)", id: "s2@x"))
        let report = try harness.run()
        #expect(report.exitStatus == .ok, "\(report.problems)")
        let submission = try #require(try harness.submissions().first)
        let fields = try JSONDecoder().decode([String: String].self, from: Data(submission.fieldsJSON.utf8))
        #expect(fields["organization"] == value)
        #expect(try harness.inbound().map(\.subject) == [value, value])
        #expect(try harness.outbox().count == 2)
        // The forget path takes the address as data too.
        _ = try harness.store.forget(email: value, at: Harness.t0)
        #expect(try harness.submissions().count == 1 && harness.outbox().count == 2)
    }

    @Test func databaseAndLockFilesAre0600() throws {
        let harness = try Harness()
        harness.mailbox.deliver(Mail.make(from: "a@example.test", body: Mail.program(org: "А"), id: "m@x"))
        try harness.run()
        for suffix in ["", "-wal", "-shm", ".lock"] {
            let path = harness.store.path + suffix
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path): \(String(mode ?? 0, radix: 8))")
        }
    }

    /// A run against the real servers with a wrong password and then the right one: the
    /// password is in no log line, no error, no stored row.
    @Test func passwordIsRedactedEverywhere() throws {
        let env = try MailEnv.require()
        let tag = UUID().uuidString.lowercased().prefix(8)
        let intake = "intake-sec\(tag)@example.test"
        let wrong = "Wr0ng-\(tag)-Pa55"
        let log = CapturedLog()
        let logger = log.logger()
        let inbox = try IMAPSession(settings: env.imap(intake), logger: quietSecurityLogger())
        try inbox.append(mailbox: "INBOX", bytes: Mail.make(from: "sec-\(tag)@example.test", body: Mail.program(org: "А"),
                                                            id: "sec-\(tag)@x"))
        var config = PipelineConfig(campaign: "sec", programmeAddress: intake, answerExistingOnFirstRun: true)
        config.fetchBatchSize = 10
        let harness = try Harness(config: config)
        var stages = harness.stages()
        stages.logger = logger
        let runner = Runner(stages: stages)

        var badIMAP = env.imap(intake)
        badIMAP.password = Secret(wrong)
        var badSMTP = env.smtp(intake)
        badSMTP.password = Secret(wrong)
        let failed = try runner.run(source: try IMAPMailboxSource(settings: badIMAP, logger: logger),
                                    sender: try SMTPMailSender(settings: badSMTP, logger: logger), now: Date())
        #expect(failed.exitStatus == .configuration, "\(failed.problems)")
        let good = try runner.run(source: try IMAPMailboxSource(settings: env.imap(intake), logger: logger),
                                  sender: try SMTPMailSender(settings: env.smtp(intake), logger: logger), now: Date())
        #expect(good.exitStatus == .ok, "\(good.problems)")

        let dump = try harness.store.pool.read { db -> String in
            var all = ""
            for table in ["inboundMessage", "outboxMessage", "audit", "submission"] {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") { all += "\(row)\n" }
            }
            return all
        }
        let everything = log.text + "\n" + failed.problems.joined(separator: "\n") + "\n" + good.problems.joined() + dump
        #expect(!log.text.isEmpty)
        #expect(!everything.contains(wrong))
        #expect(!everything.contains(env["MAIL_PASSWORD"]), "the real password leaked")
        // And the settings themselves print redacted.
        #expect(!"\(badIMAP)".contains(wrong) && !String(reflecting: badSMTP).contains(wrong))
    }
}

extension SecurityTests {
    /// TLS verification has no switch: a certificate from an unknown CA stops the run with 78
    /// and a message naming TLS, for IMAP and for SMTP; nothing is fetched or sent.
    @Test func untrustedCertificateIsAConfigurationError() throws {
        let env = try MailEnv.require()
        let tag = UUID().uuidString.lowercased().prefix(8)
        let intake = "intake-tls\(tag)@example.test"
        let wrongCA = (env["MAIL_CA_FILE"] as NSString).deletingLastPathComponent + "/wrong-ca.pem"
        try #require(FileManager.default.fileExists(atPath: wrongCA))
        let harness = try Harness(config: PipelineConfig(campaign: "tls", programmeAddress: intake,
                                                         answerExistingOnFirstRun: true))
        harness.mailbox.deliver(Mail.make(from: "tls-\(tag)@example.test", body: Mail.program(org: "А"), id: "t@x"))
        var imap = env.imap(intake)
        imap.caFile = wrongCA
        var smtp = env.smtp(intake)
        smtp.caFile = wrongCA
        let runner = Runner(stages: harness.stages())
        let viaIMAP = try runner.run(source: try IMAPMailboxSource(settings: imap, logger: quietSecurityLogger()),
                                     sender: harness.sender, now: Date())
        #expect(viaIMAP.exitStatus == .configuration)
        #expect(viaIMAP.problems.contains { $0.contains("TLS") || $0.contains("certificate") }, "\(viaIMAP.problems)")
        let viaSMTP = try runner.run(source: harness.mailbox,
                                     sender: try SMTPMailSender(settings: smtp, logger: quietSecurityLogger()), now: Date())
        #expect(viaSMTP.exitStatus == .configuration)
        #expect(viaSMTP.problems.contains { $0.contains("TLS") || $0.contains("certificate") }, "\(viaSMTP.problems)")
        #expect(try harness.outbox().allSatisfy { $0.state != .sent })
    }
}

private func quietSecurityLogger() -> Logger {
    var logger = Logger(label: "security")
    logger.logLevel = .critical
    return logger
}
