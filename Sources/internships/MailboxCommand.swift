// `internships mailbox check`: the first command an operator runs. Logs in, prints the
// server's capabilities and each folder's UIDVALIDITY/UIDNEXT/MESSAGES. Reads nothing but the
// password source; changes nothing on the server, so it is always safe to re-run.
import ArgumentParser
import Foundation
import Logging
import MailTransport

struct MailboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailbox", abstract: "Inspect the programme mailbox.",
        subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Log in to the IMAP server and print folder status.",
            discussion: """
                Exit status: 0 when the login and status worked, 75 on a temporary failure \
                (connection refused, timeout: try again later), 78 on a configuration problem \
                (URL, TLS certificate, user or password).
                """)

        @Option(name: .long, help: "IMAP URL: imaps://host:993, or imap://host:143 with STARTTLS.")
        var imap: String

        @Option(name: .long, help: "IMAP login name.")
        var user: String

        @Option(name: .customLong("password-file"), help: "File whose first line is the password.")
        var passwordFile: String?

        @Option(name: .customLong("password-env"), help: "Environment variable that holds the password.")
        var passwordEnv: String?

        @Option(name: .customLong("ca-file"), help: "PEM file with the CA to trust instead of the system store.")
        var caFile: String?

        @Flag(name: .customLong("allow-plain-loopback"), help: "Allow imap:// without TLS to 127.0.0.1 / localhost.")
        var allowPlainLoopback = false

        @Flag(name: .customLong("starttls"), help: "Accept imap:// to a remote host, with STARTTLS required.")
        var startTLS = false

        @Flag(name: .long, help: "Show every folder, not only INBOX.")
        var folders = false

        @Option(name: .customLong("connect-timeout"), help: "Seconds allowed for connect, TLS and login.")
        var connectTimeout: Int = 20

        func validate() throws {
            if (passwordFile == nil) == (passwordEnv == nil) {
                throw ValidationError("Give exactly one of --password-file FILE or --password-env VAR.")
            }
            if connectTimeout < 1 { throw ValidationError("--connect-timeout must be at least 1 second.") }
        }

        func run() throws {
            do {
                try checkMailbox()
            } catch {
                FileHandle.standardError.write(Data("internships mailbox check: \(error)\n".utf8))
                throw ExitCode(error.exitStatus)
            }
        }

        private func checkMailbox() throws(TransportError) {
            var logger = Logger(label: "internships.mailbox")
            logger.logLevel = .warning
            let settings = IMAPSettings(
                url: imap, user: user, password: try readPassword(), caFile: caFile,
                allowPlainToLoopback: allowPlainLoopback, startTLSToRemote: startTLS,
                connectTimeout: .seconds(connectTimeout), lowSpeedTimeout: .seconds(max(connectTimeout, 30)))
            let session = try IMAPSession(settings: settings, logger: logger)
            let report = try MailboxReport(session: session, allFolders: folders)
            for line in report.lines(user: user) { print(line) }
        }

        private func readPassword() throws(TransportError) -> Secret {
            if let passwordEnv {
                guard let value = ProcessInfo.processInfo.environment[passwordEnv], !value.isEmpty else {
                    throw TransportError(kind: .configuration,
                                         hint: "environment variable \(passwordEnv) is empty or unset — export the IMAP password in it")
                }
                return Secret(value)
            }
            let path = passwordFile ?? ""
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw TransportError(kind: .configuration,
                                     hint: "cannot read password file \(path) — check the path and its permissions")
            }
            let first = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let password = first.hasSuffix("\r") ? String(first.dropLast()) : String(first)
            guard !password.isEmpty else {
                throw TransportError(kind: .configuration, hint: "password file \(path) is empty — put the IMAP password on its first line")
            }
            return Secret(password)
        }
    }
}
