// One extra header field of an outgoing message.

/// A header field the generator writes as given (value folded, non-ASCII RFC 2047 encoded,
/// control characters replaced by spaces).
public struct OutgoingHeader: Sendable, Hashable {
    public let name: String
    public var value: String

    /// Header fields the generator writes itself; adding them again is a programming error.
    public static let reservedNames: Set<String> = [
        "date", "from", "sender", "reply-to", "to", "cc", "bcc", "subject", "message-id",
        "in-reply-to", "references", "mime-version", "content-type",
        "content-transfer-encoding", "content-disposition",
    ]

    /// `name` must be RFC 5322 §3.6.8 ftext (printable ASCII except `:`), 1…76 characters, not
    /// starting with `.`, and not one of `reservedNames`; anything else is a bug in the caller
    /// and traps.
    public init(name: String, value: String) {
        precondition(Self.isValidName(name),
                     "extra header name \(name.debugDescription) is not 1…76 characters of RFC 5322 ftext (printable ASCII except ':', not starting with '.')")
        precondition(!Self.reservedNames.contains(name.lowercased()),
                     "extra header \(name) is written by the generator itself; set the OutgoingMessage field instead")
        self.name = name
        self.value = value
    }

    /// RFC 5322 §3.6.8: field-name = 1*ftext, ftext = %d33-57 / %d59-126. Capped at 76 so
    /// `name: ` plus a word fits a line, and not starting with `.` so no line of a generated
    /// message starts with a dot (RFC 5321 §4.5.2 transparency without relying on stuffing).
    public static func isValidName(_ name: String) -> Bool {
        (1...76).contains(name.utf8.count) && name.utf8.first != UInt8(ascii: ".")
            && name.utf8.allSatisfy { (33...126).contains($0) && $0 != 58 }
    }
}
