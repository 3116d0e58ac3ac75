// Forms: a participant's programme choices (`1. №2 «Инклюзивный туризм»`, `5, 12`, titles),
// matched against the catalogue of winning programmes when one is given.
import Foundation

enum ProgramChoiceParsing {
    struct Outcome: Sendable {
        var choices: [ProgramChoice]
        /// Items that name no programme of the catalogue (or nothing readable).
        var unknown: [String]
    }

    static let quotePairs: [(Character, Character)] = [("«", "»"), ("“", "”"), ("„", "“"), ("\"", "\""), ("'", "'")]

    static func parse(_ raw: String, catalogue: [Int: String]) -> Outcome {
        var out = Outcome(choices: [], unknown: [])
        for item in items(raw) {
            guard var choice = choice(item) else { out.unknown.append(item); continue }
            if !catalogue.isEmpty {
                if let n = choice.number {
                    guard let title = catalogue[n] else { out.unknown.append(item); continue }
                    choice.title = title
                } else if let t = choice.title, let match = bestTitleMatch(t, catalogue: catalogue) {
                    choice = ProgramChoice(number: match, title: catalogue[match])
                } else {
                    out.unknown.append(item)
                    continue
                }
            }
            if !out.choices.contains(choice) { out.choices.append(choice) }
        }
        return out
    }

    static func items(_ raw: String) -> [String] {
        var result: [String] = []
        for line in raw.split(whereSeparator: \.isNewline) {
            for piece in splitOutsideQuotes(String(line), at: ";") {
                let parts = splitOutsideQuotes(piece, at: ",")
                // Commas split only lists of numbers or quoted titles; a bare title may hold a comma.
                let listLike = parts.allSatisfy { p in p.contains(where: \.isASCIIDigitCharacter) || quotePairs.contains { p.contains($0.0) } }
                for p in (listLike ? parts : [piece]) {
                    let t = p.trimmingCharacters(in: .whitespaces)
                    if !t.isEmpty { result.append(t) }
                }
            }
        }
        return result
    }

    private static func splitOutsideQuotes(_ s: String, at separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var inGuillemets = 0
        var inStraight = false
        for c in s {
            if c == "«" || c == "“" { inGuillemets += 1 }
            if c == "»" || c == "”" { inGuillemets = max(0, inGuillemets - 1) }
            if c == "\"" { inStraight.toggle() }
            if c == separator && inGuillemets == 0 && !inStraight {
                parts.append(current)
                current = ""
            } else { current.append(c) }
        }
        parts.append(current)
        return parts
    }

    /// One item: `№2 «Инклюзивный туризм»`, `1. №2 …`, `5`, `Инклюзивный туризм`.
    static func choice(_ item: String) -> ProgramChoice? {
        var s = Substring(item.trimmingCharacters(in: .whitespaces))
        // Priority numbering "1." / "1)" before the programme itself.
        let lead = s.prefix(while: \.isASCIIDigitCharacter)
        if !lead.isEmpty, lead.count <= 2 {
            let after = s.dropFirst(lead.count)
            if let f = after.first, f == "." || f == ")",
               !after.dropFirst().trimmingCharacters(in: .whitespaces).isEmpty {
                s = after.dropFirst().drop(while: { $0 == " " })
            }
        }
        var number: Int?
        var titleSource = s
        if let r = s.range(of: "№") {
            let digits = s[r.upperBound...].drop(while: { $0 == " " }).prefix(while: \.isASCIIDigitCharacter)
            number = Int(digits)
            titleSource = s[..<r.lowerBound] + s[digits.endIndex...]
        } else {
            let digits = s.prefix(while: \.isASCIIDigitCharacter)
            if !digits.isEmpty, digits.count <= 4 {
                let after = s.dropFirst(digits.count)
                if after.isEmpty || after.first == " " || after.first == "." || after.first == "-" || after.first == "«" || after.first == ")" {
                    number = Int(digits)
                    titleSource = after
                }
            }
        }
        var title: String?
        for (open, close) in quotePairs {
            if let o = titleSource.firstIndex(of: open), let c = titleSource[titleSource.index(after: o)...].firstIndex(of: close) {
                title = String(titleSource[titleSource.index(after: o)..<c]).trimmingCharacters(in: .whitespaces)
                break
            }
        }
        if title == nil {
            let t = titleSource.trimmingCharacters(in: CharacterSet(charactersIn: " .-–—:)(\t"))
            if t.contains(where: \.isLetter) { title = t }
        }
        if title?.isEmpty == true { title = nil }
        if number == nil && title == nil { return nil }
        return ProgramChoice(number: number, title: title)
    }

    static func normalizedTitle(_ s: String) -> String {
        let lower = s.lowercased().replacingOccurrences(of: "ё", with: "е")
        return lower.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == " " }
            .map(String.init).joined().split(separator: " ").joined(separator: " ")
    }

    /// The catalogue number whose title the text names: exact, contained, or within 20% edits.
    static func bestTitleMatch(_ title: String, catalogue: [Int: String]) -> Int? {
        let t = normalizedTitle(title)
        guard !t.isEmpty else { return nil }
        var best: (Int, Int)?
        for (number, candidate) in catalogue.sorted(by: { $0.key < $1.key }) {
            let c = normalizedTitle(candidate)
            if c == t { return number }
            var score: Int?
            if t.count >= 5, c.count >= 5, c.contains(t) || t.contains(c) { score = abs(c.count - t.count) / 4 }
            let limit = max(1, t.count / 5)
            let d = LabelKey(t).distance(to: LabelKey(c), limit: limit)
            if d <= limit { score = min(score ?? Int.max, d) }
            if let s = score, best == nil || s < (best?.1 ?? Int.max) { best = (number, s) }
        }
        return best?.0
    }
}
