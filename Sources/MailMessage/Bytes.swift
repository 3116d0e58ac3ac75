// Small byte helpers shared by the parsers. The parsers work on `[UInt8]` and index
// ranges, never on `String`, while splitting headers and parts: that keeps them linear.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum ASCII {
    static let cr: UInt8 = 13
    static let lf: UInt8 = 10
    static let space: UInt8 = 32
    static let tab: UInt8 = 9
    static let colon: UInt8 = 58
    static let semicolon: UInt8 = 59
    static let equals: UInt8 = 61
    static let quote: UInt8 = 34
    static let backslash: UInt8 = 92
    static let hyphen: UInt8 = 45
    static let question: UInt8 = 63

    @inline(__always) static func isWSP(_ b: UInt8) -> Bool { b == space || b == tab }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == space || b == tab || b == cr || b == lf }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b | 0x20 : b }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }

    /// Hex digit value or nil.
    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: return b - 48
        case 65...70: return b - 55
        case 97...102: return b - 87
        default: return nil
        }
    }
}

extension Array where Element == UInt8 {
    /// Index just past the line that starts at `start` (after LF), and the end of its content
    /// (before CR LF or LF). A bare CR is kept as content.
    @inline(__always)
    func lineBounds(from start: Int, limit: Int) -> (contentEnd: Int, next: Int) {
        var i = start
        while i < limit {
            if self[i] == ASCII.lf {
                let end = (i > start && self[i - 1] == ASCII.cr) ? i - 1 : i
                return (end, i + 1)
            }
            i += 1
        }
        return (limit, limit)
    }
}

enum Bytes {
    /// True when every byte is 7-bit.
    static func isASCII<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        for b in bytes where b >= 0x80 { return false }
        return true
    }

    /// Lower-cased ASCII string of a byte range (other bytes replaced by U+FFFD).
    static func lowerString<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(decoding: bytes.map { ASCII.lower($0) }, as: UTF8.self)
    }

    /// Trims ASCII whitespace (SP, HTAB, CR, LF) at both ends.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = bytes.startIndex
        var e = bytes.endIndex
        while s < e && ASCII.isSpace(bytes[s]) { s += 1 }
        while e > s && ASCII.isSpace(bytes[e - 1]) { e -= 1 }
        return bytes[s..<e]
    }

    /// Converts CRLF and bare CR to LF.
    static func normalizeNewlines(_ text: String) -> String {
        var copy = text
        // UTF-8 never has 0x0D inside a multi-byte sequence, so bytes are safe here.
        return copy.withUTF8 { u -> String? in
            guard let base = u.baseAddress, let first = memchr(base, Int32(ASCII.cr), u.count) else { return nil }
            let n = u.count
            return String(unsafeUninitializedCapacity: n) { out in
                var o = base.distance(to: first.assumingMemoryBound(to: UInt8.self))
                // Bytes before the first CR are copied at once.
                if o > 0, let dst = out.baseAddress { dst.update(from: base, count: o) }
                var i = o
                while i < n {
                    let c = u[i]
                    if c == ASCII.cr {
                        out[o] = ASCII.lf
                        if i + 1 < n, u[i + 1] == ASCII.lf { i += 1 }
                    } else {
                        out[o] = c
                    }
                    o += 1
                    i += 1
                }
                return o
            }
        } ?? text
    }

    /// CRLF and bare CR to LF on raw bytes (for charsets where `Charset.hasASCIINewlines`);
    /// the input itself, uncopied, when it holds no CR. memchr finds each CR and the runs
    /// between are copied whole (mail lines are short, but a per-byte loop was slower).
    static func normalizeNewlines(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { u -> [UInt8] in
            guard let base = u.baseAddress, let firstCR = memchr(base, Int32(ASCII.cr), u.count) else { return bytes }
            let n = u.count
            var cr = UnsafePointer<UInt8>(firstCR.assumingMemoryBound(to: UInt8.self)) - base
            return [UInt8](unsafeUninitializedCapacity: n) { out, count in
                count = 0
                guard let dst = out.baseAddress else { return }
                var o = 0
                var i = 0
                while true {
                    // Copy the run before the CR, then LF for the CR (and its LF, if any).
                    if cr > i {
                        (dst + o).update(from: base + i, count: cr - i)
                        o += cr - i
                    }
                    if cr == n { break }
                    dst[o] = ASCII.lf
                    o += 1
                    i = cr + 1
                    if i < n, base[i] == ASCII.lf { i += 1 }
                    if i >= n { break }
                    if let p = memchr(base + i, Int32(ASCII.cr), n - i) {
                        cr = UnsafePointer<UInt8>(p.assumingMemoryBound(to: UInt8.self)) - base
                    } else {
                        cr = n
                    }
                }
                count = o
            }
        }
    }

    /// True when the string's UTF-8 holds `byte` (memchr, not the UTF-8 view's iterator).
    static func contains(_ text: String, byte: UInt8) -> Bool {
        var copy = text
        return copy.withUTF8 { u in
            guard let base = u.baseAddress else { return false }
            return memchr(base, Int32(byte), u.count) != nil
        }
    }

    /// Case-insensitive ASCII prefix test.
    static func hasPrefixIgnoringCase(_ bytes: ArraySlice<UInt8>, _ prefix: String) -> Bool {
        let p = Array(prefix.utf8)
        guard bytes.count >= p.count else { return false }
        var i = bytes.startIndex
        for c in p {
            if ASCII.lower(bytes[i]) != ASCII.lower(c) { return false }
            i += 1
        }
        return true
    }
}
