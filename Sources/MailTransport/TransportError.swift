// Errors from the mail edge: the fact (curl code, server reply) and what to check next.
// The text never contains a password: it is built only from server replies (redacted
// transcripts) and settings other than the secret.

/// An IMAP or SMTP failure: what kind, the libcurl code, the server's words and a hint
/// that tells an operator what to check.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// A URL or option that is not allowed (plain text to a remote host, bad scheme).
        case insecureURL
        /// Settings that cannot work (malformed URL, unreadable CA file, missing password).
        case configuration
        /// The TLS handshake or certificate verification failed.
        case tlsVerification
        /// STARTTLS was required but the server does not offer it.
        case tlsUnavailable
        /// Login refused.
        case authentication
        /// Nothing listens, connection refused or dropped.
        case connection
        /// The connect or low-speed timeout fired.
        case timeout
        /// The mailbox UIDVALIDITY is not the one the caller knows (RFC 3501 §2.3.1.1).
        case staleUIDValidity
        /// The UID does not exist (expunged or never existed).
        case noSuchMessage
        /// The mailbox does not exist.
        case noSuchMailbox
        /// The server answered NO or BAD, or refused an SMTP command.
        case protocolRefused
        /// A response was cut (libcurl truncates long lines without an error) or counts disagree.
        case truncated
        /// Anything else libcurl reported.
        case other
    }

    public var kind: Kind
    /// The libcurl result code, when libcurl produced one (`CURLcode`).
    public var curlCode: Int?
    /// The last reply line(s) from the server, passwords removed.
    public var serverReply: String?
    /// One sentence saying what to check.
    public var hint: String
    /// libcurl's own error text (CURLOPT_ERRORBUFFER), when set.
    public var detail: String?

    public init(kind: Kind, curlCode: Int? = nil, serverReply: String? = nil, hint: String,
                detail: String? = nil) {
        self.kind = kind
        self.curlCode = curlCode
        self.serverReply = serverReply
        self.hint = hint
        self.detail = detail
    }

    /// True when trying again later may succeed without anyone changing the settings.
    public var isTemporary: Bool {
        switch kind {
        case .connection, .timeout: return true
        default: return false
        }
    }

    public var description: String {
        var parts = [hint]
        if let curlCode { parts.append("curl \(curlCode)") }
        if let detail, !detail.isEmpty { parts.append(detail) }
        if let serverReply, !serverReply.isEmpty { parts.append("server: \(serverReply)") }
        return parts.joined(separator: "; ")
    }
}
