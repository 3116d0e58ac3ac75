/// Number and date text as Russian readers write them. Pure, locale-independent.
public enum NumberText {
    /// `dd.mm.yyyy`.
    public static func dotted(year: Int, month: Int, day: Int) -> String {
        pad(day) + "." + pad(month) + "." + String(year)
    }

    /// Rounded to 2 decimals, trailing zeros dropped, `mark` as the decimal separator.
    public static func decimal(_ x: Double, mark: String) -> String {
        guard x.isFinite else { return "" }
        let hundredths = Int((abs(x) * 100).rounded())
        let sign = x < 0 && hundredths > 0 ? "-" : ""
        let whole = hundredths / 100, frac = hundredths % 100
        if frac == 0 { return sign + String(whole) }
        let fracText = frac % 10 == 0 ? String(frac / 10) : pad(frac)
        return sign + String(whole) + mark + fracText
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
