// format=flowed (RFC 3676): joins soft-broken lines, honours DelSp, quote depth and
// space-stuffing, and keeps the signature separator "-- " as a hard line.

enum FormatFlowed {
    /// Unwraps flowed text (LF line ends in and out).
    static func unwrap(_ text: String, delSp: Bool) -> String {
        var out: [String] = []
        var paragraph = ""
        var paragraphDepth = -1
        var open = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
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

    private static func render(_ s: String, depth: Int) -> String {
        guard depth > 0 else { return s }
        return String(repeating: ">", count: depth) + (s.isEmpty ? "" : " " + s)
    }
}
