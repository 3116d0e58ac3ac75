// Lenient base64 (RFC 2045 §6.8): line breaks and garbage skipped, missing padding tolerated.
// Decodes on raw pointers into a buffer sized up front: eight (then four) alphabet characters
// at a time on the common path (76-character lines) through pre-shifted tables, byte by
// byte only around line breaks, padding and garbage.

enum Base64 {
    struct Result {
        var bytes: [UInt8]
        /// Characters outside the alphabet other than whitespace (RFC 2045 §6.8 says ignore them,
        /// but they usually mean damage).
        var garbage: Int
        /// The data ended inside a 4-character quantum without padding.
        var truncated: Bool
    }

    /// 6-bit value per byte, 0xFF outside the alphabet.
    private static let table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = UInt8(i) }
        // URL-safe variants seen from some webmail encoders.
        t[Int(UInt8(ascii: "-"))] = 62
        t[Int(UInt8(ascii: "_"))] = 63
        return t
    }()

    /// The same values pre-shifted for each position of a quantum (four tables of 256,
    /// at 0, 256, 512, 768): a quantum is four lookups ORed; 0xFF00_0000 marks a byte
    /// outside the alphabet in every table.
    private static let shifted: [UInt32] = {
        var t = [UInt32](repeating: 0xFF00_0000, count: 1024)
        for c in 0..<256 where table[c] != 0xFF {
            let v = UInt32(table[c])
            t[c] = v << 18
            t[256 + c] = v << 12
            t[512 + c] = v << 6
            t[768 + c] = v
        }
        return t
    }()

    static func decode<C: Collection>(_ input: C) -> Result where C.Element == UInt8 {
        if let r = input.withContiguousStorageIfAvailable({ decode(buffer: $0) }) { return r }
        return Array(input).withUnsafeBufferPointer { decode(buffer: $0) }
    }

    static func decode(buffer input: UnsafeBufferPointer<UInt8>) -> Result {
        let n = input.count
        var garbage = 0
        var truncated = false
        // Every 4 alphabet characters give at most 3 bytes; a flushed partial quantum fewer.
        // Plus slack for the 8-byte stores of the two-quanta loop.
        let bytes = [UInt8](unsafeUninitializedCapacity: n / 4 * 3 + 8) { out, count in
            count = 0
            guard let src = input.baseAddress, let dst = out.baseAddress else { return }
            table.withUnsafeBufferPointer { tb in
                shifted.withUnsafeBufferPointer { sb in
                    guard let t = tb.baseAddress, let q = sb.baseAddress else { return }
                    let r = decode(src, n, into: dst, t, q)
                    count = r.count
                    garbage = r.garbage
                    truncated = r.truncated
                }
            }
        }
        return Result(bytes: bytes, garbage: garbage, truncated: truncated)
    }

    /// The decoding loop: `t` the 6-bit table, `q` the shifted tables.
    @inline(__always)
    private static func decode(_ src: UnsafePointer<UInt8>, _ n: Int, into dst: UnsafeMutablePointer<UInt8>,
                               _ t: UnsafePointer<UInt8>, _ q: UnsafePointer<UInt32>)
        -> (count: Int, garbage: Int, truncated: Bool) {
        var garbage = 0
        var o = 0
        var quad: UInt32 = 0
        var k = 0
        var i = 0
        while i < n {
            if k == 0 {
                // Two quanta at a time: eight alphabet characters, six bytes stored as one
                // 8-byte word (the buffer has the slack).
                while i + 8 <= n {
                    let v1 = q[Int(src[i])] | q[256 + Int(src[i + 1])]
                        | q[512 + Int(src[i + 2])] | q[768 + Int(src[i + 3])]
                    let v2 = q[Int(src[i + 4])] | q[256 + Int(src[i + 5])]
                        | q[512 + Int(src[i + 6])] | q[768 + Int(src[i + 7])]
                    if (v1 | v2) & 0xFF00_0000 != 0 { break }
                    let w = UInt64(v1) << 40 | UInt64(v2) << 16
                    UnsafeMutableRawPointer(dst + o).storeBytes(of: w.bigEndian, as: UInt64.self)
                    o += 6
                    i += 8
                }
                // Whole quanta of four alphabet characters.
                while i + 4 <= n {
                    let v = q[Int(src[i])] | q[256 + Int(src[i + 1])]
                        | q[512 + Int(src[i + 2])] | q[768 + Int(src[i + 3])]
                    if v & 0xFF00_0000 != 0 { break }
                    dst[o] = UInt8(truncatingIfNeeded: v >> 16)
                    dst[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                    dst[o + 2] = UInt8(truncatingIfNeeded: v)
                    o += 3
                    i += 4
                }
                if i >= n { break }
            }
            let c = src[i]
            i += 1
            let v = t[Int(c)]
            if v == 0xFF {
                if c == ASCII.equals {
                    // Padding ends a quantum; later data (concatenated blobs) starts afresh.
                    o = flush(dst, o, quad, k)
                    quad = 0
                    k = 0
                } else if !ASCII.isSpace(c) {
                    garbage += 1
                }
                continue
            }
            quad = (quad << 6) | UInt32(v)
            k += 1
            if k == 4 {
                dst[o] = UInt8(truncatingIfNeeded: quad >> 16)
                dst[o + 1] = UInt8(truncatingIfNeeded: quad >> 8)
                dst[o + 2] = UInt8(truncatingIfNeeded: quad)
                o += 3
                quad = 0
                k = 0
            }
        }
        return (flush(dst, o, quad, k), garbage, k != 0)
    }

    /// Writes the bytes of a partial quantum of `k` characters at `o`; returns the new end.
    @inline(__always)
    private static func flush(_ dst: UnsafeMutablePointer<UInt8>, _ o: Int, _ quad: UInt32, _ k: Int) -> Int {
        switch k {
        case 2:
            dst[o] = UInt8(truncatingIfNeeded: quad >> 4)
            return o + 1
        case 3:
            dst[o] = UInt8(truncatingIfNeeded: quad >> 10)
            dst[o + 1] = UInt8(truncatingIfNeeded: quad >> 2)
            return o + 2
        default:
            return o
        }
    }
}
