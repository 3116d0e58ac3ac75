// Reports: tables for people (exports, the grant report). Pure: values in, bytes out.

/// One value in an exported table. Typed so XLSX writes numbers as numbers and dates as dates,
/// and CSV writes them the way Russian Excel reads them (decimal comma, dd.mm.yyyy).
public enum ExportCell: Sendable, Hashable {
    case text(String)
    case integer(Int)
    case decimal(Double)
    /// A calendar day (no time, no zone).
    case date(year: Int, month: Int, day: Int)
    case empty

    /// `"2026-09-15"` → `.date`, anything else → nil.
    public static func isoDate(_ text: String) -> ExportCell? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
              let d = Int(parts[2]), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        return .date(year: y, month: m, day: d)
    }

    /// Text, or `.empty` for nil / empty text.
    public static func optional(_ text: String?) -> ExportCell {
        guard let text, !text.isEmpty else { return .empty }
        return .text(text)
    }
}

/// A column: its stable key (a field id from product.md where there is one), the Russian
/// header people read, and a width in characters for XLSX.
public struct ExportColumn: Sendable, Hashable {
    public var key: String
    public var header: String
    public var width: Int

    public init(_ key: String, _ header: String, width: Int = 16) {
        self.key = key
        self.header = header
        self.width = width
    }
}

/// A named table: one CSV file or one XLSX sheet.
public struct ExportTable: Sendable, Hashable {
    /// The sheet name (XLSX), e.g. "Программы".
    public var name: String
    public var columns: [ExportColumn]
    /// Each row has one cell per column (short rows are padded with `.empty`).
    public var rows: [[ExportCell]]

    public init(name: String, columns: [ExportColumn], rows: [[ExportCell]]) {
        self.name = name
        self.columns = columns
        self.rows = rows.map { row in
            row.count >= columns.count ? Array(row.prefix(columns.count))
                : row + Array(repeating: .empty, count: columns.count - row.count)
        }
    }

    /// Which header row to write: the Russian headers (default) or the field ids.
    public enum HeaderStyle: String, Sendable, CaseIterable {
        case russian, keys
    }

    func headers(_ style: HeaderStyle) -> [String] {
        columns.map { style == .keys ? $0.key : $0.header }
    }
}
