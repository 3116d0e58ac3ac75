// Forms: an email field to a bare, lower-cased addr-spec (RFC 5322 §3.4.1).
import Foundation

enum EmailAddress {
    /// `Иван <Ivan@Mail.RU>` → `ivan@mail.ru`; `mailto:x@y.ru` → `x@y.ru`. Nil when there is
    /// no plausible addr-spec.
    static func normalize(_ raw: String) -> String? {
        var s = raw.replacingOccurrences(of: "mailto:", with: " ", options: .caseInsensitive)
        if let open = s.firstIndex(of: "<"), let close = s[open...].firstIndex(of: ">") {
            s = String(s[s.index(after: open)..<close])
        }
        let separators = CharacterSet(charactersIn: " \t\n,;<>()[]\"'«»")
        for token in s.components(separatedBy: separators) where token.contains("@") {
            let t = token.trimmingCharacters(in: CharacterSet(charactersIn: ".:"))
            let parts = t.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else { continue }
            let domain = parts[1]
            let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
            guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
                  let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { continue }
            guard domain.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { continue }
            return t.lowercased()
        }
        return nil
    }
}
