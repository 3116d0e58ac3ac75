// Forms: small text normalisers (titles, INN).
import Foundation

enum TextValues {
    /// `«Школа волонтёра»` → `Школа волонтёра`: one pair of surrounding quotes removed.
    static func title(_ raw: String) -> String {
        let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        for (open, close) in ProgramChoiceParsing.quotePairs {
            if t.count >= 2, t.first == open, t.last == close {
                return String(t.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
            }
        }
        return t
    }

    /// `5902 123456`, `ИНН/КПП: 5902123456 / 590201001` → `5902123456`; nil unless 10 or 12 digits.
    static func inn(_ raw: String) -> String? {
        var digits = ""
        var started = false
        for c in raw {
            if c.isASCIIDigitCharacter {
                digits.append(c)
                started = true
            } else if c == " " || c == "-" || c == "\u{A0}" {
                continue
            } else if started {
                break
            }
        }
        return digits.count == 10 || digits.count == 12 ? digits : nil
    }

    /// One line of text: inner runs of whitespace collapsed.
    static func singleLine(_ raw: String) -> String {
        raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
