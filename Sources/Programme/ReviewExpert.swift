// Review: who may score what. Pure values; the executable fills them from the config.

/// An expert as the review rules see them (`[[experts]]` in the config).
public struct ReviewExpert: Sendable, Hashable {
    /// Lower-cased registered address: the only one their score sheets count from.
    public var email: String
    public var name: String
    /// Where they work; they never score this organisation's programmes.
    public var organisation: String
    /// Their municipality; the rules prefer experts from elsewhere.
    public var territory: String

    public init(email: String, name: String, organisation: String, territory: String) {
        self.email = email.lowercased()
        self.name = name
        self.organisation = organisation
        self.territory = territory
    }
}

/// Comparison form of organisation and place names: case, ё, quotes, punctuation and
/// organisational-form words do not make two names different.
public enum NameKey {
    static let forms: Set<String> = ["ано", "нко", "ооо", "мбу", "мау", "мку", "роо", "ноу"]

    public static func of(_ text: String) -> String {
        let lowered = text.lowercased().replacingOccurrences(of: "ё", with: "е")
        let words = lowered.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        let kept = words.filter { !forms.contains($0) }
        return kept.joined(separator: " ")
    }
}
