// MIME structure (RFC 2045, RFC 2046): multiparts split by a linear boundary scan,
// message/rfc822 parsed recursively, transfer encodings and charsets decoded.
// Every problem becomes a defect; limits (depth, parts, header bytes, total bytes) end
// parsing of the offending branch, never the process.
//
// Defect codes (stable; `Defect.code`):
//   header.too_long, header.missing_blank_line, header.continuation_without_field,
//   header.raw_8bit (8-bit bytes that are not UTF-8), address.invalid (From), date.invalid,
//   message.too_large, mime.too_deep, mime.too_many_parts, mime.missing_boundary,
//   mime.boundary_mismatch (declared boundary absent, one found in the body),
//   mime.boundary_not_found, mime.missing_close_boundary, mime.no_parts,
//   mime.bad_content_type, mime.bad_parameter, mime.unknown_transfer_encoding,
//   base64.invalid_characters, base64.truncated, qp.invalid_escape, uuencode.truncated,
//   charset.unknown, charset.missing (8-bit text without a label), charset.mismatch
//   (known label, bytes not in it), charset.invalid_sequence, text.nul_bytes.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct MIMEParser {
    let limits: ParseLimits
    var defects: [Defect] = []
    var partCount = 0
    private var reportedTooMany = false

    init(limits: ParseLimits) {
        self.limits = limits
    }

    mutating func parseMessage(_ buf: [UInt8], start: Int, end: Int, depth: Int) -> Message {
        let first = defects.count
        let root = parseEntity(buf, start: start, end: end, depth: depth, defaultType: "text/plain")
        checkTopLevelHeaders(root)
        return Message(root: root, defects: Array(defects[first...]))
    }

    /// Defects in the fields the accessors interpret (dates, From).
    private mutating func checkTopLevelHeaders(_ root: MIMEPart) {
        if let d = root.headers.first(where: { $0.name.caseInsensitiveEquals("Date") }) {
            if DateParser.parse(d.value) == nil { defects.append(Defect(code: "date.invalid", detail: d.value)) }
        }
        if let f = root.headers.first(where: { $0.name.caseInsensitiveEquals("From") }) {
            // Cheap check first: nearly every From has an "@" and parses.
            if !f.raw.contains(0x40) && AddressParser.parseList(f.raw).isEmpty {
                defects.append(Defect(code: "address.invalid", detail: "From"))
            }
        }
    }

    // MARK: - Entities

    mutating func parseEntity(_ buf: [UInt8], start: Int, end: Int, depth: Int, defaultType: String) -> MIMEPart {
        partCount += 1
        let h = HeaderParser.parse(buf, start: start, end: end, maxHeaderBytes: limits.maxHeaderBytes)
        defects.append(contentsOf: h.defects)
        var part = MIMEPart(headers: h.fields)
        part.contentType = defaultType
        if let ct = h.fields.first(where: { $0.name.caseInsensitiveEquals("Content-Type") }) {
            let pv = ParameterizedValue.parse(ct.raw)
            defects.append(contentsOf: pv.defects)
            if isValidType(pv.value) {
                part.contentType = pv.value
            } else {
                // RFC 2045 §5.2: an invalid Content-Type means text/plain; us-ascii.
                defects.append(Defect(code: "mime.bad_content_type", detail: pv.value))
                part.contentType = "text/plain"
            }
            part.parameters = pv.parameters
        }
        if let cd = h.fields.first(where: { $0.name.caseInsensitiveEquals("Content-Disposition") }) {
            let pv = ParameterizedValue.parse(cd.raw)
            defects.append(contentsOf: pv.defects)
            // RFC 2183 §2.8: an unknown disposition is treated as attachment.
            if pv.value == "inline" || pv.value == "attachment" {
                part.disposition = pv.value
            } else if !pv.value.isEmpty {
                part.disposition = "attachment"
            }
            if let f = pv.parameters["filename"] { part.filename = Self.baseName(f) }
        }
        if part.filename == nil, let n = part.parameters["name"] { part.filename = Self.baseName(n) }
        if let cte = h.fields.first(where: { $0.name.caseInsensitiveEquals("Content-Transfer-Encoding") }) {
            part.transferEncoding = Bytes.lowerString(Bytes.trimmed(cte.raw[...]))
        }
        let bodyStart = min(h.bodyStart, end)

        if part.contentType.hasPrefix("multipart/") {
            if depth >= limits.maxDepth {
                defects.append(Defect(code: "mime.too_deep", detail: "depth \(depth)"))
                part.body = Array(buf[bodyStart..<end])
                return part
            }
            guard let boundary = part.parameters["boundary"], !boundary.isEmpty else {
                defects.append(Defect(code: "mime.missing_boundary", detail: part.contentType))
                part.contentType = "text/plain"
                decodeLeaf(&part, buf[bodyStart..<end], depth: depth)
                return part
            }
            if !splitMultipart(&part, buf, start: bodyStart, end: end, boundary: Array(boundary.utf8), depth: depth) {
                part.contentType = "text/plain"
                decodeLeaf(&part, buf[bodyStart..<end], depth: depth)
            }
            return part
        }
        if part.contentType == "message/rfc822" || part.contentType == "message/global" {
            let body = transferDecode(part, buf[bodyStart..<end])
            part.body = body
            if depth >= limits.maxDepth {
                defects.append(Defect(code: "mime.too_deep", detail: "depth \(depth)"))
                return part
            }
            if tooManyParts() { return part }
            let inner = parseMessage(body, start: 0, end: body.count, depth: depth + 1)
            part.embedded = Box(inner)
            return part
        }
        decodeLeaf(&part, buf[bodyStart..<end], depth: depth)
        return part
    }

    /// `type/subtype` with no spaces and one slash (bytes, not Foundation string search).
    private func isValidType(_ v: String) -> Bool {
        var slashes = 0
        var slashAt = -1
        var n = 0
        for c in v.utf8 {
            if c == 0x2F {
                slashes += 1
                slashAt = n
            } else if c <= 32 {
                return false
            }
            n += 1
        }
        return slashes == 1 && slashAt > 0 && slashAt < n - 1
    }

    private static func baseName(_ f: String) -> String {
        // Some clients send full Windows paths ("C:\Users\...\form.docx").
        if let i = f.lastIndex(where: { $0 == "\\" || $0 == "/" }) {
            let tail = f[f.index(after: i)...]
            if !tail.isEmpty { return String(tail) }
        }
        return f
    }

    private mutating func tooManyParts() -> Bool {
        if partCount >= limits.maxParts {
            if !reportedTooMany {
                reportedTooMany = true
                defects.append(Defect(code: "mime.too_many_parts", detail: "over \(limits.maxParts) parts"))
            }
            return true
        }
        return false
    }

    // MARK: - Leaves

    private mutating func transferDecode(_ part: MIMEPart, _ raw: ArraySlice<UInt8>) -> [UInt8] {
        switch part.transferEncoding ?? "" {
        case "", "7bit", "8bit", "binary", "7-bit", "8-bit":
            return Array(raw)
        case "base64":
            let r = Base64.decode(raw)
            if r.garbage > 0 { defects.append(Defect(code: "base64.invalid_characters", detail: "\(r.garbage)")) }
            if r.truncated { defects.append(Defect(code: "base64.truncated")) }
            return r.bytes
        case "quoted-printable":
            let r = QuotedPrintable.decode(raw)
            if r.invalidEscapes > 0 {
                defects.append(Defect(code: "qp.invalid_escape", detail: "\(r.invalidEscapes)"))
            }
            return r.bytes
        case "x-uuencode", "uuencode", "x-uue":
            return UUEncode.decodeBody(Array(raw)).data
        case let other:
            defects.append(Defect(code: "mime.unknown_transfer_encoding", detail: other))
            return Array(raw)
        }
    }

    private mutating func decodeLeaf(_ part: inout MIMEPart, _ raw: ArraySlice<UInt8>, depth: Int) {
        part.body = transferDecode(part, raw)
        guard part.contentType.hasPrefix("text/") else { return }
        var label = part.parameters["charset"]
        if label == nil, part.contentType == "text/html" { label = HTMLCharsetSniffer.sniff(part.body) }
        var body = part.body
        var blocks: [UUEncode.Block] = []
        if part.contentType == "text/plain", Self.mayHaveUUEncode(body) {
            let r = UUEncode.extract(body)
            body = r.text
            blocks = r.blocks
        }
        // Line ends on the raw bytes when the charset keeps CR/LF as ASCII bytes (every
        // guess does): one pass without re-validating a String afterwards.
        if label.flatMap({ Charset.canonicalName($0) }).map(Charset.hasASCIINewlines) ?? true {
            body = Bytes.normalizeNewlines(body)
        }
        let d = Charset.decodeDetailed(body, label: label)
        if let label, d.usedFallback {
            if Charset.canonicalName(label) == nil {
                defects.append(Defect(code: "charset.unknown", detail: label))
            } else {
                defects.append(Defect(code: "charset.mismatch", detail: label))
            }
        } else if label == nil, d.usedFallback {
            defects.append(Defect(code: "charset.missing", detail: "guessed \(d.charset)"))
        }
        if d.invalidSequences > 0 {
            defects.append(Defect(code: "charset.invalid_sequence", detail: "\(d.invalidSequences) in \(d.charset)"))
        }
        part.charset = d.charset
        var text = Bytes.normalizeNewlines(d.text)
        // NUL is never text; removed after decoding so UTF-16 bodies survive.
        if Bytes.contains(text, byte: 0) {
            defects.append(Defect(code: "text.nul_bytes"))
            text.unicodeScalars.removeAll { $0 == "\u{0}" }
        }
        if part.contentType == "text/plain", part.parameters["format"]?.lowercased() == "flowed" {
            text = FormatFlowed.unwrap(text, delSp: part.parameters["delsp"]?.lowercased() == "yes")
        }
        part.text = text
        for block in blocks {
            if block.truncated { defects.append(Defect(code: "uuencode.truncated", detail: block.filename)) }
            var child = MIMEPart(contentType: Self.guessType(block.filename), disposition: "attachment",
                                 filename: block.filename, body: block.data)
            child.transferEncoding = "x-uuencode"
            part.children.append(child)
        }
    }

    private static func mayHaveUUEncode(_ body: [UInt8]) -> Bool {
        // "begin " at a line start, followed by at least one more byte; memchr finds the
        // candidates, a cheap pre-check before the line scan.
        body.withUnsafeBufferPointer { u in
            guard let base = u.baseAddress else { return false }
            let needle: StaticString = "begin "
            var i = 0
            let n = u.count
            while i + 6 < n {
                guard let hit = memchr(base + i, 0x62, n - i) else { return false }
                let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                if at + 6 >= n { return false }
                if at == 0 || base[at - 1] == ASCII.lf, memcmp(base + at, needle.utf8Start, 6) == 0 { return true }
                i = at + 1
            }
            return false
        }
    }

    static func guessType(_ filename: String) -> String {
        let ext = filename.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "txt": return "text/plain"
        case "doc": return "application/msword"
        case "docx": return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "pdf": return "application/pdf"
        case "zip": return "application/zip"
        case "jpg", "jpeg": return "image/jpeg"
        case "png": return "image/png"
        default: return "application/octet-stream"
        }
    }

    // MARK: - Multipart

    /// Splits a multipart body. Returns false when no boundary line could be found at all.
    private mutating func splitMultipart(_ part: inout MIMEPart, _ buf: [UInt8], start: Int, end: Int,
                                         boundary: [UInt8], depth: Int) -> Bool {
        var scan = Self.scanDelimiters(buf, start: start, end: end, boundary: boundary)
        if scan.isEmpty {
            // Garbled boundary: the declared one never appears. Try the first "--x" line that
            // appears again as a delimiter (RFC 2046 §5.1.1 says such bodies are unusable;
            // real clients still show them).
            if let guess = Self.guessBoundary(buf, start: start, end: end) {
                let retry = Self.scanDelimiters(buf, start: start, end: end, boundary: guess)
                if !retry.isEmpty {
                    defects.append(Defect(code: "mime.boundary_mismatch",
                                          detail: "declared boundary not found; used one from the body"))
                    scan = retry
                }
            }
        }
        guard let first = scan.first else {
            defects.append(Defect(code: "mime.boundary_not_found"))
            return false
        }
        if first.lineStart > start {
            part.preamble = Array(buf[start..<Self.trimLineBreak(buf, first.lineStart, floor: start)])
        }
        var closed = false
        for (k, d) in scan.enumerated() {
            if d.isClose {
                closed = true
                if d.next < end { part.epilogue = Array(buf[d.next..<end]) }
                break
            }
            let partStart = d.next
            let partEnd: Int
            if k + 1 < scan.count {
                partEnd = Self.trimLineBreak(buf, scan[k + 1].lineStart, floor: partStart)
            } else {
                partEnd = end
            }
            if tooManyParts() { break }
            let defaultType = part.contentType == "multipart/digest" ? "message/rfc822" : "text/plain"
            let child = parseEntity(buf, start: partStart, end: partEnd, depth: depth + 1, defaultType: defaultType)
            part.children.append(child)
        }
        if !closed && !reportedTooMany {
            defects.append(Defect(code: "mime.missing_close_boundary"))
        }
        if part.children.isEmpty { defects.append(Defect(code: "mime.no_parts")) }
        return true
    }

    /// The delimiter's preceding CRLF/LF belongs to the delimiter (RFC 2046 §5.1.1).
    private static func trimLineBreak(_ buf: [UInt8], _ lineStart: Int, floor: Int) -> Int {
        var e = lineStart
        if e > floor, buf[e - 1] == ASCII.lf { e -= 1 }
        if e > floor, buf[e - 1] == ASCII.cr { e -= 1 }
        return e
    }

    struct Delimiter {
        var lineStart: Int
        var next: Int
        var isClose: Bool
    }

    /// The delimiter lines of `start..<end`. Only lines starting with "-" can be one, so
    /// memchr jumps from "-" to "-" (a base64 part has none: one call for the whole part)
    /// and only lines starting there are measured.
    static func scanDelimiters(_ buf: [UInt8], start: Int, end: Int, boundary: [UInt8]) -> [Delimiter] {
        var found: [Delimiter] = []
        let blen = boundary.count
        buf.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            boundary.withUnsafeBufferPointer { bp in
                guard let bbase = bp.baseAddress else { return }
                var i = start
                while i < end {
                    guard let hyphen = memchr(base + i, Int32(ASCII.hyphen), end - i) else { return }
                    let h = UnsafePointer<UInt8>(hyphen.assumingMemoryBound(to: UInt8.self)) - base
                    // A line start: the range's start or just after an LF.
                    guard h == start || base[h - 1] == ASCII.lf else {
                        i = h + 1
                        continue
                    }
                    // Line content end and next line start.
                    let lf = memchr(base + h, Int32(ASCII.lf), end - h)
                    let next: Int
                    var contentEnd: Int
                    if let lf {
                        let pos = UnsafePointer<UInt8>(lf.assumingMemoryBound(to: UInt8.self)) - base
                        next = pos + 1
                        contentEnd = pos
                    } else {
                        next = end
                        contentEnd = end
                    }
                    if contentEnd > h, base[contentEnd - 1] == ASCII.cr { contentEnd -= 1 }
                    if contentEnd - h >= 2 + blen, base[h + 1] == ASCII.hyphen,
                       memcmp(base + h + 2, bbase, blen) == 0 {
                        var j = h + 2 + blen
                        var isClose = false
                        if j + 2 <= contentEnd, base[j] == ASCII.hyphen, base[j + 1] == ASCII.hyphen {
                            isClose = true
                            j += 2
                        }
                        // Only transport padding may follow (RFC 2046 §5.1.1); anything else
                        // means a longer boundary that merely starts with ours.
                        var ok = true
                        while j < contentEnd {
                            if !ASCII.isWSP(base[j]) {
                                ok = false
                                break
                            }
                            j += 1
                        }
                        if ok {
                            found.append(Delimiter(lineStart: h, next: next, isClose: isClose))
                            if isClose { return }
                        }
                    }
                    i = next
                }
            }
        }
        return found
    }

    /// The first "--token" line in the body whose token is used again later.
    private static func guessBoundary(_ buf: [UInt8], start: Int, end: Int) -> [UInt8]? {
        var i = start
        var lines = 0
        while i < end, lines < 200 {
            let (contentEnd, next) = buf.lineBounds(from: i, limit: end)
            if contentEnd - i > 2, buf[i] == ASCII.hyphen, buf[i + 1] == ASCII.hyphen {
                var tokenEnd = contentEnd
                while tokenEnd > i + 2, ASCII.isWSP(buf[tokenEnd - 1]) { tokenEnd -= 1 }
                let token = Array(buf[(i + 2)..<tokenEnd])
                if token.count >= 4, !token.contains(ASCII.space) {
                    return token
                }
            }
            lines += 1
            i = next
        }
        return nil
    }
}
