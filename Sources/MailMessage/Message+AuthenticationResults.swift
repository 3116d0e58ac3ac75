// Message.authenticationResults (RFC 8601).

extension Message {
    /// All Authentication-Results fields, topmost (added last, by our server) first.
    public var authenticationResults: [AuthenticationResults] {
        headers(named: "Authentication-Results").compactMap(AuthenticationResults.parse)
    }
}
