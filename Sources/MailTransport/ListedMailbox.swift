// A folder as LIST reports it (RFC 3501 §7.2.2).

/// One `* LIST` entry (RFC 3501 §7.2.2); `name` is decoded from modified UTF-7.
public struct ListedMailbox: Sendable, Equatable {
    public var name: String
    public var delimiter: String?
    public var attributes: [String]
    public init(name: String, delimiter: String?, attributes: [String]) {
        self.name = name
        self.delimiter = delimiter
        self.attributes = attributes
    }
    /// `\Noselect` / `\NonExistent` mailboxes cannot hold messages (RFC 3501 §7.2.2, RFC 5258 §3).
    public var isSelectable: Bool {
        !attributes.contains { $0.equalsIgnoringCase("\\Noselect") || $0.equalsIgnoringCase("\\NonExistent") }
    }
}

extension String {
    fileprivate func equalsIgnoringCase(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}
