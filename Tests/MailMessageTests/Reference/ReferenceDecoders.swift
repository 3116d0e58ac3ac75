// The decoders as they were before the byte-level rewrite (commit fad7692), kept as the
// reference the differential tests (FastPathEquivalenceTests) compare the fast ones with.

import Foundation
@testable import MailMessage

enum ReferenceBase64 {
    struct Result {
        var bytes: [UInt8]
        /// Characters outside the alphabet other than whitespace (RFC 2045 §6.8 says ignore them,
        /// but they usually mean damage).
        var garbage: Int
        /// The data ended inside a 4-character quantum without padding.
        var truncated: Bool
    }

    private static let table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = UInt8(i) }
        // URL-safe variants seen from some webmail encoders.
        t[Int(UInt8(ascii: "-"))] = 62
        t[Int(UInt8(ascii: "_"))] = 63
        return t
    }()

    static func decode<C: Collection>(_ input: C) -> Result where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 3 / 4 + 3)
        var quad: UInt32 = 0
        var n = 0
        var garbage = 0
        var sawPadding = false
        let t = table
        for c in input {
            let v = t[Int(c)]
            if v == 0xFF {
                if c == ASCII.equals {
                    // Padding ends a quantum; later data (concatenated blobs) starts afresh.
                    flush(&out, quad, n)
                    if n > 0 { sawPadding = true }
                    quad = 0
                    n = 0
                } else if !ASCII.isSpace(c) {
                    garbage += 1
                }
                continue
            }
            quad = (quad << 6) | UInt32(v)
            n += 1
            if n == 4 {
                out.append(UInt8(truncatingIfNeeded: quad >> 16))
                out.append(UInt8(truncatingIfNeeded: quad >> 8))
                out.append(UInt8(truncatingIfNeeded: quad))
                quad = 0
                n = 0
            }
        }
        let truncated = n != 0
        flush(&out, quad, n)
        _ = sawPadding
        return Result(bytes: out, garbage: garbage, truncated: truncated)
    }

    @inline(__always)
    private static func flush(_ out: inout [UInt8], _ quad: UInt32, _ n: Int) {
        switch n {
        case 2:
            out.append(UInt8(truncatingIfNeeded: quad >> 4))
        case 3:
            out.append(UInt8(truncatingIfNeeded: quad >> 10))
            out.append(UInt8(truncatingIfNeeded: quad >> 2))
        default:
            break
        }
    }
}

enum ReferenceQuotedPrintable {
    struct Result {
        var bytes: [UInt8]
        /// `=` not followed by two hex digits or a line break (kept literally).
        var invalidEscapes: Int
    }

    static func decode<C: Collection>(_ input: C) -> Result where C.Element == UInt8, C.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var invalid = 0
        var i = input.startIndex
        let end = input.endIndex
        while i < end {
            let c = input[i]
            if c != ASCII.equals {
                out.append(c)
                i += 1
                continue
            }
            // RFC 2045 §6.7 rule 5: "=" at line end (optionally after transport padding) is a soft break.
            var j = i + 1
            while j < end, ASCII.isWSP(input[j]) { j += 1 }
            if j < end, input[j] == ASCII.lf {
                i = j + 1
                continue
            }
            if j + 1 < end, input[j] == ASCII.cr, input[j + 1] == ASCII.lf {
                i = j + 2
                continue
            }
            if j == end {  // "=" at the very end: a soft break before EOF
                i = end
                continue
            }
            if i + 2 < end, let h = ASCII.hexValue(input[i + 1]), let l = ASCII.hexValue(input[i + 2]) {
                out.append(h << 4 | l)
                i += 3
                continue
            }
            invalid += 1
            out.append(c)
            i += 1
        }
        return Result(bytes: out, invalidEscapes: invalid)
    }

    /// RFC 2047 §4.2: "_" is a space, "=XX" a byte.
    static func decodeWordQ(_ input: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = input.startIndex
        while i < input.endIndex {
            let c = input[i]
            if c == 0x5F {
                out.append(ASCII.space)
            } else if c == ASCII.equals, i + 2 < input.endIndex,
                      let h = ASCII.hexValue(input[i + 1]), let l = ASCII.hexValue(input[i + 2]) {
                out.append(h << 4 | l)
                i += 3
                continue
            } else {
                out.append(c)
            }
            i += 1
        }
        return out
    }
}

/// MIMEParser.scanDelimiters before the memchr-for-"-" search (commit fad7692).
enum ReferenceScan {
    /// One pass over the lines of `start..<end`, memchr for line ends.
    static func scanDelimiters(_ buf: [UInt8], start: Int, end: Int, boundary: [UInt8]) -> [MIMEParser.Delimiter] {
        var found: [MIMEParser.Delimiter] = []
        let blen = boundary.count
        buf.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            boundary.withUnsafeBufferPointer { bp in
                guard let bbase = bp.baseAddress else { return }
                var i = start
                while i < end {
                    // Line content end and next line start.
                    let lf = memchr(base + i, Int32(ASCII.lf), end - i)
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
                    if contentEnd > i, base[contentEnd - 1] == ASCII.cr { contentEnd -= 1 }
                    if contentEnd - i >= 2 + blen, base[i] == ASCII.hyphen, base[i + 1] == ASCII.hyphen,
                       memcmp(base + i + 2, bbase, blen) == 0 {
                        var j = i + 2 + blen
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
                            found.append(MIMEParser.Delimiter(lineStart: i, next: next, isClose: isClose))
                            if isClose { return }
                        }
                    }
                    i = next
                }
            }
        }
        return found
    }

}
