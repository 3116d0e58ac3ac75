// UID sets on the wire (RFC 3501 §9 sequence-set): sorted, runs collapsed to "a:b".

enum IMAPSequenceSet {
    /// `[5, 1, 2, 3, 9]` → `"1:3,5,9"`. Duplicates are dropped; empty input gives "".
    static func format(_ uids: [UInt32]) -> String {
        let sorted = Array(Set(uids)).sorted()
        var parts: [String] = []
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(i == j ? "\(sorted[i])" : "\(sorted[i]):\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }

    /// Splits UIDs into chunks so one command line stays short (RFC 7162 §4 suggests ≤ 8 KiB).
    static func chunks(_ uids: [UInt32], size: Int = 500) -> [[UInt32]] {
        let sorted = Array(Set(uids)).sorted()
        return stride(from: 0, to: sorted.count, by: size).map { Array(sorted[$0..<min($0 + size, sorted.count)]) }
    }
}

/// Percent-encoding for the mailbox part of an IMAP URL (RFC 5092 §6) and for custom
/// commands, which libcurl URL-decodes before sending.
enum IMAPURLText {
    static func encodePath(_ mailbox: String) -> String {
        var out = ""
        for byte in ModifiedUTF7.encode(mailbox).utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII, c.isLetter || c.isNumber || c == "-" || c == "." || c == "_" || c == "~" {
                out.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// libcurl URL-decodes CURLOPT_CUSTOMREQUEST for IMAP: a literal "%" must be sent as "%25".
    static func escapeCommand(_ command: String) -> String {
        command.replacingPercent()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
    fileprivate func replacingPercent() -> String {
        var out = ""
        for c in self { out += c == "%" ? "%25" : String(c) }
        return out
    }
}
