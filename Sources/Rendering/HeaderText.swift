/// Cleaning text that came from a sender before it lands in a mail we write.
public enum HeaderText {
    /// One header line: CR, LF, NUL and every other control character become a space,
    /// runs of white space collapse, ends are trimmed. A form value like "Название\r\nBcc: x"
    /// can then never start a header of its own (RFC 5322 §2.2: header fields are lines).
    public static func singleLine(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
                || scalar == "\u{2028}" || scalar == "\u{2029}"
            if isSpace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Body text: NUL and other C0 controls except TAB and LF removed, CRLF and bare CR as LF
    /// (the generator writes CRLF on the wire, RFC 5322 §2.3).
    public static func normalisedBody(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "\r": out.append("\n")
            case "\n": if !previousCR { out.append("\n") }
            case "\t": out.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }
}
