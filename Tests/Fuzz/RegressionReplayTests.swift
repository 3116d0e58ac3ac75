// Replays every fuzz regression fixture (Tests/Fuzz/regressions/TARGET-*.eml) in `swift test`
// through the entry point the fuzzer uses (`FormsFuzz.one`, `ConfigFuzz.one`, `MIMEFuzz.one`,
// compiled here from the harness files with FUZZ_REPLAY, which drops the libFuzzer symbol).
// A trap or an abort kills the test process: the fixture still crashes. A fixture slower than
// the fuzzer's timeout (10 s) fails as a hang.
import Foundation
import Testing

struct RegressionReplayTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("regressions")

    /// Every fixture's file name (the `.stack.txt` beside it is the log, not an input).
    static let fixtures: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".eml") }.sorted()

    static let targets: [String: @Sendable ([UInt8]) -> Void] = [
        "forms": FormsFuzz.one, "config": ConfigFuzz.one, "mime": MIMEFuzz.one,
    ]

    @Test func everyFixtureNamesATarget() throws {
        #expect(Self.fixtures.contains { $0.hasPrefix("forms-") }, "no forms fixtures in \(Self.directory.path)")
        #expect(Self.fixtures.contains { $0.hasPrefix("config-") }, "no config fixtures in \(Self.directory.path)")
        for name in Self.fixtures {
            let target = String(name.prefix { $0 != "-" })
            #expect(Self.targets[target] != nil, "\(name): unknown fuzz target \(target)")
        }
    }

    @Test(arguments: fixtures)
    func fixtureNoLongerCrashes(name: String) throws {
        let target = String(name.prefix { $0 != "-" })
        let entry = try #require(Self.targets[target], "\(name): unknown fuzz target")
        let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(name)))
        let started = ContinuousClock.now
        entry(bytes)
        let elapsed = ContinuousClock.now - started
        #expect(elapsed < .seconds(10), "\(name): \(elapsed) — the fuzzer counts > 10 s as a hang")
    }
}
