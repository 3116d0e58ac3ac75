// `internships doctor`: one line per check, ok or FAIL with what to do. Changes nothing
// except creating the database when it does not exist yet (as the first run would).
import ArgumentParser
import Foundation
import Logging
import MailTransport
import Pipeline
import Settings
import Store

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the configuration, the templates, the IMAP and SMTP logins and the database.",
        discussion: "Exit status: 0 all good; 75 a server is down (try later); 78 something to fix.")

    @OptionGroup var options: CommonOptions

    func run() throws {
        var checks = DoctorChecks()
        let context: AppContext
        do {
            context = try AppContext.load(options, label: "doctor")
            checks.pass("config", "\(options.configURL.path) is valid")
        } catch {
            checks.fail("config", CLIFailure.from(error))
            checks.finish()
            return
        }
        checks.run("templates") { try Self.templates(context) }
        checks.run("form wording") { try Self.formWording(context) }
        var imap: IMAPSettings?
        checks.run("imap password") {
            imap = try context.imapSettings()
            return "read from \(Self.source(context.settings.mailbox.password))"
        }
        if let imap {
            checks.run("imap login") { try Self.imapLogin(imap, context: context) }
        }
        var smtp: SMTPSettings?
        checks.run("smtp password") {
            smtp = try context.smtpSettings()
            return context.settings.smtp.password.map { "read from \(Self.source($0))" } ?? "none (relay without AUTH)"
        }
        if let smtp {
            checks.run("smtp login") {
                let reply = try SMTPSession.check(settings: smtp)
                return "\(context.settings.smtp.url) accepted EHLO\(smtp.user.isEmpty ? "" : ", AUTH") and NOOP (\(reply))"
            }
        }
        checks.run("database") { try Self.database(context) }
        checks.finish()
    }

    static func source(_ source: SecretSource) -> String {
        switch source {
        case .file(let url): return "file \(url.path)"
        case .environment(let name): return "environment variable \(name)"
        }
    }

    static func templates(_ context: AppContext) throws -> String {
        let renderer = try context.renderer()
        let result = renderer.templates.check()
        if let failure = result.failures.first {
            throw CLIFailure(status: CLIFailure.configuration,
                             message: "\(result.failures.count) sample(s) fail to render, first \(failure.sample): \(failure.error) — fix the template in \(context.settings.templatesDirectory.path)")
        }
        let missing = ["program", "participant", "score"].count - renderer.blankForms.count
        if missing > 0 {
            throw CLIFailure(status: CLIFailure.configuration,
                             message: "\(missing) blank form(s) missing in \(context.settings.templatesDirectory.path)/forms — copy them from the repository's mail-templates/forms")
        }
        return "\(renderer.templates.names.count) mails render with sample data; \(renderer.blankForms.count) blank forms"
            + (result.uncovered.isEmpty ? "" : "; not covered by samples: \(result.uncovered.joined(separator: ", "))")
    }

    /// The form-error wording file (`run` and `process` stop with 78 on the same problem).
    static func formWording(_ context: AppContext) throws -> String {
        let folder = context.settings.templatesDirectory
        let wording = try FormWordingFile.load(templatesDirectory: folder)
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(FormWordingFile.name).path) else {
            return "no \(FormWordingFile.name) in \(folder.path): the built-in wording is used"
        }
        return "\(FormWordingFile.name): \(wording.templates.count) wording(s)"
    }

    static func imapLogin(_ settings: IMAPSettings, context: AppContext) throws -> String {
        let session = try IMAPSession(settings: settings, logger: context.logger)
        let folder = context.settings.mailbox.folder
        let status = try session.status(mailbox: folder)
        return "\(context.settings.mailbox.url) as \(settings.user): \(folder) has \(status.messages) message(s)"
    }

    static func database(_ context: AppContext) throws -> String {
        let store = try context.openStore()
        let health = try store.health()
        guard health.pendingMigrations.isEmpty else {
            throw CLIFailure(status: CLIFailure.configuration, message: "migrations not applied: \(health.pendingMigrations.joined(separator: ", "))")
        }
        guard health.integrity == ["ok"] else {
            throw CLIFailure(status: CLIFailure.configuration,
                             message: "integrity_check: \(health.integrity.prefix(3).joined(separator: "; ")) — restore the database from a backup")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: store.path)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
        guard mode & 0o077 == 0 else {
            throw CLIFailure(status: CLIFailure.configuration,
                             message: "\(store.path) has mode \(String(mode, radix: 8)); it holds personal data — chmod 600 \(store.path)")
        }
        return "\(store.path): \(health.appliedMigrations.count) migration(s) applied, integrity ok, mode 600"
    }
}

/// Collects the lines and the exit status (78 beats 75).
struct DoctorChecks {
    var status: Int32 = 0

    mutating func pass(_ name: String, _ detail: String) {
        print("ok    \(name): \(detail)")
    }

    mutating func fail(_ name: String, _ failure: CLIFailure) {
        print("FAIL  \(name): \(failure.message.replacingOccurrences(of: "\n", with: "\n      "))")
        if status != CLIFailure.configuration { status = failure.status == CLIFailure.temporary ? CLIFailure.temporary : CLIFailure.configuration }
    }

    mutating func run(_ name: String, _ body: () throws -> String) {
        do {
            pass(name, try body())
        } catch {
            fail(name, CLIFailure.from(error))
        }
    }

    func finish() {
        if status != 0 {
            // ArgumentParser's exit without an extra message; the lines above say it all.
            Foundation.exit(status)
        }
    }
}
