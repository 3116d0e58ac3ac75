// Quoted-printable body encoding (RFC 2045 §6.7), made safe for SMTP and mbox.

extension Encoders {
    /// Encodes text whose line breaks are already CRLF into quoted-printable.
    ///
    /// * Every encoded line is at most 76 characters (RFC 2045 §6.7 rule 5); soft breaks
    ///   (`=` CRLF) never split an `=XX` triplet.
    /// * SP/TAB at the end of a line are encoded (rule 3), so no MTA can strip them.
    /// * A `.` at the start of any encoded line becomes `=2E`: the output never has a line
    ///   starting with a dot, so it is safe even without SMTP dot-stuffing (RFC 5321 §4.5.2).
    /// * `From ` at the start of an encoded line becomes `=46rom `, so mbox writers do not
    ///   mangle it into `>From `.
    /// * A bare CR or LF (not part of CRLF) is encoded as `=0D`/`=0A`.
    /// The output ends with CRLF exactly when the input does.
    static func quotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8 + 16)
        var lineStart = bytes.startIndex
        var i = bytes.startIndex
        while i <= bytes.endIndex {
            let atEnd = i == bytes.endIndex
            let isBreak = !atEnd && bytes[i] == 13 && i + 1 < bytes.endIndex && bytes[i + 1] == 10
            if atEnd || isBreak {
                encodeQPLine(bytes[lineStart..<i], to: &out)
                if isBreak {
                    out.append(13)
                    out.append(10)
                    i += 2
                    lineStart = i
                    continue
                }
                break
            }
            i += 1
        }
        return out
    }

    private static func encodeQPLine(_ line: ArraySlice<UInt8>, to out: inout [UInt8]) {
        var column = 0
        var token: [UInt8] = []
        token.reserveCapacity(3)
        var i = line.startIndex
        while i < line.endIndex {
            let isLast = i == line.endIndex - 1
            qpToken(line, at: i, atLineStart: column == 0, isLast: isLast, into: &token)
            // A soft break costs one "=", so only the last token may reach column 76.
            let limit = isLast ? maxBodyLineLength : maxBodyLineLength - 1
            if column + token.count > limit {
                out.append(61)
                out.append(13)
                out.append(10)
                column = 0
                qpToken(line, at: i, atLineStart: true, isLast: isLast, into: &token)
            }
            out.append(contentsOf: token)
            column += token.count
            i += 1
        }
    }

    private static func qpToken(
        _ line: ArraySlice<UInt8>, at i: Int, atLineStart: Bool, isLast: Bool,
        into token: inout [UInt8]
    ) {
        token.removeAll(keepingCapacity: true)
        let b = line[i]
        var literal: Bool
        switch b {
        case 32, 9: literal = !isLast  // RFC 2045 §6.7 rule 3
        case 61: literal = false  // "=" itself
        case 33...126: literal = true
        default: literal = false
        }
        if literal && atLineStart {
            if b == 46 {  // "."
                literal = false
            } else if b == 70, startsWithFromSpace(line, at: i) {
                literal = false
            }
        }
        if literal {
            token.append(b)
        } else {
            token.append(61)
            token.append(hexDigits[Int(b >> 4)])
            token.append(hexDigits[Int(b & 15)])
        }
    }

    private static func startsWithFromSpace(_ line: ArraySlice<UInt8>, at i: Int) -> Bool {
        let from: [UInt8] = [70, 114, 111, 109, 32]  // "From "
        guard line.endIndex - i >= from.count else { return false }
        return line[i..<(i + from.count)].elementsEqual(from)
    }

}
