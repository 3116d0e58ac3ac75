import Foundation
import MailTransport

/// The relay that sends the programme's mail (`[smtp]`). Named "relay" so it does not clash
/// with MailTransport's `SMTPSettings`, which `smtpSettings(password:)` produces.
public struct RelaySettings: Sendable, Equatable {
    public var endpoint: MailEndpoint
    /// `url` as written.
    public var url: String
    /// Nil: the relay takes mail without AUTH (a local Postfix); then `password` is nil too.
    public var user: String?
    public var password: SecretSource?
    public var caFile: URL?
    /// The From of every message, e.g. `Стажировки НКО Прикамья <intake@example.test>`.
    public var from: NamedAddress
    /// Reply-To of every message: the programme mailbox (defaults to `from`).
    public var replyTo: NamedAddress
    /// At most this many messages per day (provider limits); the rest wait for tomorrow.
    public var dailyBudget: Int
    /// The EHLO name (RFC 5321 §4.1.1.1); nil: libcurl's default.
    public var heloName: String?
    public var allowPlainLoopback: Bool
    public var startTLS: Bool
    public var connectTimeout: Duration
    public var lowSpeedTimeout: Duration

    public init(
        endpoint: MailEndpoint, url: String, user: String?, password: SecretSource?, caFile: URL?,
        from: NamedAddress, replyTo: NamedAddress, dailyBudget: Int, heloName: String?,
        allowPlainLoopback: Bool, startTLS: Bool, connectTimeout: Duration, lowSpeedTimeout: Duration
    ) {
        self.endpoint = endpoint
        self.url = url
        self.user = user
        self.password = password
        self.caFile = caFile
        self.from = from
        self.replyTo = replyTo
        self.dailyBudget = dailyBudget
        self.heloName = heloName
        self.allowPlainLoopback = allowPlainLoopback
        self.startTLS = startTLS
        self.connectTimeout = connectTimeout
        self.lowSpeedTimeout = lowSpeedTimeout
    }

    /// What `SMTPSession` takes; `password` nil when there is no AUTH.
    public func smtpSettings(password: Secret?) -> SMTPSettings {
        SMTPSettings(
            url: url, user: user ?? "", password: password ?? Secret(""), caFile: caFile?.path,
            allowPlainToLoopback: allowPlainLoopback, startTLSToRemote: startTLS,
            connectTimeout: connectTimeout, lowSpeedTimeout: lowSpeedTimeout, heloName: heloName)
    }
}
