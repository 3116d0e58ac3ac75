// Forms: numbers written with digits, Russian words or units (`10 человек`, `около 120 км`,
// `85,5`, `два`, `№ 017`, `8/10`, `9 из 10`, `7 баллов`).
import Foundation

enum NumberParsing {
    static let words: [String: Int] = [
        "ноль": 0, "один": 1, "одна": 1, "одно": 1, "одного": 1, "одной": 1, "два": 2, "две": 2, "двух": 2,
        "три": 3, "трех": 3, "четыре": 4, "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6,
        "семь": 7, "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10,
        "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
        "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20,
        "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80,
        "девяносто": 90, "сто": 100,
    ]

    /// The first number written in the text, with a decimal comma or point; words when no digits.
    /// `isWhole` is false when a fractional part was written.
    static func firstNumber(_ raw: String) -> (value: Double, isWhole: Bool)? {
        let s = raw.lowercased().replacingOccurrences(of: "ё", with: "е")
        var chars = Array(s.prefix(2000))
        var i = 0
        while i < chars.count {
            if chars[i].isASCIIDigitCharacter {
                var j = i
                var intPart = ""
                while j < chars.count, chars[j].isASCIIDigitCharacter, intPart.count < 12 { intPart.append(chars[j]); j += 1 }
                // "1 200" is not expected in these fields; a decimal separator followed by digits is.
                if j + 1 < chars.count, chars[j] == "," || chars[j] == ".", chars[j + 1].isASCIIDigitCharacter {
                    var frac = ""
                    var k = j + 1
                    while k < chars.count, chars[k].isASCIIDigitCharacter, frac.count < 6 { frac.append(chars[k]); k += 1 }
                    // "15.09.2023" is a date, not a number.
                    if k < chars.count, chars[k] == "." || chars[k] == ",", k + 1 < chars.count, chars[k + 1].isASCIIDigitCharacter {
                        return (Double(intPart) ?? 0, true)
                    }
                    if let v = Double(intPart + "." + frac) { return (v, frac.allSatisfy { $0 == "0" }) }
                }
                return (Double(intPart) ?? 0, true)
            }
            i += 1
        }
        chars = []
        // Words: "двадцать пять", "два".
        var total: Int?
        for w in s.split(whereSeparator: { !$0.isLetter }) {
            if let v = words[String(w)] {
                if let t = total, t % 10 == 0, t >= 20, v < 10 { total = t + v } else if total == nil { total = v } else { break }
            } else if total != nil { break }
        }
        return total.map { (Double($0), true) }
    }

    /// A whole number: `10 человек` → 10, `2 (два)` → 2. Nil for `85,5` or no number.
    static func integer(_ raw: String) -> Int? {
        guard let n = firstNumber(raw), n.isWhole, n.value < 1e9 else { return nil }
        return Int(n.value)
    }

    /// `около 120 км` → 120, `85,5` → 85.5.
    static func decimal(_ raw: String) -> Double? { firstNumber(raw)?.value }

    /// `№ 017`, `заявка № 5`, `П-017`: the number after `№` when present, else the first.
    static func applicationNumber(_ raw: String) -> Int? {
        if let r = raw.range(of: "№") ?? raw.range(of: "N ") ?? raw.range(of: "#") {
            return integer(String(raw[r.upperBound...]))
        }
        return integer(raw)
    }

    /// `8/10`, `7 баллов`, `9 из 10`, `восемь` within `range`; nil outside it.
    static func score(_ raw: String, in range: ClosedRange<Int>) -> Int? {
        guard let n = firstNumber(raw), n.isWhole, n.value < 1e6 else { return nil }
        let v = Int(n.value)
        return range.contains(v) ? v : nil
    }
}
