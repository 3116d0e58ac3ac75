// format=flowed (RFC 3676): joins soft-broken lines, honours DelSp, quote depth and
// space-stuffing, and keeps the signature separator "-- " as a hard line.
// Plans the result on the UTF-8 bytes and builds it from slices of the input (no second
// UTF-8 validation); text where Characters and bytes could disagree (see `joinsNothing`)
// goes to `unwrapCharacters`, the original algorithm.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum FormatFlowed {
    /// Unwraps flowed text (LF line ends in and out).
    static func unwrap(_ text: String, delSp: Bool) -> String {
        var copy = text
        guard let pieces = copy.withUTF8({ plan($0, delSp: delSp) }) else {
            return unwrapCharacters(text, delSp: delSp)
        }
        // The result is made of slices of the (already valid) text and ASCII: appending
        // Substrings copies bytes without validating them again.
        var out = ""
        out.reserveCapacity(copy.utf8.count + 16)
        let utf8 = copy.utf8
        for p in pieces {
            switch p {
            case .slice(let a, let b):
                out.append(contentsOf: copy[utf8.index(utf8.startIndex, offsetBy: a)..<utf8.index(utf8.startIndex, offsetBy: b)])
            case .newline:
                out.append("\n")
            case .quote(let depth, let space):
                out.append(String(repeating: ">", count: depth))
                if space { out.append(" ") }
            }
        }
        return out
    }

    /// One piece of the unwrapped text.
    enum Piece {
        /// Bytes `a..<b` of the input.
        case slice(Int, Int)
        case newline
        /// `depth` ">" and, before a non-empty paragraph, a space.
        case quote(Int, space: Bool)
    }

    /// The pieces of the unwrapped text, found on the bytes; nil when the byte-level answer
    /// might differ from the Character-level one.
    private static func plan(_ u: UnsafeBufferPointer<UInt8>, delSp: Bool) -> [Piece]? {
        let n = u.count
        guard let base = u.baseAddress else { return [] }
        if memchr(base, Int32(ASCII.cr), n) != nil { return nil }
        var out: [Piece] = []
        var firstLine = true
        var paragraph: [Piece] = []
        var paragraphEmpty = true
        var paragraphDepth = -1
        var open = false

        func emit(_ depth: Int) {
            if !firstLine { out.append(.newline) }
            firstLine = false
            if depth > 0 { out.append(.quote(depth, space: !paragraphEmpty)) }
            out.append(contentsOf: paragraph)
            paragraph.removeAll(keepingCapacity: true)
            paragraphEmpty = true
        }

        var start = 0
        while true {
            let end: Int
            if let p = memchr(base + start, Int32(ASCII.lf), n - start) {
                end = UnsafePointer<UInt8>(p.assumingMemoryBound(to: UInt8.self)) - base
            } else {
                end = n
            }
            var i = start
            // RFC 3676 §4.5: quote depth is the count of leading ">".
            var depth = 0
            while i < end, u[i] == 0x3E {
                guard joinsNothing(u, after: i + 1, end: end) else { return nil }
                depth += 1
                i += 1
            }
            // §4.4: remove one space of stuffing.
            if i < end, u[i] == ASCII.space {
                guard joinsNothing(u, after: i + 1, end: end) else { return nil }
                i += 1
            }
            let isSignature = end - i == 3 && u[i] == ASCII.hyphen && u[i + 1] == ASCII.hyphen
                && u[i + 2] == ASCII.space
            let flowed = end > i && u[end - 1] == ASCII.space && !isSignature
            if flowed, !joinsNothing(u, before: end - 1, start: i) { return nil }
            if open && depth != paragraphDepth {
                // §4.5: a quote-depth change ends the paragraph.
                emit(paragraphDepth)
                open = false
            }
            let contentEnd = flowed && delSp ? end - 1 : end
            if contentEnd > i {
                paragraph.append(.slice(i, contentEnd))
                paragraphEmpty = false
            }
            paragraphDepth = depth
            if flowed {
                open = true
            } else {
                emit(depth)
                open = false
            }
            if end == n { break }
            start = end + 1
        }
        if open { emit(paragraphDepth) }
        return out
    }

    /// The scalar at `at` (before `end`) cannot join the preceding ASCII byte into one
    /// Character (no Extend, SpacingMark or ZWJ after it, UAX #29 GB9/GB9a). Errs towards
    /// false: false only sends the text to the Character algorithm.
    private static func joinsNothing(_ u: UnsafeBufferPointer<UInt8>, after at: Int, end: Int) -> Bool {
        if at >= end || u[at] < 0x80 { return true }
        guard let (v, _) = scalar(u, at: at, end: end) else { return false }
        // Fast answers for Latin-1, Greek, Cyrillic (letters) and Armenian.
        if v < 0x300 || (0x370..<0x483).contains(v) || (0x48A..<0x591).contains(v) { return true }
        guard let s = Unicode.Scalar(v) else { return false }
        let p = s.properties
        return !(p.isGraphemeExtend || p.isEmojiModifier || v == 0x200D || p.generalCategory == .spacingMark
            || v == 0x0E33 || v == 0x0EB3)
    }

    /// The scalar ending just before `at` is not a Prepend (GB9b). Prepend scalars lie in
    /// U+0600..<U+0D50 and above U+10FFF; others cannot attach to the space after them.
    private static func joinsNothing(_ u: UnsafeBufferPointer<UInt8>, before at: Int, start: Int) -> Bool {
        if at <= start || u[at - 1] < 0x80 { return true }
        var s = at - 1
        while s > start, u[s] & 0xC0 == 0x80, at - s < 4 { s -= 1 }
        guard let (v, len) = scalar(u, at: s, end: at), s + len == at else { return false }
        return v < 0x600 || (v >= 0xD50 && v < 0x11000)
    }

    /// The scalar value of the valid UTF-8 sequence starting at `at`, and its length.
    private static func scalar(_ u: UnsafeBufferPointer<UInt8>, at: Int, end: Int) -> (UInt32, Int)? {
        let b = u[at]
        let len = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        guard b >= 0xC2, at + len <= end else { return nil }
        var v = UInt32(b) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
        for k in 1..<len { v = v << 6 | UInt32(u[at + k] & 0x3F) }
        return (v, len)
    }
}
