import MailTransport

/// A secret that was read, with anything worth a warning (e.g. a group/world-readable file).
public struct SecretReading: Sendable {
    public let secret: Secret
    /// Sentences for the log; never contain the secret.
    public let warnings: [String]
}
