// Quoted-printable decoding (RFC 2045 §6.7) and the RFC 2047 "Q" variant.
// Soft breaks are removed before charset decoding, so a multi-byte character split by a
// soft break (`=D0=\r\n=BF`) comes out whole.

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

    /// Hex digit value per byte, 0xFF for other bytes.
    private static let hex: [UInt8] = (0..<256).map { ASCII.hexValue(UInt8($0)) ?? 0xFF }

    /// Decodes on raw pointers into a buffer of the input's size (output is never longer);
    /// hex digits by table. (Outlook's windows-1251 QP escapes nearly every byte, so a
    /// plain loop beats memchr per "=".)
    static func decode(buffer input: UnsafeBufferPointer<UInt8>) -> Result {
        let end = input.count
        var invalid = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: end) { out, count in
            count = 0
            guard let src = input.baseAddress, let dst = out.baseAddress else { return }
            hex.withUnsafeBufferPointer { hb in
                guard let h = hb.baseAddress else { return }
                var o = 0
                var i = 0
                while i < end {
                    let c = src[i]
                    if c != ASCII.equals {
                        dst[o] = c
                        o += 1
                        i += 1
                        continue
                    }
                    if i + 2 < end {
                        let hi = h[Int(src[i + 1])], lo = h[Int(src[i + 2])]
                        if (hi | lo) & 0xF0 == 0 {
                            dst[o] = hi << 4 | lo
                            o += 1
                            i += 3
                            continue
                        }
                    }
                    // RFC 2045 §6.7 rule 5: "=" at line end (optionally after transport padding)
                    // is a soft break.
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
