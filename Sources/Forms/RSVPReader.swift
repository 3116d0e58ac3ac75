// Forms: a short reply ДА / НЕТ to an invitation, with an optional comment, and the ids
// that tie it to the invitation (RFC 5322 §3.6.4 In-Reply-To / References, subject token).
import Foundation

/// Reads replies to invitations that are not written as a form.
public struct RSVPReader: Sendable {
    /// The subject token prefix, e.g. `INV-` in `[INV-ABC123]`.
    public var tokenPrefix: String

    public init(tokenPrefix: String = "INV-") { self.tokenPrefix = tokenPrefix }

    static let greetings = ["добрый день", "добрый вечер", "доброе утро", "здравствуйте", "привет", "уважаем",
                            "hello", "hi,", "dear", "день добрый", "приветствую"]

    /// The answer and comment of the sender's own text; nil when the first line that is not a
    /// greeting does not start with yes or no.
    public func answer(in text: String) -> (answer: Bool, comment: String?)? {
        let own = TextZones.split(text).filter { $0.zone == .body }
            .map { $0.text.trimmingCharacters(in: .whitespaces) }
        var i = 0
        while i < own.count, own[i].isEmpty || RSVPReader.greetings.contains(where: { own[i].lowercased().hasPrefix($0) }) && own[i].count < 60 {
            i += 1
        }
        guard i < own.count else { return nil }
        let first = own[i]
        let lower = first.lowercased()
        let answer: Bool
        var rest: Substring
        let words = lower.split(whereSeparator: { !$0.isLetter })
        guard let w = words.first else { return nil }
        if ["да", "yes", "конечно", "подтверждаю", "приеду", "буду", "ok", "ок"].contains(w) {
            answer = true
        } else if ["нет", "no", "не"].contains(w) || w.hasPrefix("отказыва") {
            answer = false
        } else { return nil }
        // The comment: what follows the answer word on its line, then the following own lines.
        if ["да", "yes", "нет", "no", "ok", "ок"].contains(w), let r = lower.range(of: w) {
            let offset = lower.distance(from: lower.startIndex, to: r.upperBound)
            rest = first.dropFirst(offset)
        } else {
            rest = Substring(first)
        }
        rest = rest.drop(while: { $0.isPunctuation || $0.isWhitespace || $0 == "!" })
        var lines = rest.isEmpty ? [] : [String(rest)]
        lines += own[(i + 1)...]
        while let l = lines.last, l.isEmpty { lines.removeLast() }
        let comment = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return (answer, comment.isEmpty ? nil : comment)
    }

    /// False only when `text` cannot hold the prefix in any case: its last two characters
    /// (e.g. `V-`) never occur on the UTF-8 bytes. `tokens` also scans whole bodies, and
    /// upper-casing every body to find nothing was a tenth of the form reader's time.
    static func mayContain(_ prefix: String, in text: String) -> Bool {
        let tail = Array(prefix.utf8.suffix(2))
        // Only ASCII letters whose upper case no other letter shares (not i/ı, s/ſ, k/K).
        func plain(_ b: UInt8) -> Bool {
            b < 0x80 && !"iIsSkK".utf8.contains(b)
        }
        guard tail.count == 2, tail.allSatisfy(plain) else { return true }
        func folded(_ b: UInt8) -> UInt8 { (0x61...0x7A).contains(b) ? b - 0x20 : b }
        let (a, b) = (folded(tail[0]), folded(tail[1]))
        func scan(_ bytes: some Sequence<UInt8>) -> Bool {
            var previous: UInt8 = 0
            for byte in bytes {
                let f = folded(byte)
                if previous == a, f == b { return true }
                previous = f
            }
            return false
        }
        // A native string's bytes as a buffer: the view's iterator was 4% of parse (perf).
        return text.utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(text.utf8)
    }

    /// `[INV-ABC123]` tokens of the subject (upper-cased), in order.
    public func tokens(inSubject subject: String?) -> [String] {
        guard let subject, RSVPReader.mayContain(tokenPrefix, in: subject) else { return [] }
        var found: [String] = []
        let upper = subject.uppercased()
        var rest = upper[...]
        while let r = rest.range(of: tokenPrefix.uppercased()) {
            let body = rest[r.upperBound...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            if !body.isEmpty { found.append(tokenPrefix.uppercased() + body) }
            rest = rest[r.upperBound...]
        }
        return found
    }
}
