// Quoted-printable decoding (RFC 2045 §6.7) and the RFC 2047 "Q" variant.
// Soft breaks are removed before charset decoding, so a multi-byte character split by a
// soft break (`=D0=\r\n=BF`) comes out whole.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum QuotedPrintable {
    struct Result {
        var bytes: [UInt8]
        /// `=` not followed by two hex digits or a line break (kept literally).
        var invalidEscapes: Int
    }

    static func decode<C: Collection>(_ input: C) -> Result where C.Element == UInt8, C.Index == Int {
        if let r = input.withContiguousStorageIfAvailable({ decode(buffer: $0) }) { return r }
        return Array(input).withUnsafeBufferPointer { decode(buffer: $0) }
    }

    /// Decodes on raw pointers into a buffer of the input's size (output is never longer):
    /// memchr finds each "=", the runs between are copied whole.
    static func decode(buffer input: UnsafeBufferPointer<UInt8>) -> Result {
        let end = input.count
        var invalid = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: end) { out, count in
            count = 0
            guard let src = input.baseAddress, let dst = out.baseAddress else { return }
            var o = 0
            var i = 0
            while i < end {
                // Literal run up to the next "=".
                let eq: Int
                if let p = memchr(src + i, Int32(ASCII.equals), end - i) {
                    eq = UnsafePointer<UInt8>(p.assumingMemoryBound(to: UInt8.self)) - src
                } else {
                    eq = end
                }
                if eq > i {
                    (dst + o).update(from: src + i, count: eq - i)
                    o += eq - i
                    i = eq
                    if i == end { break }
                }
                // RFC 2045 §6.7 rule 5: "=" at line end (optionally after transport padding) is a soft break.
                if i + 2 < end, let h = ASCII.hexValue(src[i + 1]), let l = ASCII.hexValue(src[i + 2]) {
                    dst[o] = h << 4 | l
                    o += 1
                    i += 3
                    continue
                }
                var j = i + 1
                while j < end, ASCII.isWSP(src[j]) { j += 1 }
                if j < end, src[j] == ASCII.lf {
                    i = j + 1
                    continue
                }
                if j + 1 < end, src[j] == ASCII.cr, src[j + 1] == ASCII.lf {
                    i = j + 2
                    continue
                }
                if j == end {  // "=" at the very end: a soft break before EOF
                    i = end
                    continue
                }
                invalid += 1
                dst[o] = ASCII.equals
                o += 1
                i += 1
            }
            count = o
        }
        return Result(bytes: bytes, invalidEscapes: invalid)
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
