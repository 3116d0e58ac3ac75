/// Small Russian wording helpers for contexts: dates and number agreement.
public enum RussianText {
    private static let genitiveMonths = [
        "января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря",
    ]

    /// "15 сентября 2027 г."; nil for an impossible month.
    public static func date(year: Int, month: Int, day: Int) -> String? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return "\(day) \(genitiveMonths[month - 1]) \(year) г."
    }

    /// Picks the form agreeing with `n`: `plural(1, "ошибка", "ошибки", "ошибок")` → "ошибка",
    /// 3 → "ошибки", 5, 11, 12 → "ошибок", 21 → "ошибка".
    public static func plural(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        let m100 = abs(n) % 100, m10 = abs(n) % 10
        if (11...14).contains(m100) { return many }
        if m10 == 1 { return one }
        if (2...4).contains(m10) { return few }
        return many
    }
}
