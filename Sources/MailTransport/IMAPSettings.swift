// How to reach the programme mailbox. Value type; the password is a Secret.

/// Everything needed to open IMAP sessions.
public struct IMAPSettings: Sendable, Equatable {
    /// `imaps://host:993` (preferred) or `imap://host:143` (STARTTLS required).
    public var url: String
    public var user: String
    public var password: Secret
    /// A PEM file with the CA(s) to trust instead of the system store.
    public var caFile: String?
    /// Allow a plain `imap://` URL to a loopback host without TLS (tests, local relays).
    public var allowPlainToLoopback: Bool
    /// Accept `imap://` to a remote host, with STARTTLS required.
    public var startTLSToRemote: Bool
    /// Limit for TCP connect, TLS handshake, greeting and login.
    public var connectTimeout: Duration
    /// A transfer slower than 1 byte/s for this long is abandoned (CURLOPT_LOW_SPEED_TIME).
    public var lowSpeedTimeout: Duration
    /// Local address to connect from (CURLOPT_INTERFACE), e.g. `127.0.0.2`; nil lets the
    /// system choose. Servers rate-limit failed logins per client address.
    public var localAddress: String?
    /// Sessions used in parallel by `IMAPFetcher`.
    public var parallelHandles: Int
    /// UIDs per `UID SEARCH` window; keeps each response line far below the buffer size.
    public var searchWindow: UInt32

    public init(url: String, user: String, password: Secret, caFile: String? = nil,
                allowPlainToLoopback: Bool = false, startTLSToRemote: Bool = false,
                connectTimeout: Duration = .seconds(20), lowSpeedTimeout: Duration = .seconds(60),
                parallelHandles: Int = 2, searchWindow: UInt32 = 5_000) {
        self.url = url
        self.user = user
        self.password = password
        self.caFile = caFile
        self.allowPlainToLoopback = allowPlainToLoopback
        self.startTLSToRemote = startTLSToRemote
        self.connectTimeout = connectTimeout
        self.lowSpeedTimeout = lowSpeedTimeout
        self.parallelHandles = parallelHandles
        self.searchWindow = searchWindow
    }

    /// The validated endpoint; throws before any network traffic when the URL breaks the rule.
    public func endpoint() throws(TransportError) -> MailEndpoint {
        try MailEndpoint(url: url, proto: .imap, allowPlainToLoopback: allowPlainToLoopback,
                         startTLSToRemote: startTLSToRemote)
    }
}
