import Foundation

/// The relay that sends the programme's mail (`[smtp]`).
public struct SMTPSettings: Sendable, Hashable {
    public var server: ServerEndpoint
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
    public var connectTimeout: Duration
    public var transferTimeout: Duration

    public init(
        server: ServerEndpoint, user: String?, password: SecretSource?, caFile: URL?, from: NamedAddress,
        replyTo: NamedAddress, dailyBudget: Int, connectTimeout: Duration, transferTimeout: Duration
    ) {
        self.server = server
        self.user = user
        self.password = password
        self.caFile = caFile
        self.from = from
        self.replyTo = replyTo
        self.dailyBudget = dailyBudget
        self.connectTimeout = connectTimeout
        self.transferTimeout = transferTimeout
    }
}
