// RFC 2047 encoded words in header values, plus raw 8-bit header bytes.
// Linear: a failed word scan never re-scans the bytes it has already passed.

enum RFC2047 {
    /// Problems found while decoding a header value.
    struct Flags: OptionSet {
        let rawValue: UInt8
        static let unknownCharset = Flags(rawValue: 1)
        static let invalidSequences = Flags(rawValue: 2)
        static let raw8bit = Flags(rawValue: 4)
    }

    private enum Piece {
        case raw([UInt8])
        case encoded([UInt8], charset: String)
    }

    /// Decodes an unfolded header value: encoded words (any case of `q`/`b`, adjacent words
    /// joined, RFC 2047 §6.2) and raw 8-bit runs (UTF-8 if valid, else detected).
    static func decode(_ b: ArraySlice<UInt8>, flags: inout Flags) -> String {
        // Fast path: no encoded word, no 8-bit byte.
        var has8bit = false
        var hasMarker = false
        var k = b.startIndex
        while k < b.endIndex {
            let c = b[k]
            if c >= 0x80 { has8bit = true }
            if c == ASCII.equals, k + 1 < b.endIndex, b[k + 1] == ASCII.question { hasMarker = true }
            k += 1
        }
        if !has8bit && !hasMarker { return String(decoding: b, as: UTF8.self) }

        var pieces: [Piece] = []
        var pending: [UInt8] = []
        var pendingIsWhitespaceOnly = true
        var afterEncoded = false
        var noWordBefore = b.startIndex
        var i = b.startIndex
        let end = b.endIndex
        while i < end {
            if b[i] == ASCII.equals, i + 1 < end, b[i + 1] == ASCII.question, i >= noWordBefore {
                switch parseWord(b, at: i) {
                case .word(let bytes, let charset, let next):
                    // RFC 2047 §6.2: whitespace between adjacent encoded words is ignored.
                    if !(afterEncoded && pendingIsWhitespaceOnly) && !pending.isEmpty {
                        pieces.append(.raw(pending))
                    }
                    pending.removeAll(keepingCapacity: true)
                    pendingIsWhitespaceOnly = true
                    // Same charset as the previous word: join bytes, so a multi-byte character
                    // split across two words decodes whole.
                    if case .encoded(let prev, let prevCharset)? = pieces.last,
                       prevCharset.lowercased() == charset.lowercased() {
                        pieces[pieces.count - 1] = .encoded(prev + bytes, charset: prevCharset)
                    } else {
                        pieces.append(.encoded(bytes, charset: charset))
                    }
                    afterEncoded = true
                    i = next
                    continue
                case .failed(let scannedTo):
                    noWordBefore = scannedTo
                }
            }
            let c = b[i]
            pending.append(c)
            if !ASCII.isSpace(c) {
                pendingIsWhitespaceOnly = false
                afterEncoded = false
            }
            i += 1
        }
        if !pending.isEmpty { pieces.append(.raw(pending)) }

        var out = ""
        for piece in pieces {
            switch piece {
            case .raw(let bytes):
                if Bytes.isASCII(bytes) {
                    out += String(decoding: bytes, as: UTF8.self)
                } else {
                    // RFC 6532 allows UTF-8 in headers; other raw 8-bit bytes are a defect.
                    let d = Charset.decodeDetailed(bytes, label: nil)
                    if d.charset != "UTF-8" || d.invalidSequences > 0 { flags.insert(.raw8bit) }
                    out += d.text
                }
            case .encoded(let bytes, let charset):
                let d = Charset.decodeDetailed(bytes, label: charset)
                if d.usedFallback && Charset.canonicalName(charset) == nil { flags.insert(.unknownCharset) }
                if d.invalidSequences > 0 { flags.insert(.invalidSequences) }
                out += d.text
            }
        }
        return out
    }

    private enum WordResult {
        case word([UInt8], charset: String, next: Int)
        case failed(scannedTo: Int)
    }

    /// Parses `=?charset?X?text?=` at `i`.
    private static func parseWord(_ b: ArraySlice<UInt8>, at i: Int) -> WordResult {
        let end = b.endIndex
        var j = i + 2
        let charsetStart = j
        while j < end, b[j] != ASCII.question, j - charsetStart < 64 {
            if ASCII.isSpace(b[j]) { return .failed(scannedTo: i + 1) }
            j += 1
        }
        guard j < end, b[j] == ASCII.question, j > charsetStart else { return .failed(scannedTo: i + 1) }
        let charset = String(decoding: b[charsetStart..<j], as: UTF8.self)
        j += 1
        guard j + 1 < end, b[j + 1] == ASCII.question else { return .failed(scannedTo: i + 1) }
        let enc = ASCII.lower(b[j])
        guard enc == 0x62 || enc == 0x71 else { return .failed(scannedTo: i + 1) }  // b, q
        j += 2
        let textStart = j
        while j < end {
            let c = b[j]
            if c == ASCII.question, j + 1 < end, b[j + 1] == ASCII.equals {
                let text = b[textStart..<j]
                let bytes = enc == 0x62 ? Base64.decode(text).bytes : QuotedPrintable.decodeWordQ(text)
                return .word(bytes, charset: charset, next: j + 2)
            }
            if ASCII.isSpace(c) { return .failed(scannedTo: j) }
            j += 1
        }
        return .failed(scannedTo: end)
    }
}
