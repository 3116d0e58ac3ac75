// Programme: a participant's stored programme choices back to programme numbers.
import Foundation

/// Turns the stored `selected_programs` text (`№ 2 «Инклюзивный туризм»; «Волонтёрский центр»`)
/// into programme numbers in priority order.
public enum ChoiceText {
    /// Numbers in order; a choice without a number is matched by title (case, ё/е, quotes
    /// ignored); unmatched choices and repeats are dropped.
    public static func programmes(_ stored: String, titles: [Int: String]) -> [Int] {
        var out: [Int] = []
        for part in stored.split(separator: ";") {
            let text = String(part)
            var number: Int?
            if let sign = text.firstIndex(of: "№") {
                let digits = text[text.index(after: sign)...].drop { $0 == " " }.prefix { $0.isNumber }
                number = Int(digits)
            }
            if number == nil {
                let wanted = key(text)
                number = titles.first { !wanted.isEmpty && key($0.value) == wanted }?.key
            }
            if let number, !out.contains(number) { out.append(number) }
        }
        return out
    }

    static func key(_ title: String) -> String {
        PlaceName.words(title).joined(separator: " ")
    }
}
