import Foundation

extension Settings {
    /// Reads the IMAP password; a failure is a configuration error naming the key (exit 78).
    public func mailboxPassword(environment: [String: String]) throws(ConfigError) -> SecretReading {
        try Self.read(mailbox.password, section: "mailbox", file: file, environment: environment)
    }

    /// Reads the SMTP password, or nil when the relay takes mail without AUTH.
    public func smtpPassword(environment: [String: String]) throws(ConfigError) -> SecretReading? {
        guard let source = smtp.password else { return nil }
        return try Self.read(source, section: "smtp", file: file, environment: environment)
    }

    private static func read(_ source: SecretSource, section: String, file: URL, environment: [String: String])
        throws(ConfigError) -> SecretReading
    {
        do {
            return try source.read(environment: environment)
        } catch {
            let key = switch source {
            case .file: "[\(section)] password_file"
            case .environment: "[\(section)] password_env"
            }
            throw ConfigError(file: file, problems: [ConfigProblem(key: key, message: error.description)])
        }
    }
}
