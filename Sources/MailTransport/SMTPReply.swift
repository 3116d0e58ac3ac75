// SMTP replies as data (RFC 5321 §4.2, RFC 3463 enhanced codes).

/// One complete SMTP reply; multi-line replies are joined with a space.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    /// `5.1.1` when the server sent an enhanced status code (RFC 3463).
    public var enhancedCode: String?
    public var text: String

    public init(code: Int, enhancedCode: String? = nil, text: String) {
        self.code = code
        self.enhancedCode = enhancedCode
        self.text = text
    }

    public var isPositive: Bool { (200..<400).contains(code) }
    public var description: String {
        ([String(code)] + (enhancedCode.map { [$0] } ?? []) + [text]).joined(separator: " ")
    }
}
