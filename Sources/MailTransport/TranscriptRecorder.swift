// The protocol exchange as text, with credentials removed as the lines arrive, so nothing
// downstream (errors, logs, tests) can ever see a password.
import Foundation

/// One line of a protocol exchange.
public struct TranscriptLine: Sendable, Equatable, CustomStringConvertible {
    public enum Direction: String, Sendable { case client = ">", server = "<", note = "*" }
    public var direction: Direction
    public var text: String
    public init(_ direction: Direction, _ text: String) {
        self.direction = direction
        self.text = text
    }
    public var description: String { "\(direction.rawValue) \(text)" }
}

/// Collects lines, redacting credentials: IMAP LOGIN/AUTHENTICATE (RFC 3501 §6.2.2-3), SMTP
/// AUTH (RFC 4954 §4), any client line answering a continuation (`+` / `334`), and any line
/// containing a known secret.
struct TranscriptRecorder {
    static let maxLines = 4_000
    static let maxLineLength = 2_000
    private(set) var lines: [TranscriptLine] = []
    private var afterContinuation = false
    private let secretWords: [String]

    init(secretWords: [String] = []) {
        self.secretWords = secretWords.filter { !$0.isEmpty }
    }

    mutating func record(_ direction: TranscriptLine.Direction, _ raw: String) {
        var text = raw
        switch direction {
        case .server:
            afterContinuation = text.hasPrefix("+") || text.hasPrefix("334")
        case .client:
            if afterContinuation {
                text = "<redacted>"
                afterContinuation = false
            } else {
                text = Self.redactCommand(text)
            }
        case .note:
            break
        }
        text = Self.scrub(text, secretWords: secretWords)
        if text.count > Self.maxLineLength { text = String(text.prefix(Self.maxLineLength)) + "…" }
        // Keep the newest lines; drop in halves so a flood of updates stays linear.
        if lines.count >= 2 * Self.maxLines { lines.removeFirst(Self.maxLines) }
        lines.append(TranscriptLine(direction, text))
    }

    /// Keeps the verb and mechanism of a login command, drops its arguments.
    static func redactCommand(_ line: String) -> String {
        let words = line.split(separator: " ", omittingEmptySubsequences: false)
        if words.count >= 2 {
            let verb = words[1].uppercased()
            if verb == "LOGIN" { return "\(words[0]) LOGIN <redacted>" }
            if verb == "AUTHENTICATE" {
                let mech = words.count >= 3 ? " \(words[2])" : ""
                return "\(words[0]) AUTHENTICATE\(mech)\(words.count > 3 ? " <redacted>" : "")"
            }
        }
        if let first = words.first, first.uppercased() == "AUTH" {
            let mech = words.count >= 2 ? " \(words[1])" : ""
            return "AUTH\(mech)\(words.count > 2 ? " <redacted>" : "")"
        }
        return line
    }

    /// Replaces every occurrence of a secret with `<redacted>`.
    static func scrub(_ text: String, secretWords: [String]) -> String {
        var out = text
        for word in secretWords where !word.isEmpty && out.contains(word) {
            out = out.replacingOccurrences(of: word, with: "<redacted>")
        }
        return out
    }
}
