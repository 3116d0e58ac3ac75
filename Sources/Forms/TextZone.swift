// Forms: where a line of a message sits (own text, quote, signature, quote header).

/// Where a line of text sits, for deciding whether it may supply a value.
public enum TextZone: String, Sendable, Hashable, Codable {
    /// Written by the sender, outside any quote.
    case body
    /// Inside a quote: `>` lines, or everything below an attribution / "Original Message" line.
    case quoted
    /// A signature: after `-- `, `С уважением, …`, `Отправлено с iPhone` …
    case signature
    /// "On … wrote:", "-----Original Message-----", forwarded `От:`/`Тема:` lines.
    case quoteHeader
}
