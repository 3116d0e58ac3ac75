// The env file of the real Dovecot and Postfix on loopback, as written by scripts/mail-servers
// (`INTERNSHIPS_MAIL_ENV`, else /tmp/internships-mail/env). Tests that need the servers fail
// (never skip) when it is missing, so CI cannot pass silently without them.
import Foundation

public struct MailServersMissing: Error, CustomStringConvertible {
    public var path: String
    public var description: String {
        "mail servers are not running: \(path) is missing — run scripts/mail-servers start"
    }
}

public struct MailServerEnv: Sendable {
    public var values: [String: String]

    public init(values: [String: String]) { self.values = values }

    public static var path: String {
        ProcessInfo.processInfo.environment["INTERNSHIPS_MAIL_ENV"] ?? "/tmp/internships-mail/env"
    }

    /// Reads the env file or throws "run scripts/mail-servers start".
    public static func require() throws -> MailServerEnv {
        let path = path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw MailServersMissing(path: path) }
        return MailServerEnv(values: parse(text))
    }

    /// `KEY=value` lines; `#` comments; a value in matching single or double quotes is unquoted.
    public static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let eq = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            var value = String(line[line.index(after: eq)...])
            if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f {
                value = String(value.dropFirst().dropLast())
            }
            values[String(line[..<eq])] = value
        }
        return values
    }

    /// The value of `key`, "" when the file has none.
    public subscript(_ key: String) -> String { values[key] ?? "" }
    public func value(_ key: String) -> String { self[key] }

    /// The port of the URL under `key` (`imaps://127.0.0.1:1993` → 1993), 0 when it has none.
    public func port(_ key: String) -> Int {
        Int(self[key].split(separator: ":").last.map { $0.filter(\.isNumber) } ?? "") ?? 0
    }
}
