// Text that goes into libcurl IMAP URLs and custom commands.

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
