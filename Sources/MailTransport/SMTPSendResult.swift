// The outcome of one message: per recipient, and for the message as a whole.

/// What the server said about one message.
public struct SMTPSendResult: Sendable, Equatable {
    public var recipients: [SMTPRecipientResult]
    public var mailReply: SMTPReply?
    /// The reply after the message data (`250 2.0.0 Ok: queued as …`).
    public var finalReply: SMTPReply?
    /// libcurl's code for the transfer (0 when the message was accepted).
    public var curlCode: Int

    /// The message was accepted for at least one recipient.
    public var accepted: Bool { finalReply.map { (200..<300).contains($0.code) } ?? false }
    /// Recipients the message did not reach.
    public var failedRecipients: [SMTPRecipientResult] { recipients.filter { !$0.delivered } }
    /// The class that decides the whole message's next step: nil when every recipient got it;
    /// otherwise the most hopeful class among the failed recipients.
    public var failure: SMTPFailureClass? {
        let classes = failedRecipients.compactMap(\.failure)
        if classes.contains(.retryNow) { return .retryNow }
        if classes.contains(.retryLater) { return .retryLater }
        return classes.isEmpty ? nil : .permanent
    }
}
