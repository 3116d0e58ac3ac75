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
