/// How a connection to a mail server is protected, derived from the URL scheme and flags.
public enum TransportSecurity: String, Sendable, Hashable {
    /// TLS from the first byte (`imaps://`, `smtps://`).
    case implicitTLS
    /// Plain connect, then STARTTLS required (RFC 3207 for SMTP, RFC 2595 for IMAP);
    /// libcurl's `CURLUSESSL_ALL`, so a server without STARTTLS is a failure.
    case startTLS
    /// No TLS: allowed only to a loopback host with `allow_plain_loopback = true`.
    case plainLoopback
}

/// A mail server URL taken apart: the transport maps it to libcurl options.
public struct ServerEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The URL as written, e.g. `imaps://mail.example.org:993`.
    public var url: String
    public var scheme: String
    public var host: String
    public var port: Int
    public var security: TransportSecurity

    public init(url: String, scheme: String, host: String, port: Int, security: TransportSecurity) {
        self.url = url
        self.scheme = scheme
        self.host = host
        self.port = port
        self.security = security
    }

    public var description: String { url }

    /// Loopback names: plain text may only go there.
    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        return h == "localhost" || h == "::1" || h == "[::1]" || h.hasPrefix("127.")
    }
}
