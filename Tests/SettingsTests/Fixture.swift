import Foundation
@testable import Settings

/// A scratch folder per test; the example config is loaded "from" a file in it.
struct Scratch {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("settings-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    var configFile: URL { dir.appendingPathComponent("internships.toml") }

    func write(_ text: String, to name: String, mode: Int = 0o600) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url
    }
}

/// The example with one edit. Fails loudly if the text to replace is not in the example,
/// so a change to the example cannot silently turn a test into a no-op.
struct ExampleEdit: CustomTestStringConvertible, Sendable {
    let old: String
    let new: String

    init(_ old: String, _ new: String) {
        self.old = old
        self.new = new
    }

    var testDescription: String { "\(old) → \(new)" }

    func apply(to text: String = Settings.exampleTOML) throws -> String {
        guard text.contains(old) else { throw EditError(missing: old) }
        return text.replacingOccurrences(of: old, with: new)
    }

    struct EditError: Error { let missing: String }
}

import Testing
