// format=flowed on Characters: the original algorithm, used by `FormatFlowed.unwrap` for
// the rare text where a byte-level answer could differ (CR bytes, or a combining mark or
// Prepend scalar next to a quote marker, stuffing space or trailing space).

extension FormatFlowed {
    static func unwrapCharacters(_ text: String, delSp: Bool) -> String {
        var out: [String] = []
        var paragraph = ""
        var paragraphDepth = -1
        var open = false
        for var line in lines(text) {
            // RFC 3676 §4.5: quote depth is the count of leading ">".
            var depth = 0
            while line.first == ">" {
                depth += 1
                line = line.dropFirst()
            }
            // §4.4: remove one space of stuffing.
            if line.first == " " { line = line.dropFirst() }
            let isSignature = line == "-- "
            let flowed = line.hasSuffix(" ") && !isSignature
            if open && depth != paragraphDepth {
                // §4.5: a quote-depth change ends the paragraph.
                out.append(render(paragraph, depth: paragraphDepth))
                paragraph = ""
                open = false
            }
            var content = String(line)
            if flowed && delSp { content.removeLast() }
            paragraph += content
            paragraphDepth = depth
            if flowed {
                open = true
            } else {
                out.append(render(paragraph, depth: depth))
                paragraph = ""
                open = false
            }
        }
        if open { out.append(render(paragraph, depth: paragraphDepth)) }
        return out.joined(separator: "\n")
    }

    /// The LF-separated lines as substrings, found on the UTF-8 bytes: LF is always its
    /// own Character, so these are the same slices `split(separator: "\n")` gives, without
    /// walking grapheme clusters.
    static func lines(_ text: String) -> [Substring] {
        var offsets: [Int] = []
        var sawCR = false
        var copy = text
        copy.withUTF8 { u in
            var i = 0
            let n = u.count
            while i < n {
                let b = u[i]
                if b == 0x0A { offsets.append(i) } else if b == 0x0D { sawCR = true }
                i += 1
            }
        }
        // CR LF is one Character: keep the Character split's answer for such input.
        if sawCR { return text.split(separator: "\n", omittingEmptySubsequences: false) }
        let utf8 = text.utf8
        var out: [Substring] = []
        out.reserveCapacity(offsets.count + 1)
        var start = utf8.startIndex
        for o in offsets {
            let end = utf8.index(utf8.startIndex, offsetBy: o)
            out.append(text[start..<end])
            start = utf8.index(after: end)
        }
        out.append(text[start..<utf8.endIndex])
        return out
    }

    private static func render(_ s: String, depth: Int) -> String {
        guard depth > 0 else { return s }
        return String(repeating: ">", count: depth) + (s.isEmpty ? "" : " " + s)
    }
}
