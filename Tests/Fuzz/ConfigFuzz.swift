// libFuzzer harness for the configuration loader (issue 9). Not a SwiftPM target: `scripts/fuzz
// config N` links it against SwiftPM's sanitized build of Settings (TOMLKit wraps toml++, C++).
// Input: arbitrary bytes as the text of internships.toml (invalid UTF-8 repaired, as
// `String(contentsOf:encoding:)` would refuse it: the loader only ever sees valid text).
// Output: nothing; a crash, a sanitizer report, a timeout or an out-of-memory is the finding.
// Both outcomes are touched: a valid file's settings and every problem of a ConfigError.
// `swift test` compiles this file too (FuzzReplayTests, FUZZ_REPLAY defined: no libFuzzer entry)
// and feeds every regressions/config-* fixture to `ConfigFuzz.one`.

import Foundation
import Settings

enum ConfigFuzz {
    @inline(never)
    static func consume<T>(_ value: T) {
        withExtendedLifetime(value) {}
    }

    /// A folder that does not exist: relative paths resolve against it, `ca_file` checks fail.
    static let file = URL(fileURLWithPath: "/nonexistent-internships-fuzz/internships.toml")

    /// One input, as libFuzzer hands it over.
    static func one(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let settings = try Settings.parse(text, file: file)
            consume(settings.coordinators.count)
            consume(settings.experts.count)
            consume(settings.databasePath.path)
            consume(settings.templatesDirectory.path)
            consume(String(describing: settings).utf8.count)
        } catch {
            consume(error.description.utf8.count)
            for problem in error.problems { consume(problem.description.utf8.count) }
        }
    }
}

#if !FUZZ_REPLAY
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    ConfigFuzz.one(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#endif
