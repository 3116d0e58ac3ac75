// What parse needs from one raw message: who, what class, which form. The standard reader
// uses MailMessage + Forms; tests may use a smaller one.
import Foundation
import MailMessage

/// One field as understood, in form order.
public struct FormField: Sendable, Hashable, Codable {
    public var id: String
    public var value: String?
    public init(id: String, value: String?) {
        self.id = id
        self.value = value
    }
}

/// One problem with a form: a code from product.md (`missing:<id>`, `invalid:<id>` …) and a
/// short Russian explanation for the sender.
public struct FormProblem: Sendable, Hashable, Codable {
    public var code: String
    public var message: String
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// The form found in a message.
public struct FormResult: Sendable, Hashable, Codable {
    /// `program`, `participant`, `score`, …
    public var kind: String
    /// `body`, `attachment:txt`, … or nil.
    public var location: String?
    public var fields: [FormField]
    public var errors: [FormProblem]
    public init(kind: String, location: String? = nil, fields: [FormField], errors: [FormProblem]) {
        self.kind = kind
        self.location = location
        self.fields = fields
        self.errors = errors
    }

    public func value(_ id: String) -> String? {
        fields.first { $0.id == id }?.value ?? nil
    }
}

/// Everything parse records about one message.
public struct MessageReading: Sendable, Hashable {
    public var messageClass: MessageClass
    /// Lower-cased From address, nil when the message has none.
    public var sender: String?
    public var senderName: String?
    /// Where a reply goes (Reply-To, else From), RFC 5322 §3.6.2.
    public var replyTo: String?
    public var subject: String?
    /// Without angle brackets.
    public var messageID: String?
    /// References then In-Reply-To ids, oldest first, without angle brackets.
    public var references: [String]
    public var defects: [Defect]
    /// nil when no form was found.
    public var form: FormResult?
    /// The receiving server's Authentication-Results say DMARC (or both SPF and DKIM) failed.
    public var authenticationFailed: Bool
    /// What the trusted receiving server says (see `SenderAuthentication`).
    public var authentication: SenderAuthentication = .unknown
    /// The "ОТПРАВИТЬ …" line opening the message's own text, "" when it opens with none; nil
    /// when the reader does not look (release by reply then reads the stored bytes).
    public var replyCommand: String?

    public init(messageClass: MessageClass, sender: String?, senderName: String? = nil,
                replyTo: String? = nil, subject: String?, messageID: String?,
                references: [String] = [], defects: [Defect] = [], form: FormResult?,
                authenticationFailed: Bool = false) {
        self.messageClass = messageClass
        self.sender = sender
        self.senderName = senderName
        self.replyTo = replyTo ?? sender
        self.subject = subject
        self.messageID = messageID
        self.references = references
        self.defects = defects
        self.form = form
        self.authenticationFailed = authenticationFailed
    }
}

/// Reads one raw message. Pure: same bytes, same reading.
public protocol MessageReader: Sendable {
    func read(_ raw: [UInt8]) -> MessageReading
    /// Reads knowing the Message-IDs of the invitations sent (without angle brackets): a
    /// reply threaded to one of them is read as ДА / НЕТ even without the subject token.
    func read(_ raw: [UInt8], invitationIDs: Set<String>) -> MessageReading
}

extension MessageReader {
    public func read(_ raw: [UInt8], invitationIDs: Set<String>) -> MessageReading { read(raw) }
}

/// The production reader: `Message.parse`, the RFC 3834 `Classifier`, and a form reader.
public struct StandardMessageReader: MessageReader {
    public var classifier: Classifier
    /// Finds and reads the form; returns nil when the message carries none.
    public var readForm: @Sendable (Message) -> FormResult?
    /// The same, knowing the invitations' Message-IDs; nil: `readForm`.
    public var readFormInThread: (@Sendable (Message, Set<String>) -> FormResult?)?
    /// authserv-ids whose Authentication-Results are believed (config `trusted_authserv_ids`).
    public var trustedAuthservIDs: Set<String> = []

    public init(classifier: Classifier, readForm: @escaping @Sendable (Message) -> FormResult?) {
        self.classifier = classifier
        self.readForm = readForm
    }

    public func read(_ raw: [UInt8]) -> MessageReading {
        read(raw, invitationIDs: [])
    }

    public func read(_ raw: [UInt8], invitationIDs: Set<String>) -> MessageReading {
        let message = Message.parse(raw)
        let messageClass = classifier.classify(message)
        let from = message.from.first
        var references = message.references
        for id in message.inReplyTo where !references.contains(id) { references.append(id) }
        let authentication = SenderAuthentication.of(message, trusted: trustedAuthservIDs)
        var reading = MessageReading(
            messageClass: messageClass, sender: from?.normalized, senderName: from?.name,
            replyTo: message.replyTo.first?.normalized ?? from?.normalized,
            subject: message.subject, messageID: message.messageID, references: references,
            defects: message.defects,
            form: messageClass != .human ? nil
                : invitationIDs.isEmpty ? readForm(message)
                : (readFormInThread.map { $0(message, invitationIDs) } ?? readForm(message)),
            authenticationFailed: authentication == .failed)
        reading.authentication = authentication
        reading.replyCommand = messageClass == .human ? ReleaseByReply.commandLine(in: message.textBody) ?? "" : ""
        return reading
    }
}
