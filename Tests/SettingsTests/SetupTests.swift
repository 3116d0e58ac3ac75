import Foundation
import Testing
@testable import Settings

@Suite struct SetupTests {
    static let repositoryTemplates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("mail-templates", isDirectory: true)

    @Test func initWritesAPrivateLoadableConfigAndCopiesTemplates() throws {
        let scratch = try Scratch()
        let dir = scratch.dir.appendingPathComponent("new/campaign")
        let config = try ExampleSetup.write(into: dir, templates: Self.repositoryTemplates, force: false)
        let mode = try FileManager.default.attributesOfItem(atPath: config.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let settings = try Settings.load(from: config)
        #expect(settings.templatesDirectory.path == dir.appendingPathComponent("mail-templates").path)
        let copied = try TemplateDirectory.sources(in: settings.templatesDirectory)
        let original = try TemplateDirectory.sources(in: Self.repositoryTemplates)
        #expect(copied == original)
        #expect(copied["ack_program.subject"] != nil)
    }

    @Test func initRefusesToOverwriteWithoutForce() throws {
        let scratch = try Scratch()
        _ = try scratch.write("# mine\n", to: "internships.toml", mode: 0o644)
        let error = try #require(throws: ExampleSetup.Failure.self) {
            try ExampleSetup.write(into: scratch.dir, templates: Self.repositoryTemplates, force: false)
        }
        #expect(error.exitCode == 73)
        #expect(error.description.contains("--force"))
        #expect(try String(contentsOf: scratch.configFile, encoding: .utf8) == "# mine\n")
        #expect(!FileManager.default.fileExists(atPath: scratch.dir.appendingPathComponent("mail-templates").path))

        try ExampleSetup.write(into: scratch.dir, templates: Self.repositoryTemplates, force: true)
        #expect(try String(contentsOf: scratch.configFile, encoding: .utf8) == Settings.exampleTOML)
        let mode = try FileManager.default.attributesOfItem(atPath: scratch.configFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func initNeedsTheTemplates() throws {
        let scratch = try Scratch()
        let error = try #require(throws: ExampleSetup.Failure.self) {
            try ExampleSetup.write(into: scratch.dir, templates: scratch.dir.appendingPathComponent("nope"), force: false)
        }
        #expect(error.exitCode == 66)
        #expect(!FileManager.default.fileExists(atPath: scratch.configFile.path))
    }

    @Test func templatesAreFoundFromTheEnvironmentOrTheBuildTree() throws {
        let scratch = try Scratch()
        #expect(ExampleSetup.locateTemplates(environment: ["INTERNSHIPS_TEMPLATES": "/x/t"], executable: nil)?.path == "/x/t")
        try FileManager.default.createDirectory(at: scratch.dir.appendingPathComponent("mail-templates"), withIntermediateDirectories: true)
        let exe = scratch.dir.appendingPathComponent(".build/x86_64-unknown-linux-gnu/debug/internships")
        #expect(ExampleSetup.locateTemplates(environment: [:], executable: exe)?.path == scratch.dir.appendingPathComponent("mail-templates").path)
        #expect(ExampleSetup.locateTemplates(environment: [:], executable: URL(fileURLWithPath: "/usr/bin/internships")) == nil)
    }

    @Test func templateDirectoryProblemsNameTheKey() throws {
        let scratch = try Scratch()
        let error = try #require(throws: ConfigError.self) { try TemplateDirectory.sources(in: scratch.dir) }
        #expect(error.problems.map(\.key) == ["[templates] dir"])
    }

    @Test func passwordProblemsBecomeConfigErrors() throws {
        let scratch = try Scratch()
        let settings = try Settings.parse(Settings.exampleTOML, file: scratch.configFile)
        let error = try #require(throws: ConfigError.self) { try settings.mailboxPassword(environment: [:]) }
        #expect(error.problems.map(\.key) == ["[mailbox] password_file"])
        _ = try scratch.write("imap-pass\n", to: "secrets/imap-password")
        #expect(try settings.mailboxPassword(environment: [:]).secret.reveal() == "imap-pass")
        let smtp = try #require(throws: ConfigError.self) { try settings.smtpPassword(environment: [:]) }
        #expect(smtp.problems.map(\.key) == ["[smtp] password_env"])
        #expect(try settings.smtpPassword(environment: ["INTERNSHIPS_SMTP_PASSWORD": "s"])?.secret.reveal() == "s")
    }
}
