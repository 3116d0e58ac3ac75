// Forms: splitting a decoded text into what the sender wrote, what they quoted, their
// signature and the header lines of forwarded/quoted originals.
import Foundation

/// One line after zoning: the text with quote markers removed, and its zone.
struct ZonedLine: Sendable {
    var text: Substring
    var zone: TextZone
    /// Number of `>` markers removed (0 for unquoted text, 1 below a separator).
    var depth: Int
}

enum TextZones {
    static let separators: [String] = [
        "original message", "исходное сообщение", "пересылаемое сообщение", "forwarded message",
        "переадресованное сообщение", "начало переадресованного сообщения", "begin forwarded message",
        "пересланное сообщение",
    ]
    static let headerNames: Set<String> = [
        "from", "sent", "to", "cc", "subject", "date", "reply-to",
        "от", "от кого", "кому", "копия", "тема", "дата", "отправлено", "отправитель",
    ]
    static let signatureStarts: [String] = [
        "с уважением", "с наилучшими пожеланиями", "всего доброго", "best regards", "kind regards", "regards,",
        "отправлено с iphone", "отправлено из мобильной", "отправлено с моего", "sent from my", "отправлено из почты",
        "отправлено из приложения", "get outlook for",
    ]

    /// Zone every line. Linear in the text length: lines are cut on the UTF-8 bytes, and a
    /// line is lower-cased (a short prefix, or the whole line only when its first or last
    /// character could make it a separator, attribution or header) only where a rule reads it.
    static func split(_ text: String) -> [ZonedLine] {
        zone(text, stopBelowSeparator: false).lines
    }

    /// `split`, or with `stopBelowSeparator` only its lines up to the first separator, Outlook
    /// header or attribution above an unmarked original (that line included): every line below
    /// one is quoted, so the sender's own text ends there. `complete` is false when lines were
    /// left out.
    static func zone(_ text: String, stopBelowSeparator: Bool) -> (lines: [ZonedLine], complete: Bool) {
        let rawLines = lines(of: text)
        var lines: [ZonedLine] = []
        lines.reserveCapacity(rawLines.count)
        var inSignature = false
        var belowSeparator = false
        var inHeaderRun = false
        var signatureDepth = 0
        var previousDepth = 0
        for (index, raw) in rawLines.enumerated() {
            var (content, depth) = stripQuoteMarkers(raw)
            if belowSeparator { depth += 1 }
            if depth != previousDepth { inSignature = false }
            previousDepth = depth
            let trimmed = TextZones.trimSpaces(content)
            // The lower-cased prefix, only for lines whose first letter can start a signature
            // or an Outlook header (most lines cannot).
            let start = TextZones.mayStartSignatureOrHeader(trimmed) ? lowerPrefix(trimmed) : ""

            if inHeaderRun {
                if trimmed.isEmpty { inHeaderRun = false } else if isHeaderLine(trimmed) {
                    lines.append(ZonedLine(text: content, zone: .quoteHeader, depth: depth))
                    continue
                } else { inHeaderRun = false }
            }
            if isSeparator(trimmed) {
                lines.append(ZonedLine(text: content, zone: .quoteHeader, depth: depth))
                if stopBelowSeparator, index + 1 < rawLines.count { return (lines, false) }
                belowSeparator = true
                inHeaderRun = true
                inSignature = false
                continue
            }
            // Outlook without a separator: "From: …" directly followed by "Sent: …".
            if depth == 0, startsWithHeader(start, ["from", "от"]), index + 1 < rawLines.count {
                let next = lowerPrefix(TextZones.trimSpaces(stripQuoteMarkers(rawLines[index + 1]).0))
                if startsWithHeader(next, ["sent", "date", "отправлено", "дата"]) {
                    lines.append(ZonedLine(text: content, zone: .quoteHeader, depth: depth))
                    if stopBelowSeparator { return (lines, false) }
                    belowSeparator = true
                    inHeaderRun = true
                    inSignature = false
                    previousDepth = depth + 1
                    continue
                }
            }
            if isAttribution(trimmed) {
                lines.append(ZonedLine(text: content, zone: .quoteHeader, depth: depth))
                inSignature = false
                // A reply quoted with `>` marks its own lines; otherwise the rest is the original.
                if !nextNonEmptyIsMarked(rawLines, after: index) {
                    if stopBelowSeparator, index + 1 < rawLines.count { return (lines, false) }
                    belowSeparator = true
                    previousDepth = depth + 1
                }
                continue
            }
            // A form heading ends a signature (only looked up inside one: it is a whole-line key).
            if inSignature, trimmed.count < 200, LabelIndex.shared.heading(trimmed) != nil {
                inSignature = false
            }
            if trimmed.utf8.elementsEqual("--".utf8) || content.utf8.elementsEqual("-- ".utf8) || signatureStarts.contains(where: { start.utf8.starts(with: $0.utf8) }) {
                inSignature = true
                signatureDepth = depth
            }
            if inSignature && depth == signatureDepth {
                lines.append(ZonedLine(text: content, zone: .signature, depth: depth))
            } else {
                lines.append(ZonedLine(text: content, zone: depth > 0 ? .quoted : .body, depth: depth))
            }
        }
        return (lines, true)
    }

    /// The lines of a text, cut at LF, CR LF and CR (a CR LF pair is one break) on the UTF-8
    /// bytes; the same lines as `split(omittingEmptySubsequences: false)` on Characters.
    static func lines(of text: String) -> [Substring] {
        // Offsets of line starts and ends on the contiguous bytes, then one slice per line.
        let utf8 = text.utf8
        let cuts: [Int]? = utf8.withContiguousStorageIfAvailable { b in
            var cuts: [Int] = []
            let n = b.count
            var lineStart = 0
            var i = 0
            while i < n {
                let c = b[i]
                if c == 0x0A || c == 0x0D {
                    cuts.append(lineStart)
                    cuts.append(i)
                    var next = i + 1
                    if c == 0x0D, next < n, b[next] == 0x0A { next += 1 }
                    lineStart = next
                    i = next
                } else {
                    i += 1
                }
            }
            cuts.append(lineStart)
            cuts.append(n)
            return cuts
        }
        guard let cuts else { return linesByIndex(of: text) }
        var out: [Substring] = []
        out.reserveCapacity(cuts.count / 2)
        var k = 0
        while k < cuts.count {
            out.append(text[utf8.index(utf8.startIndex, offsetBy: cuts[k])..<utf8.index(utf8.startIndex, offsetBy: cuts[k + 1])])
            k += 2
        }
        return out
    }

    static func linesByIndex(of text: String) -> [Substring] {
        var out: [Substring] = []
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var i = utf8.startIndex
        while i < utf8.endIndex {
            let b = utf8[i]
            if b == 0x0A || b == 0x0D {
                out.append(text[lineStart..<i])
                var next = utf8.index(after: i)
                if b == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                lineStart = next
                i = next
            } else {
                i = utf8.index(after: i)
            }
        }
        out.append(text[lineStart..<utf8.endIndex])
        return out
    }

    /// The first characters of a line, lower-cased: enough for every prefix rule (the longest
    /// prefix looked for is 24 characters).
    static func lowerPrefix(_ s: Substring) -> String {
        TextScan.lowercased(s[..<TextScan.end(ofCharacters: prefixLength, in: s)])
    }
    static let prefixLength = 40

    /// First letters (lower case) of `signatureStarts` and of the `from:`/`от:` headers.
    static let prefixInitials: Set<Unicode.Scalar> = Set((signatureStarts + ["from", "от"]).compactMap { $0.unicodeScalars.first })

    static func mayStartSignatureOrHeader(_ s: Substring) -> Bool {
        guard let first = s.unicodeScalars.first else { return false }
        return prefixInitials.contains(first) || prefixInitials.contains(TextScan.lowercasedFirst(first))
    }

    /// Spaces and tabs removed at both ends, without Foundation bridging (hot path).
    static func trimSpaces(_ s: Substring) -> Substring {
        let u = s.unicodeScalars
        var start = u.startIndex
        var end = u.endIndex
        func space(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\u{A0}" || c == "\r" }
        while start < end, space(u[start]) { start = u.index(after: start) }
        while end > start, space(u[u.index(before: end)]) { end = u.index(before: end) }
        return Substring(u[start..<end])
    }

    static func stripQuoteMarkers(_ line: Substring) -> (Substring, Int) {
        // Most lines start with neither a space, a tab nor `>`: no Character walk for them.
        guard let b = line.utf8.first, b == 0x20 || b == 0x09 || b == UInt8(ascii: ">") else { return (line, 0) }
        var rest = line
        var depth = 0
        while true {
            let afterSpace = rest.drop(while: { $0 == " " || $0 == "\t" })
            guard afterSpace.first == ">" else { break }
            rest = afterSpace.dropFirst()
            if rest.first == " " { rest = rest.dropFirst() }
            depth += 1
        }
        return (depth == 0 ? line : rest, depth)
    }

    static let separatorTrim = CharacterSet(charactersIn: "-–—_= *:")
    static let headerNameTrim = CharacterSet(charactersIn: " *")

    /// Scalars a separator line may start or end with (a Character equal to one of them is that
    /// scalar alone, so a line whose first and last scalars are none of them is no separator).
    static let separatorEnds: Set<Unicode.Scalar> = ["-", "–", "—", "_", "=", ":"]

    static func isSeparator(_ line: Substring) -> Bool {
        guard let firstScalar = line.unicodeScalars.first, let lastScalar = line.unicodeScalars.last,
              separatorEnds.contains(firstScalar) || separatorEnds.contains(lastScalar) else { return false }
        guard let first = line.first, let last = line.last, "-–—_=".contains(first) || last == ":" || "-–—_=".contains(last),
              line.utf8.count < 240 else { return false }
        let lower = line.lowercased()
        let core = lower.trimmingCharacters(in: separatorTrim)
        guard core.count < lower.count || lower.hasSuffix(":") else { return false }
        return separators.contains(core) || (lower.hasPrefix("-") && separators.contains(where: { core.contains($0) }))
    }

    static func startsWithHeader(_ lower: String, _ names: [String]) -> Bool {
        // The names have no decomposable letters: a text not starting with a name's bytes does
        // not start with it as Characters either (and most lines start with none).
        names.contains { lower.utf8.starts(with: $0.utf8) && (lower.hasPrefix($0 + ":") || lower.hasPrefix($0 + " :")) }
    }

    static func isHeaderLine(_ line: Substring) -> Bool {
        // Header names are short: a colon far into the line is not after one.
        guard let colon = line.utf8.prefix(64).firstIndex(of: UInt8(ascii: ":")) else { return false }
        let name = line[..<colon].lowercased().trimmingCharacters(in: headerNameTrim)
        return headerNames.contains(name)
    }

    /// "On Mon, 3 Jul 2023 … wrote:", "пн, 3 июл. 2023 г. в 10:15, Иван <ivan@…>:",
    /// "03.07.2023 10:15, Иван пишет:", "Иван написал(а):".
    static func isAttribution(_ trimmed: Substring) -> Bool {
        guard trimmed.utf8.last == UInt8(ascii: ":"), trimmed.hasSuffix(":"), trimmed.count < 300 else { return false }
        let lower = trimmed.lowercased()
        if lower.hasSuffix("wrote:") || lower.hasSuffix("writes:") || lower.contains("написал") || lower.hasSuffix("пишет:") {
            return true
        }
        // "<address>:" at the end, with a date or time before it.
        if lower.hasSuffix(">:"), lower.contains("@"), lower.contains(where: \.isNumber) { return true }
        return false
    }

    static func nextNonEmptyIsMarked(_ lines: [Substring], after index: Int) -> Bool {
        var i = index + 1
        while i < lines.count, i < index + 4 {
            let t = lines[i].trimmingCharacters(in: .whitespaces)
            if !t.isEmpty { return t.hasPrefix(">") }
            i += 1
        }
        return true
    }
}

