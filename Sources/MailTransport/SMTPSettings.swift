// How to reach the relay that sends the programme's mail. Value type; the password is a Secret.

/// Everything needed to open an SMTP session.
public struct SMTPSettings: Sendable, Equatable {
    /// `smtps://host:465` (preferred) or `smtp://host:587` (STARTTLS required).
    public var url: String
    /// Empty when the relay needs no AUTH.
    public var user: String
    public var password: Secret
    public var caFile: String?
    public var allowPlainToLoopback: Bool
    public var startTLSToRemote: Bool
    public var connectTimeout: Duration
    public var lowSpeedTimeout: Duration
    /// Local address to connect from (CURLOPT_INTERFACE), e.g. `127.0.0.2`; nil lets the
    /// system choose. Servers rate-limit failed logins per client address.
    public var localAddress: String?
    /// The name sent in EHLO (RFC 5321 §4.1.1.1); libcurl's default is the URL path or its own.
    public var heloName: String?

    public init(url: String, user: String = "", password: Secret = Secret(""), caFile: String? = nil,
                allowPlainToLoopback: Bool = false, startTLSToRemote: Bool = false,
                connectTimeout: Duration = .seconds(20), lowSpeedTimeout: Duration = .seconds(60),
                heloName: String? = nil) {
        self.url = url
        self.user = user
        self.password = password
        self.caFile = caFile
        self.allowPlainToLoopback = allowPlainToLoopback
        self.startTLSToRemote = startTLSToRemote
        self.connectTimeout = connectTimeout
        self.lowSpeedTimeout = lowSpeedTimeout
        self.heloName = heloName
    }

    public func endpoint() throws(TransportError) -> MailEndpoint {
        try MailEndpoint(url: url, proto: .smtp, allowPlainToLoopback: allowPlainToLoopback,
                         startTLSToRemote: startTLSToRemote)
    }
}
