// One recipient of one message: its RCPT reply and whether the message reached it.

/// One recipient's outcome: its RCPT reply, and whether the message reached it.
public struct SMTPRecipientResult: Sendable, Equatable {
    public var address: String
    /// The reply to RCPT TO; nil when the exchange stopped before this recipient.
    public var reply: SMTPReply?
    /// True when RCPT and the end of DATA were both accepted.
    public var delivered: Bool
    /// Why and when to retry, when not delivered.
    public var failure: SMTPFailureClass?
}
