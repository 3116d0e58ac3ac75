// Splits a header block into fields (RFC 5322 §2.2, §3.6; obsolete syntax of §4.5).
// Works on bytes in one pass: folding, LF-only line ends, raw 8-bit values, missing blank
// line, and a byte limit that ends in a defect rather than quadratic work.

struct HeaderParser {
    struct Result {
        var fields: [HeaderField]
        /// Index of the first body byte (after the blank line), or `end`.
        var bodyStart: Int
        var defects: [Defect]
    }

    /// Parses the header block at `start..<end`.
    static func parse(_ bytes: [UInt8], start: Int, end: Int, maxHeaderBytes: Int) -> Result {
        var fields: [HeaderField] = []
        var defects: [Defect] = []
        var i = start
        var bodyStart = end
        var nameRange: Range<Int>? = nil
        var value: [UInt8] = []
        var stored = 0
        var overLimit = false
        var first = true

        func finish() {
            guard let r = nameRange else { return }
            nameRange = nil
            if overLimit { return }
            let name = String(decoding: bytes[r], as: UTF8.self)
            let raw = Array(Bytes.trimmed(value[...]))
            var flags = RFC2047.Flags()
            let decoded = RFC2047.decode(raw[...], flags: &flags)
            if flags.contains(.raw8bit) { defects.append(Defect(code: "header.raw_8bit", detail: name)) }
            if flags.contains(.unknownCharset) { defects.append(Defect(code: "charset.unknown", detail: name)) }
            if flags.contains(.invalidSequences) {
                defects.append(Defect(code: "charset.invalid_sequence", detail: name))
            }
            fields.append(HeaderField(name: name, raw: raw, value: decoded))
        }

        while i < end {
            let (contentEnd, next) = bytes.lineBounds(from: i, limit: end)
            if contentEnd == i {
                finish()
                bodyStart = next
                break
            }
            // An mbox "From " separator line before the headers (RFC 4155) is not a field.
            if first, contentEnd - i >= 5, bytes[i] == 0x46, bytes[i + 1] == 0x72, bytes[i + 2] == 0x6F,
               bytes[i + 3] == 0x6D, bytes[i + 4] == ASCII.space {
                first = false
                i = next
                continue
            }
            first = false
            stored += next - i
            if stored > maxHeaderBytes && !overLimit {
                finish()
                overLimit = true
                defects.append(Defect(code: "header.too_long",
                                      detail: "header block over \(maxHeaderBytes) bytes; rest ignored"))
            }
            if ASCII.isWSP(bytes[i]) {
                // RFC 5322 §2.2.3: unfolding removes the CRLF, keeps the whitespace.
                if nameRange != nil {
                    if !overLimit { value.append(contentsOf: bytes[i..<contentEnd]) }
                } else if fields.isEmpty {
                    defects.append(Defect(code: "header.continuation_without_field"))
                }
                i = next
                continue
            }
            // field-name = 1*ftext (printable ASCII except ":"); obs: WSP before the colon.
            var j = i
            while j < contentEnd, bytes[j] != ASCII.colon, bytes[j] > 32, bytes[j] < 127 { j += 1 }
            var nameEnd = j
            while j < contentEnd, ASCII.isWSP(bytes[j]) { j += 1 }
            guard j < contentEnd, bytes[j] == ASCII.colon, nameEnd > i else {
                // Not a field: the sender forgot the blank line; the body starts here.
                finish()
                defects.append(Defect(code: "header.missing_blank_line"))
                bodyStart = i
                return Result(fields: fields, bodyStart: bodyStart, defects: defects)
            }
            finish()
            if nameEnd - i > 256 { nameEnd = i + 256 }
            nameRange = i..<nameEnd
            value.removeAll(keepingCapacity: true)
            if !overLimit {
                let valueEnd = min(contentEnd, j + 1 + maxHeaderBytes)
                value.append(contentsOf: bytes[(j + 1)..<valueEnd])
            }
            i = next
        }
        if i >= end { finish() }
        return Result(fields: fields, bodyStart: bodyStart, defects: defects)
    }
}
