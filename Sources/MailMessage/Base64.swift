// Lenient base64 (RFC 2045 §6.8): line breaks and garbage skipped, missing padding tolerated.

enum Base64 {
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
