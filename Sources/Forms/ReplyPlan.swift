// Forms: what reply a message gets (product.md "What a message gets"; RFC 3834 §2 for
// never answering automatic mail). The pipeline adds the once-a-day and expert checks.
import MailMessage

/// The `reply` part of `parse --json`: `{"should_reply", "to", "template"}`.
public struct ReplyPlan: Sendable, Codable, Hashable {
    public var shouldReply: Bool
    /// Lower-cased address the reply goes to (Reply-To, else From).
    public var to: String?
    /// `ack_<kind>`, `errors`, `help`; nil when no reply.
    public var template: String?

    public init(shouldReply: Bool, to: String?, template: String?) {
        self.shouldReply = shouldReply
        self.to = to
        self.template = template
    }

    enum CodingKeys: String, CodingKey {
        case shouldReply = "should_reply"
        case to, template
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(shouldReply, forKey: .shouldReply)
        try c.encode(to, forKey: .to)
        try c.encode(template, forKey: .template)
    }

    /// Auto-replies, bounces, spam, bulk and our own mail are never answered (RFC 3834 §2);
    /// a valid form gets `ack_<kind>`, a form with problems `errors`, no form `help`.
    public static func decide(messageClass: MessageClass, reading: FormReading, from: [Address],
                              replyTo: [Address]) -> ReplyPlan {
        guard messageClass == .human else { return ReplyPlan(shouldReply: false, to: nil, template: nil) }
        guard let address = (replyTo.first ?? from.first)?.normalized, !address.isEmpty else {
            return ReplyPlan(shouldReply: false, to: nil, template: nil)
        }
        let template: String
        if let kind = reading.kind {
            template = reading.errors.isEmpty ? "ack_\(kind.rawValue)" : "errors"
        } else {
            template = "help"
        }
        return ReplyPlan(shouldReply: true, to: address, template: template)
    }
}
