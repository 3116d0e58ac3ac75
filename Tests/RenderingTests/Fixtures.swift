import Foundation
@testable import Rendering

/// Paths relative to this file, so Package.swift needs no resources for the goldens.
enum Paths {
    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let golden = testsDir.appendingPathComponent("Golden", isDirectory: true)
    static let templates = testsDir.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("mail-templates", isDirectory: true)
}

enum Fixtures {
    /// The repository's templates, read the way the executable reads them: every
    /// `*.mustache` file at the top of the folder, keyed by its name without the extension.
    static func repositorySources() throws -> [String: String] {
        var sources: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: Paths.templates.path)
        where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: Paths.templates.appendingPathComponent(name), encoding: .utf8)
            sources[String(name.dropLast(".mustache".count))] = text
        }
        return sources
    }

    static func repositorySet() throws -> TemplateSet {
        try TemplateSet(sources: repositorySources())
    }

    static let cases = SampleContext.all

}

import Testing

extension SampleContext: CustomTestStringConvertible {
    public var testDescription: String { name }
}
