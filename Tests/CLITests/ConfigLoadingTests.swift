// Every subcommand that reads the configuration goes through one loader (AppContext): the
// same file resolution (--config, else $INTERNSHIPS_CONFIG, else ./internships.toml), the
// same exit 78 naming the file (and the line of a syntax error), the same exit 73 for a
// database folder that does not exist, and one line `internships <command>: …` on stderr.
// Runs the built binary; none of these reach a mail server (each stops before).
import Foundation
import Testing

@Suite struct ConfigLoadingTests {
    /// (label, arguments): every subcommand that loads the configuration, with what it needs
    /// besides `--config`. `doctor` reports on stdout and has its own tests.
    static let commands: [(String, [String])] = [
        ("run", ["run"]), ("fetch", ["fetch"]), ("process", ["process"]), ("send", ["send"]),
        ("status", ["status"]), ("outbox list", ["outbox", "list"]), ("outbox retry", ["outbox", "retry", "1"]),
        ("inbound list", ["inbound", "list"]), ("inbound show", ["inbound", "show", "1"]),
        ("forget", ["forget", "someone@example.test"]), ("meeting announce", ["meeting", "announce"]),
        ("mail preview results", ["mail", "preview", "results"]),
        ("mail preview selection", ["mail", "preview", "selection"]),
        ("mail release catalogue", ["mail", "release", "catalogue"]),
        ("programmes rank", ["programmes", "rank"]), ("programmes remind", ["programmes", "remind"]),
        ("participants preview", ["participants", "preview"]),
        ("participants select", ["participants", "select"]),
        ("digest", ["digest", "--dry-run"]),
        ("export", ["export", "programmes", "--format", "csv", "--out", "/tmp/config-loading-never-written.csv"]),
        ("export catalogue", ["export", "catalogue", "--out", "/tmp/config-loading-never-written"]),
        ("question answered", ["question", "answered", "1"]),
    ]

    /// The `mailbox check` reads only [mailbox]; it is in the config-error tables but not the
    /// database one (it never opens the database).
    static let configReaders = commands + [("mailbox check", ["mailbox", "check"])]

    /// A throw-away folder with `internships.toml` = `content`.
    final class Folder {
        let url: URL
        init(_ content: String) throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("config-loading-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Data(content.utf8).write(to: config)
        }
        var config: URL { url.appendingPathComponent("internships.toml") }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    /// stderr's lines are `internships <command>: …` (no ArgumentParser "Error:" and no bare
    /// "internships:"), and the status is the one wanted.
    static func check(_ result: CLIResult, label: String, status: Int32, mentions: [String]) {
        #expect(result.status == status, "\(label): \(result)")
        for text in mentions {
            #expect(result.stderr.contains(text), "\(label): stderr must mention \(text)\n\(result)")
        }
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("internships \(label): "), "\(label): \(result)")
    }

    @Test(arguments: configReaders)
    func missingConfigExits78NamingTheFile(label: String, arguments: [String]) throws {
        let path = "/nonexistent-\(UUID().uuidString)/internships.toml"
        let result = try CLI.run(arguments + ["--config", path])
        Self.check(result, label: label, status: 78, mentions: [path, "internships init"])
    }

    @Test(arguments: configReaders)
    func tomlThatCrashesTheParserExits78NamingFileAndLine(label: String, arguments: [String]) throws {
        // toml++ aborts on this header (tomlplusplus#294); TOMLPrecheck must catch it first.
        let folder = try Folder("# settings\n\n[&\n")
        let running = try CLI.start(arguments + ["--config", folder.config.path])
        let result = running.finish()
        #expect(running.process.terminationReason == .exit, "\(label): killed by a signal\n\(result)")
        Self.check(result, label: label, status: 78, mentions: [folder.config.path, "syntax", "line 3"])
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("internships.sqlite").path))
    }

    /// A valid configuration whose database folder does not exist: exit 73 before any server
    /// is contacted, whether the file is named by --config or by $INTERNSHIPS_CONFIG.
    @Test(arguments: commands)
    func databaseFolderMissingExits73ByFlagAndByEnvironment(label: String, arguments: [String]) throws {
        let setup = try Setup(env: try ServerEnv.require(),
                              extraSections: "[database]\npath = \"no-such-folder/internships.sqlite\"")
        let byFlag = try CLI.run(arguments + ["--config", setup.config.path])
        Self.check(byFlag, label: label, status: 73, mentions: ["no-such-folder"])
        let byEnvironment = try CLI.run(arguments, environment: ["INTERNSHIPS_CONFIG": setup.config.path])
        Self.check(byEnvironment, label: label, status: 73, mentions: ["no-such-folder"])
    }

    @Test(arguments: [
        // (--now, accepted)
        ("2026-07-20T12:00:00+05:00", true),
        ("2026-07-20T12:00:00.250+05:00", true),
        ("2026-07-20", true),
        ("yesterday", false),
        ("20.07.2026", false),
    ])
    func nowIsTheSameForEveryCommandThatTakesIt(now: String, accepted: Bool) throws {
        let setup = try Setup(env: try ServerEnv.require())
        // One command of each former option group: CommonOptions, ConfigOptions, participants.Options.
        for arguments in [["status"], ["programmes", "rank"], ["participants", "preview"]] {
            let result = try CLI.run(arguments + ["--config", setup.config.path, "--now", now])
            #expect(result.status == (accepted ? 0 : 64), "\(arguments) --now \(now): \(result)")
        }
    }

    /// `export` and `digest` read the campaign `fetch`/`process`/`run` write (key = [campaign] name): they used
    /// to build their own PipelineConfig keyed by the year and saw an empty campaign.
    @Test func exportAndDigestSeeWhatRunRecorded() throws {
        let setup = try Setup(env: try ServerEnv.require())
        let t = setup.tag
        try setup.append([TestMail.make(from: "host-\(t)@example.test", to: setup.intake,
                                        body: TestMail.program(org: "АНО Чусовая-\(t)"), id: "cl1-\(t)@example.test")])
        // fetch + process: recorded, and no digest queued yet (`run` would queue today's).
        for command in [["fetch", "--answer-existing"], ["process"]] {
            let result = try setup.run(command)
            #expect(result.status == 0, "\(command): \(result)")
        }
        let out = setup.directory.appendingPathComponent("programmes.csv")
        let export = try CLI.run(["export", "programmes", "--format", "csv", "--out", out.path, "--config", setup.config.path])
        #expect(export.status == 0, "\(export)")
        let csv = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        #expect(csv.contains("АНО Чусовая-\(t)"), "the export must list the programme run recorded:\n\(csv)")
        let digest = try CLI.run(["digest", "--dry-run", "--now", "--at", Setup.now, "--config", setup.config.path])
        #expect(digest.status == 0, "\(digest)")
        #expect(digest.stdout.contains("Заявки на программы: новых 1"), "the digest must count the new programme:\n\(digest)")
    }
}
