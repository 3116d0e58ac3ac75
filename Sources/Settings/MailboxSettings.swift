import Foundation
import MailTransport

/// The programme's IMAP mailbox (`[mailbox]`).
public struct MailboxSettings: Sendable, Equatable {
    /// The URL as validated by MailTransport's rule (implicit TLS, STARTTLS, or plain to loopback).
    public var endpoint: MailEndpoint
    /// `imap_url` as written (libcurl gets `endpoint.baseURL`).
    public var url: String
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
    /// UIDs per `UID SEARCH` window (`search_window`).
    public var searchWindow: Int
    public var allowPlainLoopback: Bool
    public var startTLS: Bool
    public var connectTimeout: Duration
    /// A transfer slower than 1 byte/s for this long is abandoned (`low_speed_timeout_s`).
    public var lowSpeedTimeout: Duration

    public init(
        endpoint: MailEndpoint, url: String, user: String, password: SecretSource, caFile: URL?, folder: String,
        processedFolder: String, parallelFetches: Int, searchWindow: Int, allowPlainLoopback: Bool, startTLS: Bool,
        connectTimeout: Duration, lowSpeedTimeout: Duration
    ) {
        self.endpoint = endpoint
        self.url = url
        self.user = user
        self.password = password
        self.caFile = caFile
        self.folder = folder
        self.processedFolder = processedFolder
        self.parallelFetches = parallelFetches
        self.searchWindow = searchWindow
        self.allowPlainLoopback = allowPlainLoopback
        self.startTLS = startTLS
        self.connectTimeout = connectTimeout
        self.lowSpeedTimeout = lowSpeedTimeout
    }

    /// What `IMAPSession` / `IMAPFetcher` take, with the password the shell has read.
    public func imapSettings(password: Secret) -> IMAPSettings {
        IMAPSettings(
            url: url, user: user, password: password, caFile: caFile?.path,
            allowPlainToLoopback: allowPlainLoopback, startTLSToRemote: startTLS,
            connectTimeout: connectTimeout, lowSpeedTimeout: lowSpeedTimeout,
            parallelHandles: parallelFetches, searchWindow: UInt32(searchWindow))
    }
}
