// Base64 encoding for bodies and RFC 2047 "B" words.

extension Encoders {
    private static let base64Alphabet: [UInt8] =
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Base64 without line breaks (RFC 4648 §4), for RFC 2047 encoded words.
    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        appendBase64(bytes[...], to: &out)
        return out
    }

    /// Base64 body in lines of at most 76 characters, each ended by CRLF (RFC 2045 §6.8).
    /// Empty input gives empty output.
    static func base64Lines(_ bytes: [UInt8]) -> [UInt8] {
        let bytesPerLine = maxBodyLineLength / 4 * 3  // 57 bytes → 76 characters
        var out: [UInt8] = []
        out.reserveCapacity(base64LinesCount(bytes.count))
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = min(start + bytesPerLine, bytes.endIndex)
            appendBase64(bytes[start..<end], to: &out)
            out.append(13)
            out.append(10)
            start = end
        }
        return out
    }

    /// The size `base64Lines` produces for `count` input bytes, without encoding.
    static func base64LinesCount(_ count: Int) -> Int {
        let chars = (count + 2) / 3 * 4
        let lines = (chars + maxBodyLineLength - 1) / maxBodyLineLength
        return chars + 2 * lines
    }

    private static func appendBase64(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i + 3 <= end {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out.append(base64Alphabet[Int(n >> 18 & 63)])
            out.append(base64Alphabet[Int(n >> 12 & 63)])
            out.append(base64Alphabet[Int(n >> 6 & 63)])
            out.append(base64Alphabet[Int(n & 63)])
            i += 3
        }
        let rest = end - i
        if rest == 1 {
            let n = UInt32(bytes[i]) << 16
            out.append(base64Alphabet[Int(n >> 18 & 63)])
            out.append(base64Alphabet[Int(n >> 12 & 63)])
            out.append(61)  // "="
            out.append(61)
        } else if rest == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out.append(base64Alphabet[Int(n >> 18 & 63)])
            out.append(base64Alphabet[Int(n >> 12 & 63)])
            out.append(base64Alphabet[Int(n >> 6 & 63)])
            out.append(61)
        }
    }
}
