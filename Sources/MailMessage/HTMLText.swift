// HTML to readable text for mail bodies: paragraphs and <br> as line breaks, list items
// as "- item", table rows as "cell: cell", entities decoded, &nbsp; as a space, nothing
// from <style>, <script>, <head> or comments. One pass over the scalars, no regex.

// HTML to readable text for mail bodies: paragraphs and <br> as line breaks, list items
// as "- item", table rows as "cell: cell", entities decoded, &nbsp; as a space, nothing
// from <style>, <script>, <head> or comments. One pass over the UTF-8 bytes, no regex:
// every delimiter is ASCII, so runs of other bytes are copied whole, and the text is
// built as bytes and made a String once. (Limits that were counted in scalars — a tag's
// 2,000, an entity's 12 — still are.)

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum HTMLText {
    /// Converts an HTML document or fragment to plain text with LF line ends.
    public static func text(fromHTML html: String) -> String {
        var copy = html
        return copy.withUTF8 { render($0) }
    }

    private static func render(_ s: UnsafeBufferPointer<UInt8>) -> String {
        var r = Renderer()
        let n = s.count
        var i = 0
        while i < n {
            let c = s[i]
            if c == 0x3C {  // "<"
                // Comment
                if i + 3 < n, s[i + 1] == 0x21, s[i + 2] == 0x2D, s[i + 3] == 0x2D {
                    i = find(s, from: i + 4, "-->") ?? n
                    continue
                }
                // HTML tokenizer: "<" opens a tag only before a letter, "/", "!" or "?".
                guard opensTag(s, at: i + 1), let close = tagEnd(s, from: i + 1) else {
                    r.text(0x3C)
                    i += 1
                    continue
                }
                let tag = parseTag(s, from: i + 1, to: close)
                i = close + 1
                if !tag.closing, skipContent.contains(tag.name) {
                    // Skip to the matching end tag (no nesting in these).
                    i = findEndTag(s, from: i, name: tag.name) ?? n
                    continue
                }
                if tag.msoNormal || (tag.name == "p" && tag.closing && r.inMsoParagraph) {
                    r.inMsoParagraph = !tag.closing
                    r.breakLine()
                } else {
                    r.tag(tag.name, closing: tag.closing)
                }
                continue
            }
            if c == 0x26 {  // "&"
                let (decoded, next) = entity(s, at: i)
                r.text(decoded)
                i = next
                continue
            }
            if isWhitespace(c) {
                r.whitespace(c)
                i += 1
                continue
            }
            // A run of ordinary bytes (whole UTF-8 sequences: the delimiters are ASCII).
            var j = i + 1
            while j < n {
                let b = s[j]
                if b == 0x3C || b == 0x26 || isWhitespace(b) { break }
                j += 1
            }
            r.put(UnsafeBufferPointer(rebasing: s[i..<j]))
            i = j
        }
        return r.finish()
    }

    @inline(__always)
    private static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// The scalar starting at byte `at` (a lead byte of valid UTF-8) and its length.
    private static func scalar(_ s: UnsafeBufferPointer<UInt8>, at: Int) -> (Unicode.Scalar, Int) {
        var it = s[at...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let u) = decoder.decode(&it) { return (u, u.utf8.count) }
        return ("\u{FFFD}", 1)
    }

    /// Whether the byte after "<" opens a tag: a letter (any alphabetic scalar), "/", "!", "?".
    private static func opensTag(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i < s.count else { return false }
        let b = s[i]
        if b < 0x80 { return ASCII.isAlpha(b) || b == 0x2F || b == 0x21 || b == 0x3F }
        return scalar(s, at: i).0.properties.isAlphabetic
    }

    private static let skipContent: Set<String> = ["style", "script", "head", "title", "xml", "template"]

    private struct Tag {
        var name: String
        var closing: Bool
        /// Outlook/Word writes every line as `<p class=MsoNormal>` with zero margins:
        /// one line break, not a paragraph.
        var msoNormal = false
    }

    private static func tagEnd(_ s: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var i = from
        var quote: UInt8 = 0
        var scalars = 0
        while i < s.count {
            let c = s[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if c == 0x3E {
                return i
            } else if c == 0x3C {
                return nil  // a new tag starts: this "<" was text (keeps the scan linear)
            }
            i += 1
            if c & 0xC0 != 0x80 {
                scalars += 1
                if scalars > 2_000 { return nil }
            }
        }
        return nil
    }

    private static func parseTag(_ s: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Tag {
        var i = from
        var closing = false
        if i < end, s[i] == 0x2F {
            closing = true
            i += 1
        }
        let nameStart = i
        var ascii = true
        while i < end {
            let c = s[i]
            if c == 0x20 || c == 0x2F || c == 0x09 || c == 0x0A || c == 0x0D { break }
            if c >= 0x80 { ascii = false }
            i += 1
        }
        let nameBytes = UnsafeBufferPointer(rebasing: s[nameStart..<i])
        let name = ascii
            ? String(decoding: nameBytes.map { ASCII.lower($0) }, as: UTF8.self)
            : String(decoding: nameBytes, as: UTF8.self).lowercased()
        var tag = Tag(name: name, closing: closing)
        if tag.name == "p", !closing, scalarCount(s, from, end) > 12 {
            tag.msoNormal = containsIgnoringASCIICase(s, from: i, to: end, "msonormal")
        }
        return tag
    }

    private static func scalarCount(_ s: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var k = 0
        for i in from..<to where s[i] & 0xC0 != 0x80 { k += 1 }
        return k
    }

    private static func containsIgnoringASCIICase(_ s: UnsafeBufferPointer<UInt8>, from: Int, to: Int,
                                                  _ needle: StaticString) -> Bool {
        let m = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        guard m > 0, to - from >= m else { return false }
        var i = from
        while i + m <= to {
            var k = 0
            while k < m, ASCII.lower(s[i + k]) == p[k] { k += 1 }
            if k == m { return true }
            i += 1
        }
        return false
    }

    /// Index just past the first `needle` (ASCII) at or after `from`.
    private static func find(_ s: UnsafeBufferPointer<UInt8>, from: Int, _ needle: StaticString) -> Int? {
        let m = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        guard let base = s.baseAddress else { return nil }
        var i = from
        while i + m <= s.count {
            guard let hit = memchr(base + i, Int32(p[0]), s.count - i) else { return nil }
            i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            if i + m > s.count { return nil }
            if memcmp(base + i, p, m) == 0 { return i + m }
            i += 1
        }
        return nil
    }

    private static func findEndTag(_ s: UnsafeBufferPointer<UInt8>, from: Int, name: String) -> Int? {
        let nm = Array(name.utf8)
        let m = nm.count
        var i = from
        while i + 2 + m <= s.count {
            if s[i] == 0x3C, s[i + 1] == 0x2F {
                var ok = true
                for k in 0..<m where ASCII.lower(s[i + 2 + k]) != nm[k] {
                    ok = false
                    break
                }
                if ok {
                    return tagEnd(s, from: i + 2).map { $0 + 1 } ?? s.count
                }
            }
            i += 1
        }
        return nil
    }

    private static let named: [String: String] = [
        "nbsp": "\u{A0}", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
        "laquo": "«", "raquo": "»", "mdash": "—", "ndash": "–", "hellip": "…", "copy": "©",
        "reg": "®", "trade": "™", "euro": "€", "bull": "•", "middot": "·", "ldquo": "“",
        "rdquo": "”", "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "bdquo": "„", "shy": "",
        "times": "×", "deg": "°", "plusmn": "±", "sect": "§", "para": "¶", "numero": "№",
        "ensp": " ", "emsp": " ", "thinsp": " ", "zwnj": "", "zwj": "", "minus": "−",
        "larr": "←", "rarr": "→", "check": "✓", "iexcl": "¡", "cent": "¢", "pound": "£",
        "yen": "¥", "frac12": "½", "frac14": "¼", "frac34": "¾", "eacute": "é", "egrave": "è",
        "agrave": "à", "ouml": "ö", "uuml": "ü", "auml": "ä", "szlig": "ß", "ccedil": "ç",
    ]

    /// The text of the entity at `i` (or "&" when it is none) and the byte after it.
    private static func entity(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (String, Int) {
        var j = i + 1
        var scalars = 1
        var ascii = true
        while j < s.count, scalars < 12 {
            let c = s[j]
            if c == 0x3B {  // ";"
                j += 1
                break
            }
            var len = 1
            if c < 0x80 {
                guard ASCII.isAlpha(c) || ASCII.isDigit(c) || c == 0x23 else { break }
            } else {
                let (u, l) = scalar(s, at: j)
                guard u.properties.isAlphabetic else { break }
                len = l
                ascii = false
            }
            j += len
            scalars += 1
        }
        // The name: the bytes after "&" up to j, without the ";".
        var nameEnd = j
        if nameEnd > i + 1, s[nameEnd - 1] == 0x3B { nameEnd -= 1 }
        let nameBytes = UnsafeBufferPointer(rebasing: s[(i + 1)..<nameEnd])
        if nameBytes.first == 0x23 {  // "#"
            let digits = nameBytes.dropFirst()
            var value: UInt32? = nil
            if ascii {
                let text = String(decoding: digits, as: UTF8.self)
                if digits.first == 0x78 || digits.first == 0x58 {
                    value = UInt32(text.dropFirst(), radix: 16)
                } else {
                    value = UInt32(text)
                }
            }
            if let v = value, let u = Unicode.Scalar(v), v != 0 {
                return (String(u), j)
            }
            return ("&", i + 1)
        }
        let name = String(decoding: nameBytes, as: UTF8.self)
        if let d = named[name] ?? named[ascii ? String(decoding: nameBytes.map { ASCII.lower($0) }, as: UTF8.self)
                                               : name.lowercased()] {
            return (d, j)
        }
        return ("&", i + 1)
    }

    /// Builds the text: collapses whitespace outside <pre>, tracks lists and table rows.
    private struct Renderer {
        /// The finished text so far: lines joined by LF, blank lines collapsed, none leading.
        var out: [UInt8] = []
        /// Whether any line was finished (the raw lines, before collapsing), and whether the
        /// last one was empty.
        var hasLines = false
        var lastLineEmpty = false
        /// A blank line goes into `out` only when a non-blank one follows (none trailing).
        var outBlankPending = false
        /// The line being built, as UTF-8 bytes: appending a scalar to a String per scalar
        /// and Character-wise suffix tests were the hot spots here.
        var line: [UInt8] = []
        static let spaceUTF8: [UInt8] = [0x20]
        static let colonUTF8: [UInt8] = [0x3A]
        static let nbspUTF8: [UInt8] = [0xC2, 0xA0]
        var pendingSpace = false
        var pre = 0
        var listStack: [(ordered: Bool, count: Int)] = []
        var inRow = false
        var cellsInRow = 0
        var inMsoParagraph = false
        /// A cell opened after another: the separator goes in when its first text arrives,
        /// so empty cells add nothing.
        var cellSeparatorPending = false
        var blankPending = 0

        /// ASCII whitespace from the HTML source: collapsed outside <pre>.
        mutating func whitespace(_ b: UInt8) {
            if pre > 0 {
                if b == ASCII.lf { newline() } else if b != ASCII.cr { putByte(b) }
                return
            }
            pendingSpace = true
        }

        /// One ASCII byte of text (a "<" that opens no tag).
        mutating func text(_ b: UInt8) {
            if HTMLText.isWhitespace(b) { whitespace(b) } else { putByte(b) }
        }

        /// Decoded entity text.
        mutating func text(_ s: String) {
            if s == " " {
                pendingSpace = true
                return
            }
            for b in s.utf8 { text(b) }
        }

        mutating func put(_ s: String) {
            prepareForText()
            line.append(contentsOf: s.utf8)
        }

        /// Whole UTF-8 sequences with no whitespace, "<" or "&".
        mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
            prepareForText()
            line.append(contentsOf: bytes)
        }

        mutating func putByte(_ b: UInt8) {
            prepareForText()
            line.append(b)
        }

        mutating func prepareForText() {
            if cellSeparatorPending {
                cellSeparatorPending = false
                if !line.isEmpty {
                    // Trim in place: rebuilding the line per cell would be quadratic.
                    while lastCharacterIs(" ", utf8: Self.spaceUTF8) { line.removeLast() }
                    line.append(contentsOf: lastCharacterIs(":", utf8: Self.colonUTF8) ? [0x20] : [0x3A, 0x20])
                    pendingSpace = false
                }
            }
            if pendingSpace && !line.isEmpty && !lastCharacterIs(" ", utf8: Self.spaceUTF8) { line.append(0x20) }
            pendingSpace = false
            if line.isEmpty && blankPending > 0 && hasLines {
                if !lastLineEmpty { emit([]) }
            }
            blankPending = 0
        }

        mutating func newline() {
            cellSeparatorPending = false
            trimEnd()
            emit(Self.replacingNBSP(line))
            line.removeAll(keepingCapacity: true)
            pendingSpace = false
        }

        /// Ends the current line if it has text.
        mutating func breakLine() {
            // Inside a table row, blocks (Word puts a <p> in every cell) only separate words:
            // the row stays one "cell: cell" line.
            if inRow {
                pendingSpace = true
                return
            }
            if !line.isEmpty { newline() }
            pendingSpace = false
        }

        mutating func paragraph() {
            if inRow {
                pendingSpace = true
                return
            }
            breakLine()
            blankPending = 1
        }

        mutating func tag(_ name: String, closing: Bool) {
            switch name {
            case "br":
                if inRow {
                    pendingSpace = true
                    return
                }
                if line.isEmpty && pendingSpace == false && hasLines && blankPending > 0 {
                    return
                }
                newline()
            case "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "table", "hr", "dl":
                if name == "table" { inRow = false }
                if !closing, name == "ul" || name == "ol" { listStack.append((name == "ol", 0)) }
                if closing, name == "ul" || name == "ol", !listStack.isEmpty { listStack.removeLast() }
                paragraph()
            case "div", "section", "article", "header", "footer", "address", "center", "dt", "dd", "caption",
                 "tbody", "thead", "tfoot", "main", "nav", "form", "fieldset":
                breakLine()
            case "pre":
                paragraph()
                pre = closing ? max(0, pre - 1) : pre + 1
            case "li":
                breakLine()
                if !closing {
                    if var top = listStack.last, top.ordered {
                        top.count += 1
                        listStack[listStack.count - 1] = top
                        put("\(top.count). ")
                    } else {
                        put("- ")
                    }
                    pendingSpace = false
                }
            case "tr":
                inRow = false
                breakLine()
                inRow = !closing
                cellsInRow = 0
            case "td", "th":
                if !closing {
                    if cellsInRow > 0 && !line.isEmpty {
                        cellSeparatorPending = true
                    } else if !inRow {
                        breakLine()
                    }
                    cellsInRow += 1
                }
            default:
                break
            }
        }

        /// Finishes one line (NBSP already a space): leading blank lines dropped, runs of
        /// blank lines collapsed to one, trailing ones dropped (in `finish`).
        mutating func emit(_ t: [UInt8]) {
            hasLines = true
            lastLineEmpty = t.isEmpty
            if t.isEmpty {
                // A line of only &nbsp; is a deliberate blank line (Mail.ru, Outlook).
                if !out.isEmpty { outBlankPending = true }
                return
            }
            if !out.isEmpty {
                out.append(ASCII.lf)
                if outBlankPending { out.append(ASCII.lf) }
            }
            outBlankPending = false
            out.append(contentsOf: t)
        }

        mutating func finish() -> String {
            breakLine()
            return String(decoding: out, as: UTF8.self)
        }

        private mutating func trimEnd() {
            while true {
                if lastCharacterIs(" ", utf8: Self.spaceUTF8) {
                    line.removeLast()
                } else if lastCharacterIs("\u{A0}", utf8: Self.nbspUTF8) {
                    line.removeLast(2)
                } else {
                    return
                }
            }
        }

        /// `String(line).last == c` for a one-scalar Character `c` whose UTF-8 is `tail`,
        /// without building the String: the tail scalar is the whole last Character unless
        /// a Prepend scalar (all ≥ U+0600) precedes it; those rare lines take the String path.
        private func lastCharacterIs(_ c: Character, utf8 tail: [UInt8]) -> Bool {
            let n = line.count
            let k = tail.count
            guard n >= k else { return false }
            for j in 0..<k where line[n - k + j] != tail[j] { return false }
            let before = n - k
            if before == 0 || line[before - 1] < 0x80 { return true }
            var s = before - 1
            while s > 0, line[s] & 0xC0 == 0x80, before - s < 4 { s -= 1 }
            if line[s] < 0xD8 { return true }  // a 2-byte scalar below U+0600
            return String(decoding: line, as: UTF8.self).last == c
        }

        /// The line as a String with NBSP (U+00A0) as a space. Done on the bytes when every
        /// NBSP stands between scalars that cannot join it into a larger Character (the
        /// usual case); otherwise Foundation's `replacingOccurrences`, as before.
        static func replacingNBSP(_ bytes: [UInt8]) -> [UInt8] {
            let n = bytes.count
            // Most lines hold no 0xC2 byte at all (Cyrillic is 0xD0/0xD1 + one byte).
            let firstC2 = bytes.withUnsafeBufferPointer { u -> Int? in
                guard let base = u.baseAddress, let p = memchr(base, 0xC2, n) else { return nil }
                return UnsafePointer<UInt8>(p.assumingMemoryBound(to: UInt8.self)) - base
            }
            guard let firstC2 else { return bytes }
            var i = firstC2
            var found = false
            var simple = true
            while i + 1 < n {
                if bytes[i] == 0xC2, bytes[i + 1] == 0xA0 {
                    found = true
                    if !joinsNothingBefore(bytes, i) || !joinsNothingAfter(bytes, i + 2) {
                        simple = false
                        break
                    }
                    i += 2
                } else {
                    i += 1
                }
            }
            if !found { return bytes }
            if !simple {
                return Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\u{A0}", with: " ").utf8)
            }
            var out: [UInt8] = []
            out.reserveCapacity(n)
            i = 0
            while i < n {
                if i + 1 < n, bytes[i] == 0xC2, bytes[i + 1] == 0xA0 {
                    out.append(0x20)
                    i += 2
                } else {
                    out.append(bytes[i])
                    i += 1
                }
            }
            return out
        }

        /// The scalar ending just before `at` is not a Prepend (all Prepend are ≥ U+0600).
        private static func joinsNothingBefore(_ b: [UInt8], _ at: Int) -> Bool {
            if at == 0 || b[at - 1] < 0x80 { return true }
            var s = at - 1
            while s > 0, b[s] & 0xC0 == 0x80, at - s < 4 { s -= 1 }
            return b[s] < 0xD8
        }

        /// The scalar starting at `at` is not Extend, SpacingMark or ZWJ: ASCII, or a 2-byte
        /// scalar below U+0300, in U+0370..<U+0483 or U+048A..<U+0591 (Greek, Cyrillic, Armenian).
        private static func joinsNothingAfter(_ b: [UInt8], _ at: Int) -> Bool {
            if at >= b.count || b[at] < 0x80 { return true }
            guard b[at] >= 0xC2, b[at] < 0xE0, at + 1 < b.count else { return false }
            let v = (UInt32(b[at] & 0x1F) << 6) | UInt32(b[at + 1] & 0x3F)
            return v < 0x300 || (0x370..<0x483).contains(v) || (0x48A..<0x591).contains(v)
        }
    }
}
