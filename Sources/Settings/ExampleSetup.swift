import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `internships init DIR` does, kept here so it can be tested without the executable:
/// write the commented example config (mode 0600) and copy the templates folder.
public enum ExampleSetup {
    public static let configName = "internships.toml"
    public static let templatesName = "mail-templates"

    /// Why setup stopped; `exitCode` follows sysexits.h.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
        public let exitCode: Int32

        /// EX_CANTCREAT: would overwrite, or cannot write.
        static func cantCreate(_ text: String) -> Failure { Failure(description: text, exitCode: 73) }
        /// EX_NOINPUT: the templates to copy are not there.
        static func noInput(_ text: String) -> Failure { Failure(description: text, exitCode: 66) }
    }

    /// Writes `DIR/internships.toml` and copies `templates` to `DIR/mail-templates`.
    /// Refuses to replace either unless `force`; checks nothing is half-done before writing.
    /// Returns the config file, which has been loaded back to prove it is valid.
    @discardableResult
    public static func write(into directory: URL, templates: URL, force: Bool) throws -> URL {
        let manager = FileManager.default
        let config = directory.appendingPathComponent(configName)
        let target = directory.appendingPathComponent(templatesName, isDirectory: true)
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: templates.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure.noInput("templates folder \(templates.path) not found — pass --templates-from PATH or set INTERNSHIPS_TEMPLATES")
        }
        if templates.standardizedFileURL.path == target.standardizedFileURL.path {
            throw Failure.cantCreate("\(target.path) is the source of the templates — choose another DIR")
        }
        if !force {
            let existing = [config, target].filter { manager.fileExists(atPath: $0.path) }
            guard existing.isEmpty else {
                throw Failure.cantCreate("\(existing.map(\.path).joined(separator: " and ")) already exist\(existing.count == 1 ? "s" : "") — pass --force to replace")
            }
        }
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            try writePrivate(Settings.exampleTOML, to: config, replace: force)
            if force, manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
            try manager.copyItem(at: templates, to: target)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.cantCreate("cannot write into \(directory.path): \(error.localizedDescription)")
        }
        _ = try Settings.load(from: config)
        return config
    }

    /// Creates the file with mode 0600 from the start (no window where others could read it),
    /// O_EXCL unless replacing; an existing file being replaced is chmod-ed to 0600 too.
    static func writePrivate(_ text: String, to url: URL, replace: Bool) throws {
        let flags = O_WRONLY | O_CREAT | (replace ? O_TRUNC : O_EXCL)
        let fd = open(url.path, flags, 0o600)
        guard fd >= 0 else {
            throw Failure.cantCreate("cannot create \(url.path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else {
            throw Failure.cantCreate("cannot chmod 600 \(url.path): \(String(cString: strerror(errno)))")
        }
        try FileHandle(fileDescriptor: fd, closeOnDealloc: false).write(contentsOf: Data(text.utf8))
    }

    /// Where the templates to copy are: `INTERNSHIPS_TEMPLATES`, else a `mail-templates`
    /// folder in the executable's folder or one of its parents (a `swift build` tree sits in
    /// `REPO/.build/<triple>/debug/`, so the repository's folder is found from there).
    public static func locateTemplates(environment: [String: String], executable: URL?) -> URL? {
        if let path = environment["INTERNSHIPS_TEMPLATES"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        guard var folder = executable?.resolvingSymlinksInPath().deletingLastPathComponent() else { return nil }
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent(templatesName, isDirectory: true)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return nil
    }
}
