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

        @Option(name: .long, help: "IMAP URL: imaps://host:993, or imap://host:143 with STARTTLS (default: [mailbox] of the config).")
        var imap: String?

        @Option(name: .long, help: "IMAP login name (with --imap).")
        var user: String?

        @Option(name: .long, help: ArgumentHelp(
            "Take the mailbox from this configuration file when --imap is not given (default: $INTERNSHIPS_CONFIG, else ./internships.toml).",
            valueName: "path"))
        var config: String?

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
            if imap == nil {
                if user != nil || passwordFile != nil || passwordEnv != nil || caFile != nil {
                    throw ValidationError("--user, --password-file, --password-env and --ca-file go with --imap; without --imap the config's [mailbox] is used.")
                }
                return
            }
            if user == nil { throw ValidationError("--imap needs --user.") }
            if (passwordFile == nil) == (passwordEnv == nil) {
                throw ValidationError("Give exactly one of --password-file FILE or --password-env VAR.")
            }
            if connectTimeout < 1 { throw ValidationError("--connect-timeout must be at least 1 second.") }
        }

        func run() throws {
            try reportingFailures("mailbox check") { try checkMailbox() }
        }

        private func checkMailbox() throws {
            var logger = Logger(label: "internships.mailbox")
            logger.logLevel = .warning
            guard let imap, let user else {
                // From the configuration file, as `run` reads it.
                let context = try AppContext.load(config: config, now: Date(), label: "mailbox")
                let settings = try context.imapSettings()
                let session = try IMAPSession(settings: settings, logger: logger)
                let report = try MailboxReport(session: session, allFolders: folders)
                for line in report.lines(user: settings.user) { print(line) }
                return
            }
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
