/// What a template produced: one subject line and the body parts. The MIME generator
/// (`OutgoingMessage` in MailMessage) turns it into a message; it encodes the subject
/// (RFC 2047) and neutralises CR/LF in every header — the subject here is already a single
/// line with CR, LF, NUL and other control characters replaced by spaces.
public struct RenderedMail: Sendable, Hashable {
    /// One line, trimmed, without control characters.
    public var subject: String
    /// The text/plain part; lines end with LF (the generator writes CRLF).
    public var text: String
    /// The text/html part, when the template set has one for this mail.
    public var html: String?

    public init(subject: String, text: String, html: String?) {
        self.subject = subject
        self.text = text
        self.html = html
    }
}
