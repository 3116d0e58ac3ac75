// Builds the bytes of an outgoing reply with MailMessage's generator: the headers that tie
// it to its cause (RFC 5322 §3.6.4) and mark it automatic (RFC 3834 §5).
import Foundation
import MailMessage

/// The headers that tie a reply to its cause.
public struct ReplyHeaders: Sendable, Hashable {
    public var from: String
    public var fromName: String?
    public var to: String
    public var subject: String
    /// Without angle brackets.
    public var messageID: String
    public var inReplyTo: String?
    /// Oldest first, without angle brackets.
    public var references: [String]
    public var replyTo: String
    public var loopHeader: String
    public var loopValue: String
    public var date: Date
    public var timeZone: TimeZone
}

/// Composes a reply message. Deterministic: same input, same bytes.
public enum ReplyComposer {
    /// - Throws: `OutgoingMessageError` when a value cannot be sent (e.g. a malformed address).
    public static func compose(_ headers: ReplyHeaders, text: String, html: String?) throws -> [UInt8] {
        // Ids copied from received mail may be malformed: keep only those the generator accepts.
        let parent = headers.inReplyTo.map { [$0] }?.filter(OutgoingMessage.isValidMessageID) ?? []
        let references = headers.references.filter(OutgoingMessage.isValidMessageID)
        let message = OutgoingMessage(
            from: Address(name: headers.fromName, address: headers.from),
            to: [Address(address: headers.to)],
            replyTo: [Address(address: headers.replyTo)],
            subject: headers.subject, messageID: headers.messageID, date: headers.date,
            timeZone: headers.timeZone, inReplyTo: parent, references: references,
            extraHeaders: [
                // RFC 3834 §5: a response to a message is auto-replied.
                OutgoingHeader(name: "Auto-Submitted", value: "auto-replied"),
                OutgoingHeader(name: headers.loopHeader, value: headers.loopValue),
            ],
            textBody: text, htmlBody: html)
        return try message.generate()
    }
}
