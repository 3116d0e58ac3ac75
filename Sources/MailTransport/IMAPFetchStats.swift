// What one parallel fetch run did.

/// Counts from one `IMAPFetcher.fetch` run.
public struct IMAPFetchStats: Sendable, Equatable {
    public var delivered = 0
    public var missing = 0
    public var bytes = 0
    /// New connections (logins) over all sessions.
    public var connectionsOpened = 0
}
