// UID search in windows (RFC 3501 §6.4.4, §6.4.8), cross-checked because libcurl silently
// cuts response lines longer than its buffer.

extension IMAPSession {
    /// All UIDs ≥ `from` in `mailbox`, ascending. Searches `[a, b]` windows below UIDNEXT so
    /// each reply line stays small, drops UIDs outside the window (`n:*` always includes the
    /// highest UID), and cross-checks the total against ESEARCH COUNT (RFC 4731) or, from
    /// UID 1, STATUS MESSAGES. A mismatch is retried once, then thrown as `.truncated`.
    public func searchUIDs(mailbox: String, from: UInt32 = 1) throws(TransportError) -> [UInt32] {
        var lastError: TransportError?
        for _ in 0..<2 {
            let status = try self.status(mailbox: mailbox)
            let (uids, expected) = try searchOnce(mailbox: mailbox, from: max(1, from), status: status)
            if expected == nil || expected == uids.count { return uids }
            lastError = TransportError(
                kind: .truncated,
                hint: "UID SEARCH in '\(mailbox)' on \(endpoint.authority) returned \(uids.count) UIDs but the server counts \(expected ?? 0) — a response line was cut or the mailbox changed; try again")
        }
        throw lastError ?? TransportError(kind: .truncated, hint: "UID SEARCH could not be cross-checked")
    }

    private func searchOnce(mailbox: String, from: UInt32, status: MailboxStatus)
        throws(TransportError) -> (uids: [UInt32], expected: Int?)
    {
        guard status.uidNext > from else { return ([], from <= 1 ? status.messages : nil) }
        let last = status.uidNext - 1
        let url = mailboxURL(mailbox, uidValidity: status.uidValidity)
        var uids: [UInt32] = []
        var low = from
        let window = max(1, settings.searchWindow)
        while low <= last {
            let high = low + min(window - 1, last - low)
            let t: CurlTransfer
            do {
                t = try run("search", url: url, command: "UID SEARCH UID \(low):\(high)")
            } catch {
                throw refineMailboxError(error, mailbox: mailbox, uidValidity: status.uidValidity)
            }
            let reply = IMAPResponse.search(splitLines(t.body))
            guard reply.sawSearchLine, reply.malformedTokens.isEmpty else {
                throw TransportError(kind: .truncated, serverReply: IMAPResponse.taggedCompletion(t.headerLines),
                    hint: "UID SEARCH reply for \(low):\(high) in '\(mailbox)' was cut or malformed — try again; if it repeats, lower the search window")
            }
            uids += reply.uids.filter { $0 >= low && $0 <= high }
            if high == UInt32.max { break }
            low = high + 1
        }
        uids = Array(Set(uids)).sorted()
        let expected: Int?
        if try capabilities().contains("ESEARCH") {
            let t = try run("search-count", url: url, command: "UID SEARCH RETURN (COUNT) UID \(from):\(last)")
            expected = IMAPResponse.esearchCount(splitLines(t.body))
        } else {
            expected = from <= 1 ? status.messages : nil
        }
        return (uids, expected)
    }
}
