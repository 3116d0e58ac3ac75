// What a reply says, as data; a ReplyRenderer turns it into subject/text/html.
import Foundation

/// Which reply (template name).
public enum ReplyTemplate: String, Sendable, Hashable, Codable, CaseIterable {
    /// A valid form: its number and the values as understood.
    case acknowledgement = "ack"
    /// Every problem at once, the form pre-filled.
    case errors
    /// No form: the blank forms (once a day per sender).
    case help
    /// The form's stage is over.
    case closed
    /// The form's stage has not started.
    case notOpen = "not_open"
}

/// Everything a template may show.
public struct ReplyContent: Sendable, Hashable {
    public var template: ReplyTemplate
    public var campaign: String
    public var recipientName: String?
    /// The subject the sender used, for `Re:`.
    public var originalSubject: String?
    public var formKind: String?
    /// Application number (№), when there is one.
    public var number: Int?
    public var version: Int?
    /// The version this one replaced (acknowledgement of a resubmission).
    public var replacedVersion: Int?
    /// When the replaced version was received.
    public var replacedDate: Date?
    public var fields: [FormField]
    public var errors: [FormProblem]
    /// When the stage opens or closed (closed / not_open).
    public var window: DateInterval?
    /// The participant eligibility sentence (acknowledgement of a `participant` form).
    public var eligibility: String? = nil
    /// The programme an `rsvp` answers, and the answer recorded (nil: not matched / too late).
    public var programTitle: String? = nil
    public var attending: Bool? = nil
    /// A ДА after the seat went to the reserve: the person waits for a freed seat.
    public var rsvpLate: Bool = false
    /// A participant score sheet: what was recorded and the mean over scorers.
    public var motivation: MotivationEcho? = nil
    /// The recipient may send participant score sheets (a registered expert or a
    /// coordinator): the help reply lists that blank form too.
    public var mayScoreParticipants: Bool = false

    public init(template: ReplyTemplate, campaign: String, recipientName: String? = nil,
                originalSubject: String? = nil, formKind: String? = nil, number: Int? = nil,
                version: Int? = nil, replacedVersion: Int? = nil, fields: [FormField] = [],
                errors: [FormProblem] = [], window: DateInterval? = nil) {
        self.template = template
        self.campaign = campaign
        self.recipientName = recipientName
        self.originalSubject = originalSubject
        self.formKind = formKind
        self.number = number
        self.version = version
        self.replacedVersion = replacedVersion
        self.replacedDate = nil
        self.fields = fields
        self.errors = errors
        self.window = window
    }
}

/// A rendered reply. The subject carries the application number when there is one.
public struct RenderedReply: Sendable, Hashable {
    public var subject: String
    public var text: String
    public var html: String?
    public init(subject: String, text: String, html: String? = nil) {
        self.subject = subject
        self.text = text
        self.html = html
    }
}

/// Renders replies (Mustache templates in production). A throw is a configuration error.
public protocol ReplyRenderer: Sendable {
    func render(_ content: ReplyContent) throws -> RenderedReply
}
