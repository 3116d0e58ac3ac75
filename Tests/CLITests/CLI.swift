// Runs the built `internships` binary as a user would, with a temp config against the real
// local servers (scripts/mail-servers). Fails (never skips) when the binary or servers are missing.
import Foundation
import MailTransport
import TestSupport

struct CLIMissing: Error, CustomStringConvertible {
    var description: String
}

/// One finished invocation.
struct CLIResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double
    var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
}

enum CLI {
    /// `.build/<triple>/debug/internships`, next to the test bundle (`swift build` builds every
    /// product, so `scripts/test` and `swift test` link it before the tests run).
    static func binary() throws -> URL {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            var url = URL(fileURLWithPath: first).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(url.appendingPathComponent("internships"))
                url.deleteLastPathComponent()
            }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/internships"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path)
            && !candidate.hasDirectoryPath {
            return candidate
        }
        throw CLIMissing(description: "internships binary not found (tried \(candidates.map(\.path))) — run swift build first")
    }

    /// Runs the binary with `arguments`; output goes through files (no pipe-buffer deadlock).
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIResult {
        try start(arguments, environment: environment).finish()
    }

    /// Starts the binary and returns at once; `finish()` waits for it.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "INTERNSHIPS_CONFIG")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        let running = Running(process: process, directory: dir, out: out, err: err)
        try process.run()
        return running
    }
}

/// A started invocation.
final class Running {
    let process: Process
    let directory: URL, out: URL, err: URL
    let started = Date()

    init(process: Process, directory: URL, out: URL, err: URL) {
        self.process = process
        self.directory = directory
        self.out = out
        self.err = err
    }

    func finish() -> CLIResult {
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: directory) }
        return CLIResult(status: process.terminationStatus,
                         stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                         stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "",
                         seconds: Date().timeIntervalSince(started))
    }
}

/// The env file written by scripts/mail-servers (read by TestSupport's `MailServerEnv`).
typealias ServerEnv = MailServerEnv

extension MailServerEnv {
    func imap(_ user: String) -> IMAPSettings {
        IMAPSettings(url: self["IMAPS_URL"], user: user, password: Secret(self["MAIL_PASSWORD"]),
                     caFile: self["MAIL_CA_FILE"], connectTimeout: .seconds(5), lowSpeedTimeout: .seconds(20))
    }
}

/// A temp folder with internships.toml for a fresh intake mailbox.
final class Setup {
    let directory: URL
    let intake: String
    let tag: String
    let env: ServerEnv
    static let now = "2026-07-20T12:00:00+05:00"

    init(env: ServerEnv, imapURL: String? = nil, extraMailbox: String = "", extraSections: String = "") throws {
        self.env = env
        tag = String(UUID().uuidString.lowercased().prefix(8))
        intake = "intake-cli-\(tag)@example.test"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-tests-\(tag)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data((env["MAIL_PASSWORD"] + "\n").utf8).write(to: directory.appendingPathComponent("password"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600],
                                              ofItemAtPath: directory.appendingPathComponent("password").path)
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("mail-templates").path
        let toml = """
            [campaign]
            name = "Стажировки НКО — тест"
            year = 2026
            [campaign.program_call]
            opens = 2026-07-01
            closes = 2026-07-31
            [campaign.expert_review]
            closes = 2026-08-20
            [campaign.participant_call]
            opens = 2026-07-01
            closes = 2026-09-10
            [campaign.internships]
            from = 2026-09-15
            to = 2027-01-31

            [mailbox]
            imap_url = "\(imapURL ?? env["IMAPS_URL"])"
            user = "\(intake)"
            password_file = "password"
            ca_file = "\(env["MAIL_CA_FILE"])"
            connect_timeout_s = 5
            \(extraMailbox)

            [smtp]
            url = "\(env["SMTPS_URL"])"
            user = "\(intake)"
            password_file = "password"
            ca_file = "\(env["MAIL_CA_FILE"])"
            from = "Стажировки НКО <\(intake)>"

            [[coordinators]]
            name = "Анна"
            email = "coordinator@example.test"

            [templates]
            dir = "\(templates)"

            \(extraSections)
            """
        try Data(toml.utf8).write(to: config)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var config: URL { directory.appendingPathComponent("internships.toml") }
    var database: String { directory.appendingPathComponent("internships.sqlite").path }

    /// `internships <command> --config … --now …` plus `extra`.
    func run(_ command: [String], _ extra: [String] = []) throws -> CLIResult {
        try CLI.run(command + ["--config", config.path, "--now", Setup.now] + extra)
    }

    func statusJSON() throws -> [String: Any] {
        let result = try run(["status", "--json"])
        guard result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        else { throw CLIMissing(description: "status --json failed: \(result)") }
        return object
    }

    func append(_ messages: [[UInt8]]) throws {
        let session = try IMAPSession(settings: env.imap(intake), logger: .init(label: "cli-tests"))
        for message in messages { try session.append(mailbox: "INBOX", bytes: message) }
    }
}

/// Messages with real forms.
enum TestMail {
    static func make(from: String, to: String, subject: String = "Заявка", body: String, id: String,
                     headers: [String] = []) -> [UInt8] {
        let lines = ["From: Отправитель <\(from)>", "To: \(to)", "Subject: \(subject)",
                     "Message-ID: <\(id)>", "Date: Mon, 20 Jul 2026 09:00:00 +0500", "MIME-Version: 1.0"]
            + headers + ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "",
                         body.replacingOccurrences(of: "\n", with: "\r\n")]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    static func program(org: String) -> String { FormText.program(org: org) }
}

/// Waits until `user`'s INBOX holds at least `count` messages (Postfix → LMTP is async).
func mailCount(_ env: ServerEnv, _ user: String, atLeast count: Int, timeout: Double = 30) throws -> Int {
    let session = try IMAPSession(settings: env.imap(user), logger: .init(label: "cli-tests"))
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        let messages = try session.status(mailbox: "INBOX").messages
        if messages >= count || Date() > deadline { return messages }
        Thread.sleep(forTimeInterval: 0.2)
    }
}
