// Forms: dates and Russian date ranges to ISO `YYYY-MM-DD` lists (ISO 8601 calendar dates).
import Foundation

enum DateList {
    private struct Atom {
        var day: Int
        var month: Int?
        var year: Int?
        var rangeFromPrevious: Bool
    }

    private enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case dot, dash, slash, colon, comma
    }

    /// Longest range expanded into days; longer spans are a typo, not an internship.
    static let maximumRangeDays = 31

    /// `29-30 сентября 2023`, `22 и 23 сентября 2023 г.`, `15.09.2023 – 16.09.2023`,
    /// `2023-09-15`, `29 сентября – 1 октября 2023` → ISO days in order, ranges expanded.
    /// `defaultYear` fills a missing year. Nil when no date can be read or one is impossible.
    static func parse(_ raw: String, defaultYear: Int? = nil) -> [String]? {
        let tokens = tokenize(raw.lowercased())
        var atoms: [Atom] = []
        var pendingRange = false
        var i = 0
        func applyMonth(_ m: Int) {
            var k = atoms.count - 1
            while k >= 0, atoms[k].month == nil { atoms[k].month = m; k -= 1 }
        }
        func applyYear(_ y: Int) {
            var k = atoms.count - 1
            while k >= 0, atoms[k].year == nil { atoms[k].year = y; k -= 1 }
        }
        func num(_ at: Int) -> (Int, Int)? {
            if at < tokens.count, case .number(let v, let d) = tokens[at] { return (v, d) }
            return nil
        }
        func year(_ v: Int, _ digits: Int) -> Int { digits == 2 ? 2000 + v : v }
        while i < tokens.count {
            switch tokens[i] {
            case .number(let v, let digits):
                // Times ("10:00") are not dates.
                if i + 1 < tokens.count, tokens[i + 1] == .colon, num(i + 2) != nil {
                    i += 3
                    pendingRange = false
                    continue
                }
                // ISO 2023-09-15.
                if digits == 4, i + 4 < tokens.count, tokens[i + 1] == .dash, let m = num(i + 2), tokens[i + 3] == .dash,
                   let d = num(i + 4) {
                    applyYear(v)
                    applyMonth(m.0)
                    atoms.append(Atom(day: d.0, month: m.0, year: v, rangeFromPrevious: pendingRange))
                    pendingRange = false
                    i += 5
                    continue
                }
                // 15.09.2023, 15/09/23, 15.09
                if i + 2 < tokens.count, tokens[i + 1] == .dot || tokens[i + 1] == .slash, let m = num(i + 2), m.1 <= 2 {
                    var atom = Atom(day: v, month: m.0, year: nil, rangeFromPrevious: pendingRange)
                    i += 3
                    if i + 1 < tokens.count, tokens[i] == .dot || tokens[i] == .slash, let y = num(i + 1), y.1 == 2 || y.1 == 4 {
                        atom.year = year(y.0, y.1)
                        i += 2
                    }
                    pendingRange = false
                    if let y = atom.year { applyYear(y) }
                    if let m = atom.month { applyMonth(m) }
                    atoms.append(atom)
                    continue
                }
                if digits == 4 {
                    applyYear(v)
                    i += 1
                    continue
                }
                if digits <= 2 {
                    atoms.append(Atom(day: v, month: nil, year: nil, rangeFromPrevious: pendingRange))
                    pendingRange = false
                    i += 1
                    if i < tokens.count, case .word(let w) = tokens[i], let m = month(w) {
                        applyMonth(m)
                        i += 1
                    }
                    continue
                }
                return nil
            case .word(let w):
                if let m = month(w) { applyMonth(m) } else if w == "по" || w == "до" { pendingRange = true }
                i += 1
            case .dash:
                if !atoms.isEmpty { pendingRange = true }
                i += 1
            default:
                i += 1
            }
        }
        guard !atoms.isEmpty else { return nil }
        var days: [Day] = []
        for atom in atoms {
            guard let m = atom.month, let y = atom.year ?? defaultYear,
                  let day = Day(year: y, month: m, day: atom.day) else { return nil }
            if atom.rangeFromPrevious, let start = days.last {
                var d = start
                var steps = 0
                while d < day {
                    d = d.next()
                    steps += 1
                    guard steps <= maximumRangeDays else { return nil }
                    days.append(d)
                }
                if d != day { return nil }
            } else {
                days.append(day)
            }
        }
        var seen: Set<Day> = []
        return days.filter { seen.insert($0).inserted }.map(\.iso)
    }

    static func month(_ word: String) -> Int? {
        let table: [(String, Int)] = [
            ("янв", 1), ("фев", 2), ("мар", 3), ("апр", 4), ("мая", 5), ("май", 5), ("июн", 6), ("июл", 7),
            ("авг", 8), ("сен", 9), ("окт", 10), ("ноя", 11), ("дек", 12),
        ]
        return table.first { word.hasPrefix($0.0) }?.1
    }

    private static func tokenize(_ s: String) -> [Token] {
        var tokens: [Token] = []
        var digits = ""
        var word = ""
        func flush() {
            if !digits.isEmpty {
                tokens.append(.number(Int(digits.prefix(9)) ?? 0, digits: digits.count))
                digits = ""
            }
            if !word.isEmpty {
                tokens.append(.word(word))
                word = ""
            }
        }
        for c in s {
            if c.isASCIIDigitCharacter {
                if !word.isEmpty { flush() }
                digits.append(c)
            } else if c.isLetter {
                if !digits.isEmpty { flush() }
                word.append(c)
            } else {
                flush()
                switch c {
                case ".": tokens.append(.dot)
                case "-", "–", "—", "−": tokens.append(.dash)
                case "/": tokens.append(.slash)
                case ":": tokens.append(.colon)
                case ",", ";": tokens.append(.comma)
                default: break
                }
            }
            if tokens.count > 10_000 { break }
        }
        flush()
        return tokens
    }
}

