// The real Dovecot and Postfix on loopback, as started by scripts/mail-servers. Tests that need
// them fail (never skip) when they are missing, so CI cannot pass silently without servers.
import Foundation
import Logging
@testable import MailTransport

struct TestServersMissing: Error, CustomStringConvertible {
    var path: String
    var description: String {
        "mail servers are not running: \(path) is missing — run scripts/mail-servers start"
    }
}

struct TestServers: Sendable {
    var values: [String: String]

    static var envPath: String {
        ProcessInfo.processInfo.environment["INTERNSHIPS_MAIL_ENV"] ?? "/tmp/internships-mail/env"
    }

    /// Reads the env file or throws "run scripts/mail-servers start".
    static func require() throws -> TestServers {
        let path = envPath
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw TestServersMissing(path: path) }
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let eq = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            var value = String(line[line.index(after: eq)...])
            if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f {
                value = String(value.dropFirst().dropLast())
            }
            values[String(line[..<eq])] = value
        }
        return TestServers(values: values)
    }

    func value(_ key: String) -> String { values[key] ?? "" }
    var password: Secret { Secret(value("MAIL_PASSWORD")) }
    var caFile: String { value("MAIL_CA_FILE") }
    var wrongCAFile: String { (caFile as NSString).deletingLastPathComponent + "/wrong-ca.pem" }
    var domain: String { value("MAIL_DOMAIN") }

    /// A user no other test touches.
    func freshUser(_ tag: String = "t") -> String {
        "\(tag)-\(UUID().uuidString.lowercased().prefix(13))@\(domain)"
    }

    func imap(_ user: String, url key: String = "IMAPS_URL", allowPlain: Bool = false,
              connectTimeout: Duration = .seconds(10), lowSpeed: Duration = .seconds(10),
              parallel: Int = 2, searchWindow: UInt32 = 5_000) -> IMAPSettings {
        IMAPSettings(url: value(key), user: user, password: password, caFile: caFile,
                     allowPlainToLoopback: allowPlain, connectTimeout: connectTimeout,
                     lowSpeedTimeout: lowSpeed, parallelHandles: parallel, searchWindow: searchWindow)
    }

    func smtp(url key: String = "SMTPS_URL", user: String? = nil, allowPlain: Bool = false) -> SMTPSettings {
        SMTPSettings(url: value(key), user: user ?? "", password: user == nil ? Secret("") : password,
                     caFile: caFile, allowPlainToLoopback: allowPlain,
                     connectTimeout: .seconds(10), lowSpeedTimeout: .seconds(10))
    }

    func maildir(_ user: String) -> String {
        let parts = user.split(separator: "@")
        return value("MAILDIR_TEMPLATE").replacingOccurrences(of: "{domain}", with: String(parts[1]))
            .replacingOccurrences(of: "{user}", with: String(parts[0]))
    }

    /// Runs `$DOVEADM args…`; returns its exit status.
    @discardableResult
    func doveadm(_ args: [String]) throws -> Int32 {
        let command = value("DOVEADM").split(separator: " ").map(String.init)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst()) + args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }
}

let testLogger = Logger(label: "test.mailtransport")

/// A small RFC 5322 message with CRLF line ends.
func sampleMessage(from: String = "sender@example.test", to: String, subject: String, body: String,
                   messageID: String = UUID().uuidString) -> [UInt8] {
    let text = [
        "From: \(from)", "To: \(to)", "Subject: \(subject)", "Message-ID: <\(messageID)@example.test>",
        "Date: Sun, 29 Nov 2026 09:00:00 +0500", "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", body, "",
    ].joined(separator: "\r\n")
    return Array(text.utf8)
}
