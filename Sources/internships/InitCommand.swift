import ArgumentParser
import Foundation
import Settings

/// `internships init DIR`: a commented example `internships.toml` (mode 0600) and a copy of
/// the mail templates, ready to edit. Refuses to replace anything without `--force`.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented example internships.toml and copy the mail templates into DIR.",
        discussion: """
            The templates come from --templates-from, else $INTERNSHIPS_TEMPLATES, else the \
            mail-templates folder of the repository the executable was built in.
            """
    )

    @Argument(help: "The folder to set up (created if missing).")
    var dir: String

    @Option(name: .customLong("templates-from"), help: "The mail-templates folder to copy.")
    var templatesFrom: String?

    @Flag(help: "Replace an existing internships.toml and mail-templates folder.")
    var force = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "", relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        guard let templates = templatesFrom.map({ URL(fileURLWithPath: $0, isDirectory: true) })
            ?? ExampleSetup.locateTemplates(environment: environment, executable: Bundle.main.executableURL ?? executable)
        else {
            printError("no mail-templates folder found — pass --templates-from PATH or set INTERNSHIPS_TEMPLATES")
            throw ExitCode(66)  // EX_NOINPUT
        }
        let directory = URL(fileURLWithPath: dir, isDirectory: true).standardizedFileURL
        do {
            let config = try ExampleSetup.write(into: directory, templates: templates, force: force)
            print("""
                Wrote \(config.path) (mode 600) and copied \(templates.path) to \(directory.appendingPathComponent(ExampleSetup.templatesName).path).
                Next: edit the campaign dates, mailbox and smtp; put the IMAP password in \
                \(directory.appendingPathComponent("secrets/imap-password").path) (chmod 600); \
                then check it with `internships doctor`.
                """)
        } catch let failure as ExampleSetup.Failure {
            printError(failure.description)
            throw ExitCode(failure.exitCode)
        } catch let error as ConfigError {
            printError(error.description)
            throw ExitCode(ConfigError.exitCode)
        }
    }

    private func printError(_ text: String) {
        FileHandle.standardError.write(Data("internships init: \(text)\n".utf8))
    }
}
