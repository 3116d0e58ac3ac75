// The three numbers that decide what to fetch next (RFC 3501 §2.3.1.1, §6.3.10).

/// UIDVALIDITY, UIDNEXT and MESSAGES of one mailbox (RFC 3501 §6.3.10).
public struct MailboxStatus: Sendable, Equatable {
    public var uidValidity: UInt32
    public var uidNext: UInt32
    public var messages: Int
    public init(uidValidity: UInt32, uidNext: UInt32, messages: Int) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.messages = messages
    }
}
