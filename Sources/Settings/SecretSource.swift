import Foundation
import MailTransport

/// Where a password comes from. The loader records this; it never reads the secret itself
/// (see `SecretSource.read(environment:)`), so loading a config has no side effects.
public enum SecretSource: Sendable, Hashable, CustomStringConvertible {
    /// `password_file`: the first line of this file (resolved against the config's folder).
    case file(URL)
    /// `password_env`: the value of this environment variable.
    case environment(String)

    public var description: String {
        switch self {
        case .file(let url): "password_file \(url.path)"
        case .environment(let name): "password_env \(name)"
        }
    }
}

extension SecretSource {
    /// Reads the secret. A file: its content up to the first line break (a trailing newline
    /// from an editor is not part of the password); warns when group or others may read it.
    /// An environment variable: its whole value. Empty is an error either way.
    public func read(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(SecretError) -> SecretReading
    {
        switch self {
        case .environment(let name):
            guard let value = environment[name] else {
                throw SecretError(source: self, reason: "the variable is not set — export \(name)=... before running")
            }
            guard !value.isEmpty else {
                throw SecretError(source: self, reason: "the variable is empty — set it to the password")
            }
            return SecretReading(secret: Secret(value), warnings: [])
        case .file(let url):
            let manager = FileManager.default
            guard manager.fileExists(atPath: url.path) else {
                throw SecretError(source: self, reason: "no such file — put the password on its first line and chmod 600 it")
            }
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw SecretError(source: self, reason: "cannot be read (\(error.localizedDescription)) — check its owner and mode")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw SecretError(source: self, reason: "is not UTF-8 text — write the password as plain UTF-8")
            }
            // "\r\n" is one Character in Swift, so split on isNewline, not on "\n".
            let value = String(text.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: \.isNewline).first ?? "")
            guard !value.isEmpty else {
                throw SecretError(source: self, reason: "the first line is empty — put the password on it")
            }
            var warnings: [String] = []
            if let mode = (try? manager.attributesOfItem(atPath: url.path))?[.posixPermissions] as? Int,
               mode & 0o077 != 0
            {
                warnings.append("\(self) can be read by group or others (mode \(String(mode & 0o777, radix: 8))) — chmod 600 it")
            }
            return SecretReading(secret: Secret(value), warnings: warnings)
        }
    }
}
