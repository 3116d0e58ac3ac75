// Forms: yes/no answers, checkboxes and consent (`[x]`, `☒`, `да`, `согласна`, `☐ да ☒ нет`).
import Foundation

enum BooleanParsing {
    static let checkedMarks = ["[x]", "[х]", "[v]", "[✓]", "[✔]", "[+]", "[*]", "☒", "☑", "✅", "✓", "✔", "■", "[X]", "[Х]", "[V]"]
    static let uncheckedMarks = ["[ ]", "[]", "☐", "□", "[  ]"]
    static let yesWords = ["да", "yes", "согласен", "согласна", "согласны", "даю", "подтверждаю", "имеется", "есть", "приеду",
                           "приду", "буду", "ок", "ok", "конечно", "+"]
    static let noWords = ["нет", "no", "не", "отсутствует", "отказываюсь", "несогласен", "несогласна", "-"]

    static func containsCheckedMark(_ s: String) -> Bool {
        checkedMarks.contains { s.contains($0) }
    }

    /// True/false when the text answers yes or no; nil when it does not.
    static func parse(_ raw: String) -> Bool? {
        let s = raw.lowercased().replacingOccurrences(of: "ё", with: "е").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !s.isEmpty else { return nil }
        // Option lists: "☐ да ☒ нет", "да [ ] нет [x]".
        for mark in checkedMarks.map({ $0.lowercased() }) {
            guard let r = s.range(of: mark) else { continue }
            let after = s[r.upperBound...].trimmingCharacters(in: .whitespaces)
            if let b = leadingAnswer(after) { return b }
            let before = s[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
            if let lastWord = before.split(whereSeparator: { !$0.isLetter }).last, let b = leadingAnswer(String(lastWord)) {
                return b
            }
            return true
        }
        if uncheckedMarks.contains(where: { s.hasPrefix($0) }) {
            let rest = uncheckedMarks.reduce(s) { $0.replacingOccurrences(of: $1, with: " ") }
            let words = rest.split(whereSeparator: { !$0.isLetter })
            // "[ ]" alone, or "[ ] согласен": nothing ticked.
            if words.isEmpty || words.count <= 3 && !words.contains("нет") { return false }
            return nil
        }
        return leadingAnswer(s)
    }

    private static func leadingAnswer(_ s: String) -> Bool? {
        let words = s.split(whereSeparator: { !$0.isLetter && $0 != "+" && $0 != "-" })
        guard let first = words.first.map(String.init) else { return nil }
        if first == "не" || noWords.contains(first) { return false }
        if yesWords.contains(first) { return true }
        if first.hasPrefix("соглас") { return true }
        if first.hasPrefix("нет") { return false }
        return nil
    }
}
