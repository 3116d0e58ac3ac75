// Programme: how place names are compared (what people write vs the reference tables).

/// Normalised place names: `г. Кудымкар`, `КУДЫМКАР`, `Кудымкар ` all become `кудымкар`.
public enum PlaceName {
    /// Words that only say what kind of place it is.
    static let settlementPrefixes: Set<String> = [
        "г", "гор", "город", "с", "село", "п", "пос", "поселок", "пгт", "рп", "д", "дер", "деревня",
        "ст", "станция", "сп", "х", "хутор",
    ]
    /// Words that only say what kind of municipality it is.
    static let municipalityWords: Set<String> = [
        "муниципальный", "муниципального", "городской", "городского", "округ", "округа", "район", "района",
        "мо", "го", "мр", "мун", "р-н", "рн", "р", "муниципальное", "образование", "пермского", "края", "край",
        "пермский-край", "зато", "город",
    ]

    /// Lower case, ё→е, hyphens and punctuation to spaces, quotes dropped, spaces collapsed.
    public static func words(_ raw: String) -> [String] {
        var out = ""
        for ch in raw.lowercased() {
            switch ch {
            case "ё": out.append("е")
            case "-", "‐", "–", "—", ".", ",", ";", ":", "(", ")", "/", "\\": out.append(" ")
            case "«", "»", "\"", "'", "„", "“", "”": break
            default: out.append(ch)
            }
        }
        return out.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// The settlement key: kind words (`г.`, `с.`, `пос.`, `пгт`) removed.
    public static func settlementKey(_ raw: String) -> String {
        let all = words(raw)
        let kept = all.filter { !settlementPrefixes.contains($0) }
        return (kept.isEmpty ? all : kept).joined(separator: " ")
    }

    /// The municipality key: kind words (`муниципальный округ`, `район`, `ГО`) removed, so
    /// `Кудымкарский`, `Кудымкарский район` and `Кудымкарский муниципальный округ` agree.
    public static func municipalityKey(_ raw: String) -> String {
        let all = words(raw)
        let kept = all.filter { !municipalityWords.contains($0) && !settlementPrefixes.contains($0) }
        return (kept.isEmpty ? all : kept).joined(separator: " ")
    }
}
