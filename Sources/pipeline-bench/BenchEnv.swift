// The mail servers' env file (scripts/mail-servers: `KEY=value`, values maybe double-quoted).
import Foundation
import MailTransport

struct BenchEnv {
    private var values: [String: String] = [:]

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            var value = String(line[line.index(after: equals)...])
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            values[String(line[..<equals])] = value
        }
    }

    func value(_ key: String) throws -> String {
        guard let value = values[key] else { throw BenchFailure("env file has no \(key)") }
        return value
    }

    /// IMAPS with the local CA, as production reads.
    func imap(_ user: String) throws -> IMAPSettings {
        IMAPSettings(url: try value("IMAPS_URL"), user: user, password: Secret(try value("MAIL_PASSWORD")),
                     caFile: try value("MAIL_CA_FILE"))
    }

    /// SMTPS with login as the programme mailbox, as production sends.
    func smtp(_ user: String) throws -> SMTPSettings {
        SMTPSettings(url: try value("SMTPS_URL"), user: user, password: Secret(try value("MAIL_PASSWORD")),
                     caFile: try value("MAIL_CA_FILE"))
    }
}
