import Foundation

/// The programme's IMAP mailbox (`[mailbox]`).
public struct MailboxSettings: Sendable, Hashable {
    public var server: ServerEndpoint
    public var user: String
    public var password: SecretSource
    /// PEM file with the CA(s) that sign the server's certificate; nil: the system's store.
    public var caFile: URL?
    /// Folder read for new mail (`folder`, default `INBOX`).
    public var folder: String
    /// Where processed mail is moved after the commit (`processed_folder`).
    public var processedFolder: String
    /// Connections fetching in parallel (`parallel_fetches`, 1...8, default 2).
    public var parallelFetches: Int
    public var connectTimeout: Duration
    /// Upper bound for one transfer (`transfer_timeout_s`).
    public var transferTimeout: Duration

    public init(
        server: ServerEndpoint, user: String, password: SecretSource, caFile: URL?, folder: String,
        processedFolder: String, parallelFetches: Int, connectTimeout: Duration, transferTimeout: Duration
    ) {
        self.server = server
        self.user = user
        self.password = password
        self.caFile = caFile
        self.folder = folder
        self.processedFolder = processedFolder
        self.parallelFetches = parallelFetches
        self.connectTimeout = connectTimeout
        self.transferTimeout = transferTimeout
    }
}
