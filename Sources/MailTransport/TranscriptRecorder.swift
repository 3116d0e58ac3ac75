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
        // utf8.count bounds count (Characters) from above and costs nothing on native strings.
        if text.utf8.count > Self.maxLineLength, text.count > Self.maxLineLength {
            text = String(text.prefix(Self.maxLineLength)) + "…"
        }
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
        for word in secretWords where !word.isEmpty && containsBytes(out, word) {
            out = out.replacingOccurrences(of: word, with: "<redacted>")
        }
        return out
    }

    /// Whether `needle`'s UTF-8 bytes occur in `text`'s. Every line of every transfer is
    /// checked, and Foundation's `contains` (CFStringFind) cost more than the TLS of a small
    /// message (BENCHMARKS.md, P4 session 3). For an ASCII secret a byte match is exactly
    /// what `replacingOccurrences` finds; a non-ASCII one keeps Foundation's Unicode-aware
    /// search (canonically equivalent spellings).
    static func containsBytes(_ text: String, _ needle: String) -> Bool {
        let hay = Array(text.utf8), pin = Array(needle.utf8)
        if pin.contains(where: { $0 >= 0x80 }) { return text.contains(needle) }
        guard let first = pin.first, pin.count <= hay.count else { return false }
        var i = 0
        let last = hay.count - pin.count
        while i <= last {
            if hay[i] == first {
                var k = 1
                while k < pin.count, hay[i + k] == pin[k] { k += 1 }
                if k == pin.count { return true }
            }
            i += 1
        }
        return false
    }
}
