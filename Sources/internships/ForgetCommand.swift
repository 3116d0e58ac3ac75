// `internships forget EMAIL`: erases one person's personal data (152-FZ art. 21) from the
// database named in the config. Counts for the report stay. Re-running finds nothing more to
// erase and changes nothing but the log.
import ArgumentParser
import Foundation
import Logging
import Settings
import Store

struct ForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Erase a person's personal data and raw mail; keep anonymised counts.",
        discussion: """
            Removes the raw mail, headers, form values, names and our replies of everyone \
            writing from EMAIL; submissions keep their kind, number and dates for the report. \
            The erasure is logged in the database (erasure and audit rows) without the address. \
            Exit status: 0 done, 75 database busy, 78 configuration problem.
            """)

    @Argument(help: "The person's email address.")
    var email: String

    @Option(name: .long, help: "The configuration file.")
    var config: String = "internships.toml"

    func validate() throws {
        let parts = email.split(separator: "@")
        if parts.count != 2 || email.contains(where: { $0.isWhitespace || $0.isNewline }) {
            throw ValidationError("'\(email)' is not an email address.")
        }
    }

    func run() throws {
        var logger = Logger(label: "internships.forget")
        logger.logLevel = .info
        let settings: Settings
        do {
            settings = try Settings.load(from: URL(fileURLWithPath: config))
        } catch {
            FileHandle.standardError.write(Data("internships forget: \(error)\n".utf8))
            throw ExitCode(ConfigError.exitCode)
        }
        do {
            let store = try Store(path: settings.databasePath.path)
            let counts = try store.forget(email: email, at: Date())
            // The address is personal data: the log says how much, never whose.
            logger.info("personal data erased", metadata: [
                "erasure.inbound": "\(counts.inboundMessages)", "erasure.submissions": "\(counts.submissions)",
                "erasure.outbox": "\(counts.outboxMessages)",
            ])
            print("erased: \(counts)")
        } catch {
            FileHandle.standardError.write(Data("internships forget: \(error)\n".utf8))
            throw ExitCode(75)
        }
    }
}
