// `run` and `doctor` read mail-templates/form-errors.ru.toml from the configured templates
// folder: a coordinator's edit reaches the error reply; a broken file stops run with 78.
import Foundation
import Testing

@Suite struct FormWordingTests {
    /// A copy of the repository's templates in the setup's folder, its wording file changed
    /// by `edit`, and the config pointed at it.
    static func ownTemplates(_ setup: Setup, edit: (String) -> String) throws -> URL {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("mail-templates")
        let copy = setup.directory.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: repo, to: copy)
        let file = copy.appendingPathComponent("form-errors.ru.toml")
        try Data(edit(try String(contentsOf: file, encoding: .utf8)).utf8).write(to: file)
        let config = try String(contentsOf: setup.config, encoding: .utf8)
            .replacingOccurrences(of: "dir = \"\(repo.path)\"", with: "dir = \"\(copy.path)\"")
        try Data(config.utf8).write(to: setup.config)
        return copy
    }

    /// The text of every base64 block of a raw message (Russian bodies go base64), plus the raw.
    static func readable(_ raw: String) -> String {
        var out = raw, block = ""
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
        let lines = raw.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        for line in lines + [""] {
            if !line.isEmpty && line.allSatisfy(alphabet.contains) {
                block += line
            } else {
                if let data = Data(base64Encoded: block) { out += "\n" + String(decoding: data, as: UTF8.self) }
                block = ""
            }
        }
        return out
    }

    @Test func changedWordingAppearsInTheErrorReply() throws {
        let env = try ServerEnv.require()
        let setup = try Setup(env: env)
        let marker = "Правка координатора \(setup.tag)"
        _ = try Self.ownTemplates(setup) { text in
            text + "\n\"missing\" = \"\(marker): заполните «{label}».\"\n\"missing:inn\" = \"\(marker): нет ИНН.\"\n"
                + "\"invalid:inn\" = \"\(marker): ИНН «{value}».\"\n"
        }
        let broken = "wording-\(setup.tag)@example.test"
        try setup.append([TestMail.make(
            from: broken, to: setup.intake,
            body: TestMail.program(org: "АНО Ока").replacingOccurrences(of: "ИНН: 5902123456", with: "ИНН:"),
            id: "w1-\(setup.tag)@example.test")])
        let run = try setup.run(["run", "--answer-existing"])
        #expect(run.status == 0, "\(run)")
        let list = try setup.run(["outbox", "list"])
        let id = list.stdout.split(separator: "\n").first { $0.hasSuffix("\t\(broken)") }?.split(separator: "\t").first
        let reply = try #require(id.map(String.init), "no reply to \(broken): \(list)")
        let show = try setup.run(["outbox", "show", reply])
        #expect(show.status == 0, "\(show)")
        #expect(Self.readable(show.stdout).contains(marker), "the coordinators' wording is missing: \(show)")

        let doctor = try setup.run(["doctor"])
        #expect(doctor.stdout.contains("ok    form wording: form-errors.ru.toml:"), "\(doctor)")
    }

    /// A line that is not `"code" = "text"`: run stops with 78 naming the file, before it
    /// touches the mailbox; doctor says FAIL on the same line.
    @Test(arguments: ["\"missing\" = Не заполнено поле\n", "\"invalid\" \"без знака равенства\"\n"])
    func brokenWordingFileExits78(line: String) throws {
        let setup = try Setup(env: try ServerEnv.require())
        _ = try Self.ownTemplates(setup) { $0 + line }
        let run = try setup.run(["run"])
        #expect(run.status == 78, "\(run)")
        #expect(run.stderr.contains("form-errors.ru.toml") && run.stderr.contains("not understood"), "\(run)")
        #expect(try setup.statusJSON()["inbound_total"] as? Int == 0)
        let doctor = try setup.run(["doctor"])
        #expect(doctor.status == 78, "\(doctor)")
        #expect(doctor.stdout.contains("FAIL  form wording:") && doctor.stdout.contains("form-errors.ru.toml"), "\(doctor)")
    }
}
