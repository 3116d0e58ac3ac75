// HTMLText and FormatFlowed as they were before the byte-level rewrite (commit fad7692),
// the reference for FastPathEquivalenceTests.

import Foundation
@testable import MailMessage

enum ReferenceHTMLText {
    /// Converts an HTML document or fragment to plain text with LF line ends.
    static func text(fromHTML html: String) -> String {
        var r = Renderer()
        let s = Array(html.unicodeScalars)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "<" {
                // Comment
                if i + 3 < s.count, s[i + 1] == "!", s[i + 2] == "-", s[i + 3] == "-" {
                    i = find(s, from: i + 4, "-->") ?? s.count
                    continue
                }
                // HTML tokenizer: "<" opens a tag only before a letter, "/", "!" or "?".
                let next = i + 1 < s.count ? s[i + 1] : " "
                let opens = next.properties.isAlphabetic || next == "/" || next == "!" || next == "?"
                guard opens, let close = tagEnd(s, from: i + 1) else {
                    r.text("<")
                    i += 1
                    continue
                }
                let tag = parseTag(s[(i + 1)..<close])
                i = close + 1
                if !tag.closing, skipContent.contains(tag.name) {
                    // Skip to the matching end tag (no nesting in these).
                    i = findEndTag(s, from: i, name: tag.name) ?? s.count
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
            if c == "&" {
                let (decoded, next) = entity(s, at: i)
                r.text(decoded)
                i = next
                continue
            }
            r.scalar(c)
            i += 1
        }
        return r.finish()
    }

    private static let skipContent: Set<String> = ["style", "script", "head", "title", "xml", "template"]

    private struct Tag {
        var name: String
        var closing: Bool
        /// Outlook/Word writes every line as `<p class=MsoNormal>` with zero margins:
        /// one line break, not a paragraph.
        var msoNormal = false
    }

    private static func tagEnd(_ s: [Unicode.Scalar], from: Int) -> Int? {
        var i = from
        var quote: Unicode.Scalar? = nil
        while i < s.count {
            let c = s[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == ">" {
                return i
            } else if c == "<" {
                return nil  // a new tag starts: this "<" was text (keeps the scan linear)
            }
            i += 1
            if i - from > 2_000 { return nil }
        }
        return nil
    }

    private static func parseTag(_ body: ArraySlice<Unicode.Scalar>) -> Tag {
        var i = body.startIndex
        var closing = false
        if i < body.endIndex, body[i] == "/" {
            closing = true
            i += 1
        }
        var name = ""
        while i < body.endIndex {
            let c = body[i]
            if c == " " || c == "/" || c == "\t" || c == "\n" || c == "\r" { break }
            name.unicodeScalars.append(c)
            i += 1
        }
        var tag = Tag(name: name.lowercased(), closing: closing)
        if tag.name == "p", !closing, body.count > 12 {
            let attrs = String(String.UnicodeScalarView(body[i...])).lowercased()
            tag.msoNormal = attrs.contains("msonormal")
        }
        return tag
    }

    private static func find(_ s: [Unicode.Scalar], from: Int, _ needle: String) -> Int? {
        let n = Array(needle.unicodeScalars)
        var i = from
        while i + n.count <= s.count {
            if s[i] == n[0] {
                var ok = true
                for k in 1..<n.count where s[i + k] != n[k] {
                    ok = false
                    break
                }
                if ok { return i + n.count }
            }
            i += 1
        }
        return nil
    }

    private static func findEndTag(_ s: [Unicode.Scalar], from: Int, name: String) -> Int? {
        let n = Array(name.unicodeScalars)
        var i = from
        while i + 2 + n.count <= s.count {
            if s[i] == "<", s[i + 1] == "/" {
                var ok = true
                for k in 0..<n.count {
                    let a = s[i + 2 + k].properties.lowercaseMapping
                    if a != String(n[k]) {
                        ok = false
                        break
                    }
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

    private static func entity(_ s: [Unicode.Scalar], at i: Int) -> (String, Int) {
        var j = i + 1
        var name = ""
        while j < s.count, j - i < 12 {
            let c = s[j]
            if c == ";" {
                j += 1
                break
            }
            guard c.properties.isAlphabetic || (c >= "0" && c <= "9") || c == "#" else { break }
            name.unicodeScalars.append(c)
            j += 1
        }
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits)
            }
            if let v = value, let u = Unicode.Scalar(v), v != 0 {
                return (String(u), j)
            }
            return ("&", i + 1)
        }
        if let d = named[name] ?? named[name.lowercased()] { return (d, j) }
        return ("&", i + 1)
    }

    /// Builds the text: collapses whitespace outside <pre>, tracks lists and table rows.
    private struct Renderer {
        var lines: [String] = []
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

        mutating func scalar(_ c: Unicode.Scalar) {
            if pre > 0 {
                if c == "\n" { newline() } else if c != "\r" { putScalar(c) }
                return
            }
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                pendingSpace = true
                return
            }
            putScalar(c)
        }

        mutating func text(_ s: String) {
            if s == " " {
                pendingSpace = true
                return
            }
            for u in s.unicodeScalars { scalar(u) }
        }

        mutating func put(_ s: String) {
            prepareForText()
            line.append(contentsOf: s.utf8)
        }

        mutating func putScalar(_ c: Unicode.Scalar) {
            prepareForText()
            let v = c.value
            switch v {
            case ..<0x80:
                line.append(UInt8(v))
            case ..<0x800:
                line.append(UInt8(0xC0 | (v >> 6)))
                line.append(UInt8(0x80 | (v & 0x3F)))
            case ..<0x10000:
                line.append(UInt8(0xE0 | (v >> 12)))
                line.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
                line.append(UInt8(0x80 | (v & 0x3F)))
            default:
                line.append(UInt8(0xF0 | (v >> 18)))
                line.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
                line.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
                line.append(UInt8(0x80 | (v & 0x3F)))
            }
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
            if line.isEmpty && blankPending > 0 && !lines.isEmpty {
                if lines.last != "" { lines.append("") }
            }
            blankPending = 0
        }

        mutating func newline() {
            cellSeparatorPending = false
            trimEnd()
            lines.append(Self.replacingNBSP(line))
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
                if line.isEmpty && pendingSpace == false && !lines.isEmpty && blankPending > 0 {
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

        mutating func finish() -> String {
            breakLine()
            // Drop leading/trailing blank lines and collapse runs of blank lines.
            var out: [String] = []
            // NBSP became a space when each line was stored (`replacingNBSP`).
            for t in lines {
                // A line of only &nbsp; is a deliberate blank line (Mail.ru, Outlook).
                if t.isEmpty && (out.isEmpty || out.last == "") { continue }
                out.append(t)
            }
            while out.last == "" { out.removeLast() }
            return out.joined(separator: "\n")
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
        static func replacingNBSP(_ bytes: [UInt8]) -> String {
            let n = bytes.count
            var i = 0
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
            if !found { return String(decoding: bytes, as: UTF8.self) }
            if !simple {
                return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\u{A0}", with: " ")
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
            return String(decoding: out, as: UTF8.self)
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

/// The original Character-based format=flowed is still in Sources as the fallback of
/// `FormatFlowed.unwrap` (`FormatFlowed.unwrapCharacters`): the byte path is checked against it.
enum ReferenceFormatFlowed {
    static func unwrap(_ text: String, delSp: Bool) -> String {
        FormatFlowed.unwrapCharacters(text, delSp: delSp)
    }
}
