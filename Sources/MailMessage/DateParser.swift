// RFC 5322 §3.3 dates and the obsolete forms of §4.3 seen in real mail: 2-digit years,
// missing seconds, named zones (`MSK`, `EST`), `(MSK)` comments, `GMT+3`, `+03:00`.
// One pass over the bytes and arithmetic by hand (days from civil): no Calendar,
// DateFormatter or Foundation string searching in the hot path.

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
        let b = Array(value.utf8)
        guard b.count <= 256 else { return nil }
        // Tokens: runs outside comments separated by space, tab, comma; a zone name written
        // only in a comment ("(MSK)") is remembered.
        var tokens: [ArraySlice<UInt8>] = []
        var commentZone: Int? = nil
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x28 {
                var depth = 1
                var j = i + 1
                let start = j
                while j < b.count, depth > 0 {
                    if b[j] == 0x28 { depth += 1 } else if b[j] == 0x29 { depth -= 1 }
                    j += 1
                }
                let end = depth == 0 ? j - 1 : j
                if let z = zones[Bytes.lowerString(Bytes.trimmed(b[start..<end]))] { commentZone = z }
                i = j
                continue
            }
            if ASCII.isSpace(c) || c == 0x2C {
                i += 1
                continue
            }
            var j = i
            while j < b.count, !ASCII.isSpace(b[j]), b[j] != 0x2C, b[j] != 0x28 { j += 1 }
            tokens.append(b[i..<j])
            i = j
        }

        var day: Int? = nil, month: Int? = nil, year: Int? = nil
        var hour: Int? = nil, minute = 0, second = 0
        var offset: Int? = nil
        for tok in tokens {
            guard let first = tok.first else { continue }
            if hour == nil, tok.contains(ASCII.colon), ASCII.isDigit(first) {
                let parts = tok.split(separator: ASCII.colon, omittingEmptySubsequences: false).map(number)
                guard parts.count >= 2, let h = parts[0], let m = parts[1], h < 24, m < 60 else { return nil }
                hour = h
                minute = m
                if parts.count >= 3 {
                    guard let s = parts[2], s <= 60 else { return nil }
                    second = min(s, 59)
                }
                continue
            }
            if (first == 0x2B || first == ASCII.hyphen), offset == nil, hour != nil {
                guard let z = numericZone(tok) else { return nil }
                offset = z
                continue
            }
            if ASCII.isDigit(first) {
                guard let n = number(tok) else { continue }
                if day == nil, n >= 1, n <= 31, year == nil || month != nil { day = n } else if year == nil { year = n }
                continue
            }
            let word = Bytes.isASCII(tok) ? Bytes.lowerString(tok) : String(decoding: tok, as: UTF8.self).lowercased()
            if month == nil, let m = months[String(word.prefix(3))] {
                month = m
                continue
            }
            if offset == nil, let z = zones[word] {
                offset = z
                continue
            }
            if offset == nil, word.hasPrefix("gmt") || word.hasPrefix("utc"), word.count > 3 {
                // GMT+3, UTC+03:00
                offset = numericZone(Array(word.utf8.dropFirst(3))[...])
                continue
            }
            // Day names and unknown words (e.g. a zone name we do not know) are ignored.
        }
        guard let d = day, let mo = month, var y = year, let h = hour else { return nil }
        // RFC 5322 §4.3: two-digit years; three-digit years add 1900.
        if y < 50 { y += 2000 } else if y < 1000 { y += 1900 }
        guard (1...31).contains(d), y >= 1900, y <= 9999 else { return nil }
        let zone = offset ?? commentZone ?? 0
        let days = daysFromCivil(y, mo, d)
        let seconds = days * 86_400 + h * 3600 + minute * 60 + second - zone * 60
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func number(_ s: ArraySlice<UInt8>) -> Int? {
        guard !s.isEmpty, s.count <= 9 else { return nil }
        var v = 0
        for c in s {
            guard ASCII.isDigit(c) else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }

    /// "+0300", "-05:00", "+3" → minutes east.
    private static func numericZone(_ s: ArraySlice<UInt8>) -> Int? {
        guard let sign = s.first, sign == 0x2B || sign == ASCII.hyphen else { return nil }
        let digits = s.dropFirst().filter { $0 != ASCII.colon }
        guard !digits.isEmpty, digits.count <= 4, let v = number(digits[...]) else { return nil }
        let minutes = digits.count <= 2 ? v * 60 : (v / 100) * 60 + v % 100
        guard minutes <= 14 * 60 else { return nil }
        return sign == ASCII.hyphen ? -minutes : minutes
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
