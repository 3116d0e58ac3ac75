// The charset of an HTML part that declares none in Content-Type: <meta charset=…> or
// <meta http-equiv=Content-Type content="text/html; charset=…"> in the first 2 KB.

enum HTMLCharsetSniffer {
    static func sniff(_ body: [UInt8]) -> String? {
        let head = Bytes.lowerString(body.prefix(2048))
        guard let r = head.range(of: "charset=") else { return nil }
        var label = ""
        for ch in head[r.upperBound...] {
            if ch == "\"" || ch == "'" {
                if label.isEmpty { continue }
                break
            }
            if ch.isLetter || ch.isNumber || ch == "-" || ch == "_" || ch == ":" || ch == "." {
                label.append(ch)
            } else {
                break
            }
        }
        return label.isEmpty ? nil : label
    }
}
