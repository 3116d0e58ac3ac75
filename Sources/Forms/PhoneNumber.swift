// Forms: Russian phone numbers to `+7XXXXXXXXXX` (ITU-T E.164 with country code 7).
import Foundation

enum PhoneNumber {
    /// `8 (34260) 4-12-34` → `+73426041234`; `+7 912 345-67-89` → `+79123456789`.
    /// The first number of a list is taken; extensions (`доб. 12`) are dropped. Nil when
    /// no Russian number with area code can be read.
    static func normalize(_ raw: String) -> String? {
        let lower = raw.lowercased()
        for part in splitCandidates(lower) {
            var p = Substring(part)
            for ext in ["доб", "ext", "вн.", "внутр"] {
                if let r = p.range(of: ext) { p = p[..<r.lowerBound] }
            }
            let trimmed = p.trimmingCharacters(in: .whitespaces)
            let digits = trimmed.filter(\.isASCIIDigitCharacter)
            guard !digits.isEmpty else { continue }
            if trimmed.hasPrefix("+"), !trimmed.dropFirst().trimmingCharacters(in: .whitespaces).hasPrefix("7") { continue }
            if digits.count == 11, digits.first == "7" || digits.first == "8" {
                return "+7" + digits.dropFirst()
            }
            if digits.count == 10 { return "+7" + digits }
        }
        return nil
    }

    private static func splitCandidates(_ s: String) -> [String] {
        var parts: [String] = []
        var current = ""
        let words = s.replacingOccurrences(of: " или ", with: ";").replacingOccurrences(of: "\n", with: ";")
        for c in words {
            if c == "," || c == ";" {
                parts.append(current)
                current = ""
            } else { current.append(c) }
        }
        parts.append(current)
        return parts
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
