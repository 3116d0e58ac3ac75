// An iCalendar invitation carried by an outgoing message (RFC 5545, iTIP RFC 5546).

/// The invitation part: `text/calendar; method=…; charset=UTF-8` as the last alternative of
/// the body, optionally also attached as an `application/ics` file (Gmail does both; Outlook
/// reads the alternative, some mobile clients only the file).
public struct OutgoingCalendar: Sendable, Hashable {
    /// The iTIP method (RFC 5546 §1.4), e.g. `REQUEST` or `CANCEL`; must match the
    /// `METHOD:` line inside `text`. An RFC 2045 token.
    public var method: String
    /// The VCALENDAR text. Line ends are normalised to CRLF (RFC 5545 §3.1).
    public var text: String
    /// When set (e.g. `invite.ics`), the calendar is also attached under this name.
    public var attachmentFilename: String?

    public init(method: String = "REQUEST", text: String, attachmentFilename: String? = "invite.ics") {
        self.method = method
        self.text = text
        self.attachmentFilename = attachmentFilename
    }
}
