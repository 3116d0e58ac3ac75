// Convenience views of a parsed message used by forms, pipeline and `parse --json`.
// CONTRACT: signatures fixed; the MIME issue fills in real implementations.

import Foundation

extension Message {
    public var from: [Address] { [] }
    public var replyTo: [Address] { [] }
    public var to: [Address] { [] }
    public var cc: [Address] { [] }
    public var subject: String? { header("Subject") }
    /// Message-ID without angle brackets.
    public var messageID: String? { nil }
    /// In-Reply-To ids without angle brackets.
    public var inReplyTo: [String] { [] }
    /// References ids without angle brackets, oldest first.
    public var references: [String] { [] }
    public var date: Date? { nil }

    /// The readable text of the message: the text/plain alternative when present, else the
    /// HTML alternative converted to text. Quotes and signatures are kept as written.
    public var textBody: String { root.text ?? "" }

    /// The HTML body converted to readable text, when the message has an HTML part.
    public var htmlText: String? { nil }

    /// Parts that are attachments (not the chosen body), embedded messages excluded.
    public var attachments: [Attachment] { [] }

    /// Embedded `message/rfc822` parts (forwards), in order.
    public var embeddedMessages: [Message] { [] }
}

extension Message {
    /// Parse raw RFC 5322 bytes. Never throws; problems go to `defects`.
    public static func parse(_ bytes: [UInt8], limits: ParseLimits = .default) -> Message {
        let text = String(decoding: bytes, as: UTF8.self)
        return Message(root: MIMEPart(text: text))
    }
}

/// Hard limits that end in defects, never crashes or quadratic time.
public struct ParseLimits: Sendable {
    public var maxDepth: Int
    public var maxParts: Int
    public var maxHeaderBytes: Int
    public var maxTotalBytes: Int
    public init(maxDepth: Int = 20, maxParts: Int = 2_000, maxHeaderBytes: Int = 256 * 1024,
                maxTotalBytes: Int = 64 * 1024 * 1024) {
        self.maxDepth = maxDepth
        self.maxParts = maxParts
        self.maxHeaderBytes = maxHeaderBytes
        self.maxTotalBytes = maxTotalBytes
    }
    public static let `default` = ParseLimits()
}

/// Charset conversion through glibc iconv.
public enum Charset {
    /// Decode bytes labelled with a MIME charset name. Unknown labels fall back (UTF-8 if
    /// valid, else windows-1251 for Russian mail) and report `usedFallback`.
    public static func decode(_ bytes: [UInt8], label: String?) -> (text: String, usedFallback: Bool) {
        (String(decoding: bytes, as: UTF8.self), label == nil)
    }
}

/// RFC 3834 / RFC 3464 classification.
public struct Classifier: Sendable {
    /// Our own addresses (lower-cased).
    public var ownAddresses: Set<String>
    /// Our loop-detection header name, e.g. `X-Internships-Loop`.
    public var loopHeader: String
    public init(ownAddresses: Set<String>, loopHeader: String = "X-Internships-Loop") {
        self.ownAddresses = ownAddresses
        self.loopHeader = loopHeader
    }
    public func classify(_ message: Message) -> MessageClass { .human }
}
