// A configuration file that crashed the TOML parser (toml++ assertion, SIGABRT) must end the
// command with exit 78 and a message naming the file and line, never a signal. Runs the built
// binary on every fuzz fixture of the `config` target and a few hand-made headers.
import Foundation
import Testing

@Suite struct ConfigCrashTests {
    static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/regressions")

    /// (label, file content): every config-* fuzz fixture, then known toml++ aborts.
    static let inputs: [(String, String)] = {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: regressions.path)) ?? [])
            .filter { $0.hasPrefix("config-") && $0.hasSuffix(".eml") }.sorted()
        let fixtures = names.map { name in
            (name, String(decoding: (try? Data(contentsOf: regressions.appendingPathComponent(name))) ?? Data(),
                          as: UTF8.self))
        }
        return fixtures + [
            ("[[[1]]] (tomlplusplus#301)", "[[[1]]]\n"),
            ("[& (tomlplusplus#294)", "# settings\n\n[&\n"),
            ("header after a valid section", "[campaign]\nname = \"x\"\n  [ )bad]\n"),
        ]
    }()

    @Test func thereIsAConfigFixture() {
        #expect(Self.inputs.contains { $0.0.hasPrefix("config-") }, "no config-* fixture in \(Self.regressions.path)")
    }

    @Test(arguments: inputs)
    func crashingConfigExits78(label: String, content: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("config-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("internships.toml")
        try Data(content.utf8).write(to: config)
        for command in [["status"], ["run"], ["doctor"]] {
            let running = try CLI.start(command + ["--config", config.path])
            let result = running.finish()
            #expect(running.process.terminationReason == .exit, "\(label) \(command): killed by signal \(result.status)\n\(result)")
            #expect(result.status == 78, "\(label) \(command): \(result)")
            let said = result.stderr + result.stdout // doctor prints its checks on stdout
            #expect(said.contains(config.path), "\(label) \(command): the message must name the file\n\(result)")
            #expect(said.contains("syntax") && said.contains("line "), "\(label) \(command): \(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("internships.sqlite").path))
    }
}
