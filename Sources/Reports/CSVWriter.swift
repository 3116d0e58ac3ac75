// CSV that Russian Excel opens with a double click (decisions documented in docs/exports.md).

/// Writes tables as CSV for Excel with a Russian locale:
/// * UTF-8 with a BOM — without it Excel reads the bytes as Windows-1251;
/// * `;` between fields — the list separator of the Russian locale (`,` is the decimal mark);
/// * CRLF line ends; a field is quoted when it holds `;`, `"`, CR, LF or edge spaces
///   (RFC 4180 §2: quotes doubled inside);
/// * dates `dd.mm.yyyy`, decimals with a comma (`85,5`), integers plain — Excel reads all three
///   as numbers/dates in that locale;
/// * text starting with `=`, `+`, `-` or `@` that is not a number or a phone number gets a
///   leading `'` so Excel never evaluates it as a formula (CSV injection from form values).
public enum CSVWriter {
    public static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    public static let separator: Character = ";"

    /// The bytes of one table.
    public static func bytes(_ table: ExportTable, header: ExportTable.HeaderStyle = .russian) -> [UInt8] {
        var out = bom
        out += Array(line(table.headers(header).map(field)).utf8)
        for row in table.rows {
            out += Array(line(row.map(format)).utf8)
        }
        return out
    }

    static func line(_ fields: [String]) -> String {
        fields.joined(separator: String(separator)) + "\r\n"
    }

    /// A cell as CSV field text, quoted where needed.
    static func format(_ cell: ExportCell) -> String {
        switch cell {
        case .empty: return ""
        case .integer(let n): return String(n)
        case .decimal(let x): return decimal(x)
        case .date(let y, let m, let d): return NumberText.dotted(year: y, month: m, day: d)
        case .text(let text): return field(guarded(text))
        }
    }

    /// `85.5` → `85,5`; `4.25` → `4,25`; whole numbers without a fraction; at most 2 decimals.
    public static func decimal(_ x: Double) -> String {
        NumberText.decimal(x, mark: ",")
    }

    static func field(_ text: String) -> String {
        let needsQuotes = text.contains(separator) || text.contains("\"") || text.contains("\n")
            || text.contains("\r") || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func guarded(_ text: String) -> String {
        guard let first = text.first, "=+-@".contains(first) else { return text }
        let phoneLike = text.dropFirst().allSatisfy { $0.isNumber || " ()-".contains($0) }
        return phoneLike && first != "=" && first != "@" ? text : "'" + text
    }
}
