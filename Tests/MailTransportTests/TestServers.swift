// The real Dovecot and Postfix on loopback, as started by scripts/mail-servers (env file read by
// TestSupport's MailServerEnv). Tests that need them fail (never skip) when they are missing.
import Foundation
import Logging
@testable import MailTransport
import TestSupport

/// The env file, read by the shared `MailServerEnv`; the settings this target's tests use.
typealias TestServers = MailServerEnv

extension MailServerEnv {
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
