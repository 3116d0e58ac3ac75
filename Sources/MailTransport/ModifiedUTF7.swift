// Mailbox names on the wire are modified UTF-7 (RFC 3501 §5.1.3): printable ASCII as is,
// "&" as "&-", everything else as UTF-16 in modified base64 ("," for "/") between "&" and "-".

enum ModifiedUTF7 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    static func encode(_ name: String) -> String {
        var out = ""
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            var bytes: [UInt8] = []
            for u in pending { bytes.append(UInt8(u >> 8)); bytes.append(UInt8(u & 0xFF)) }
            out.append("&")
            var i = 0
            while i < bytes.count {
                let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
                let n = min(3, bytes.count - i)
                let chars = [b0 >> 2, ((b0 & 0x03) << 4) | (b1 >> 4), ((b1 & 0x0F) << 2) | (b2 >> 6), b2 & 0x3F]
                for k in 0..<(n + 1) { out.unicodeScalars.append(Unicode.Scalar(alphabet[Int(chars[k])])) }
                i += 3
            }
            out.append("-")
            pending = []
        }
        for scalar in name.unicodeScalars {
            if scalar.value >= 0x20, scalar.value <= 0x7E {
                flush()
                out.append(scalar == "&" ? "&-" : String(scalar))
            } else {
                pending.append(contentsOf: Array(String(scalar).utf16))
            }
        }
        flush()
        return out
    }

    /// Nil when the text is not valid modified UTF-7.
    static func decode(_ text: String) -> String? {
        var out: [UInt16] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard b == UInt8(ascii: "&") else {
                guard b >= 0x20, b <= 0x7E else { return nil }
                out.append(UInt16(b))
                i += 1
                continue
            }
            guard let end = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: "-")) else { return nil }
            if end == i + 1 {
                out.append(UInt16(UInt8(ascii: "&")))
            } else {
                var bits: UInt32 = 0
                var count = 0
                var decoded: [UInt8] = []
                for c in bytes[(i + 1)..<end] {
                    guard let v = alphabet.firstIndex(of: c) else { return nil }
                    bits = (bits << 6) | UInt32(v)
                    count += 6
                    if count >= 8 {
                        count -= 8
                        decoded.append(UInt8((bits >> UInt32(count)) & 0xFF))
                    }
                }
                guard decoded.count % 2 == 0 else { return nil }
                for k in stride(from: 0, to: decoded.count, by: 2) {
                    out.append(UInt16(decoded[k]) << 8 | UInt16(decoded[k + 1]))
                }
            }
            i = end + 1
        }
        return String(decoding: out, as: UTF16.self)
    }

    /// The name as an IMAP quoted string (RFC 3501 §4.3), already in modified UTF-7.
    static func quoted(_ name: String) -> String {
        var out = "\""
        for c in encode(name) {
            if c == "\"" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out + "\""
    }
}
