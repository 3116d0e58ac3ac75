// The model of one message we send. Pure value: the pipeline fills it (Message-ID and date
// fixed at enqueue time), `generate()` turns it into RFC 5322 bytes for SMTP.

import Foundation

/// A message to send, before generation. Build it, then call `generate()`.
///
/// MIME structure produced (RFC 2046), the smallest that fits the content:
/// ```
/// multipart/mixed                      (only when there are attachments)
/// ├─ multipart/alternative             (only when there is HTML or a calendar)
/// │  ├─ text/plain; charset=UTF-8
/// │  ├─ text/html; charset=UTF-8       (htmlBody)
/// │  └─ text/calendar; method=REQUEST; charset=UTF-8   (calendar, last = preferred)
/// ├─ application/ics  invite.ics       (calendar.attachmentFilename, as Gmail sends it)
/// └─ attachments…
/// ```
/// This is the shape Gmail and Outlook send and expect for invitations: the calendar is the
/// last alternative (the "best" one, RFC 2046 §5.1.4) and, for clients that ignore it, also
/// an `.ics` file.
public struct OutgoingMessage: Sendable, Hashable {
    public var from: Address
    public var to: [Address]
    public var cc: [Address]
    public var replyTo: [Address]
    /// Plain text; control characters become spaces, non-ASCII goes out as RFC 2047 words.
    /// Leading and trailing whitespace is not kept (parsers drop it anyway).
    public var subject: String
    /// Without angle brackets, e.g. `7f3a.1@internships.example.test`. Must pass
    /// `OutgoingMessage.isValidMessageID`; fix it at enqueue time so a resend keeps it.
    public var messageID: String
    /// Written in `timeZone`, whole seconds (RFC 5322 §3.3).
    public var date: Date
    public var timeZone: TimeZone
    /// Message ids without angle brackets; each must pass `isValidMessageID` (filter ids
    /// copied from received mail with it).
    public var inReplyTo: [String]
    public var references: [String]
    /// Further header fields (`Auto-Submitted`, `X-Internships-Loop`, `List-Unsubscribe` …),
    /// written in order after the standard ones.
    public var extraHeaders: [OutgoingHeader]
    /// The text/plain body. Line ends are normalised to CRLF, a final line end is added and
    /// NUL characters are dropped (the same for `htmlBody` and the calendar text).
    public var textBody: String
    /// An optional text/html alternative.
    public var htmlBody: String?
    /// An optional iCalendar invitation (see the structure above).
    public var calendar: OutgoingCalendar?
    public var attachments: [OutgoingAttachment]

    public init(
        from: Address, to: [Address], cc: [Address] = [], replyTo: [Address] = [],
        subject: String, messageID: String, date: Date, timeZone: TimeZone,
        inReplyTo: [String] = [], references: [String] = [], extraHeaders: [OutgoingHeader] = [],
        textBody: String, htmlBody: String? = nil, calendar: OutgoingCalendar? = nil,
        attachments: [OutgoingAttachment] = []
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.subject = subject
        self.messageID = messageID
        self.date = date
        self.timeZone = timeZone
        self.inReplyTo = inReplyTo
        self.references = references
        self.extraHeaders = extraHeaders
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.calendar = calendar
        self.attachments = attachments
    }

    /// The addr-specs for the SMTP envelope (`RCPT TO`): To then Cc, duplicates removed
    /// (compared lower-cased), order kept.
    public var envelopeRecipients: [String] {
        var seen: Set<String> = []
        return (to + cc).compactMap { seen.insert($0.normalized).inserted ? $0.address : nil }
    }
}
