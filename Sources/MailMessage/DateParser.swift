// RFC 5322 §3.3 dates and the obsolete forms of §4.3 seen in real mail: 2-digit years,
// missing seconds, named zones (`MSK`, `EST`), `(MSK)` comments, `GMT+3`, `+03:00`.
// Arithmetic by hand (days from civil), so no Calendar or DateFormatter in the hot path.

import Foundation

enum DateParser {
    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
        "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
        // Russian abbreviations from misconfigured clients.
        "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6,
        "июл": 7, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
    ]

    /// Zone names to minutes east of UTC (RFC 5322 §4.3 plus Russian zones).
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0,
        "est": -300, "edt": -240, "cst": -360, "cdt": -300,
        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
        "msk": 180, "msd": 240, "yekt": 300, "yekst": 360, "samt": 240, "omst": 360,
        "novt": 420, "krat": 420, "irkt": 480, "vlat": 600, "cet": 60, "cest": 120,
        "eet": 120, "eest": 180, "bst": 60,
    ]

    /// Parses a Date header value; nil when it cannot be understood.
    static func parse(_ value: String) -> Date? {
        // Strip comments, e.g. "(MSK)", but remember a zone name written only there.
        var text = ""
        var commentZone: Int? = nil
        var depth = 0
        var comment = ""
        for ch in value {
            if ch == "(" {
                depth += 1
                if depth == 1 { comment = "" }
                continue
            }
            if ch == ")" && depth > 0 {
                depth -= 1
                if depth == 0, let z = zones[comment.trimming(chars: " ").lowercased()] { commentZone = z }
                text.append(" ")
                continue
            }
            if depth > 0 { comment.append(ch) } else { text.append(ch) }
        }
        let tokens = text.replacingOccurrences(of: ",", with: " ")
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
            .map(String.init)
        var day: Int? = nil, month: Int? = nil, year: Int? = nil
        var hour: Int? = nil, minute = 0, second = 0
        var offset: Int? = nil
        var numbers: [Int] = []
        for tok in tokens {
            let lower = tok.lowercased()
            if tok.contains(":") && hour == nil {
                let parts = tok.split(separator: ":").map { Int($0) }
                guard parts.count >= 2, let h = parts[0], let m = parts[1], h < 24, m < 60 else { return nil }
                hour = h
                minute = m
                if parts.count >= 3 {
                    guard let s = parts[2], s <= 60 else { return nil }
                    second = min(s, 59)
                }
                continue
            }
            if (tok.hasPrefix("+") || tok.hasPrefix("-")) && offset == nil && hour != nil {
                offset = numericZone(tok)
                if offset == nil { return nil }
                continue
            }
            if let m = months[String(lower.prefix(3))], month == nil, lower.first?.isLetter == true {
                month = m
                continue
            }
            if offset == nil, let z = zones[lower] {
                offset = z
                continue
            }
            if offset == nil, lower.hasPrefix("gmt") || lower.hasPrefix("utc"), lower.count > 3 {
                // GMT+3, UTC+03:00
                offset = numericZone(String(lower.dropFirst(3)))
                continue
            }
            if let n = Int(tok) {
                numbers.append(n)
                continue
            }
            // Day names and unknown words (e.g. a zone name we do not know) are ignored.
        }
        // day and year from the bare numbers: day first (RFC order), year second.
        for n in numbers {
            if day == nil, tokensLookDayFirst(n, month: month) { day = n } else if year == nil { year = n }
        }
        guard let d = day, let mo = month, var y = year, let h = hour else { return nil }
        // RFC 5322 §4.3: two-digit years; three-digit years add 1900.
        if y < 50 { y += 2000 } else if y < 100 { y += 1900 } else if y < 1000 { y += 1900 }
        guard (1...31).contains(d), y >= 1900, y <= 9999 else { return nil }
        let zone = offset ?? commentZone ?? 0
        let days = daysFromCivil(y, mo, d)
        let seconds = days * 86_400 + h * 3600 + minute * 60 + second - zone * 60
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func tokensLookDayFirst(_ n: Int, month: Int?) -> Bool { n >= 1 && n <= 31 }

    /// "+0300", "-05:00", "+3" → minutes east.
    private static func numericZone(_ s: String) -> Int? {
        guard let sign = s.first, sign == "+" || sign == "-" else { return nil }
        let digits = s.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.count <= 4, let v = Int(digits) else { return nil }
        let minutes: Int
        if digits.count <= 2 { minutes = v * 60 } else { minutes = (v / 100) * 60 + v % 100 }
        guard minutes <= 14 * 60 else { return nil }
        return sign == "-" ? -minutes : minutes
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
