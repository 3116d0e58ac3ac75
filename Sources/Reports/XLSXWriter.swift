// XLSX by hand: SpreadsheetML (ECMA-376 Part 1) in a ZIP written by ZIPFoundation, in memory.
import Foundation
import ZIPFoundation

/// Writes tables as an XLSX workbook, one sheet per table:
/// * strings inline (`t="inlineStr"`) — no shared-string table to keep in step;
/// * integers and decimals as numbers (decimals shown with 2 places), dates as real dates
///   (serial numbers, 1900 date system) formatted `dd.mm.yyyy`;
/// * a bold header row, frozen (the pane below row 1), an autofilter over the table, and
///   column widths from `ExportColumn.width`.
public enum XLSXWriter {
    public enum Failure: Error, CustomStringConvertible {
        case zip(String)
        public var description: String {
            switch self {
            case .zip(let text): return "cannot build the XLSX archive: \(text)"
            }
        }
    }

    /// The workbook's bytes. `modified` stamps the ZIP entries (pure: the caller gives the time).
    public static func data(_ tables: [ExportTable], header: ExportTable.HeaderStyle = .russian,
                            modified: Date) throws -> Data {
        let names = sheetNames(tables.map(\.name))
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(sheets: tables.count)),
            ("_rels/.rels", rootRels),
            ("xl/workbook.xml", workbook(names)),
            ("xl/_rels/workbook.xml.rels", workbookRels(sheets: tables.count)),
            ("xl/styles.xml", styles),
        ]
        for (index, table) in tables.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", sheet(table, header: header)))
        }
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, text) in parts {
                let bytes = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                     modificationDate: modified, compressionMethod: .deflate) { position, size in
                    bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count))
                }
            }
            guard let data = archive.data else { throw Failure.zip("no data in the in-memory archive") }
            return data
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.zip("\(error)")
        }
    }

    // MARK: parts

    static func contentTypes(sheets: Int) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """
        for i in 1...max(sheets, 1) where i <= sheets {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return xml + "</Types>"
    }

    static let rootRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static func workbook(_ names: [String]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
            """
        for (i, name) in names.enumerated() {
            xml += "<sheet name=\"\(escape(name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        return xml + "</sheets></workbook>"
    }

    static func workbookRels(sheets: Int) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            """
        for i in 0..<sheets {
            xml += "<Relationship Id=\"rId\(i + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheets + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        return xml + "</Relationships>"
    }

    /// Cell formats (`s` attribute): 0 default, 1 bold header, 2 date dd.mm.yyyy, 3 decimal 0.00.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="4">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    static func sheet(_ table: ExportTable, header: ExportTable.HeaderStyle) -> String {
        let lastColumn = columnName(max(table.columns.count, 1) - 1)
        let lastRow = table.rows.count + 1
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <dimension ref="A1:\(lastColumn)\(lastRow)"/>\
            <sheetViews><sheetView workbookViewId="0">\
            <pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
            <selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>\
            <sheetFormatPr defaultRowHeight="15"/>
            """
        if !table.columns.isEmpty {
            xml += "<cols>"
            for (i, column) in table.columns.enumerated() {
                xml += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(max(4, min(column.width, 100)))\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        xml += row(1, table.headers(header).map { .text($0) }, style: 1)
        for (i, cells) in table.rows.enumerated() {
            xml += row(i + 2, cells, style: nil)
        }
        xml += "</sheetData>"
        if !table.columns.isEmpty {
            xml += "<autoFilter ref=\"A1:\(lastColumn)\(lastRow)\"/>"
        }
        return xml + "</worksheet>"
    }

    static func row(_ number: Int, _ cells: [ExportCell], style: Int?) -> String {
        var xml = "<row r=\"\(number)\">"
        for (i, cell) in cells.enumerated() {
            let ref = "\(columnName(i))\(number)"
            let s = style.map { " s=\"\($0)\"" } ?? ""
            switch cell {
            case .empty:
                continue
            case .text(let text):
                xml += "<c r=\"\(ref)\" t=\"inlineStr\"\(s)><is><t xml:space=\"preserve\">\(escape(text))</t></is></c>"
            case .integer(let n):
                xml += "<c r=\"\(ref)\"\(s)><v>\(n)</v></c>"
            case .decimal(let x):
                xml += "<c r=\"\(ref)\"\(style == nil ? " s=\"3\"" : s)><v>\(x.isFinite ? NumberText.decimal(x, mark: ".") : "0")</v></c>"
            case .date(let y, let m, let d):
                xml += "<c r=\"\(ref)\" s=\"2\"><v>\(serial(year: y, month: m, day: d))</v></c>"
            }
        }
        return xml + "</row>"
    }

    /// `A`, `B`, … `Z`, `AA`, … for a zero-based column index.
    static func columnName(_ index: Int) -> String {
        var n = index + 1, name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(Character(Unicode.Scalar(UInt8(65 + r)))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// Days since 1899-12-30 (Excel's 1900 system, which counts a fictitious 29.02.1900, so
    /// every date from 01.03.1900 on is right).
    static func serial(year: Int, month: Int, day: Int) -> Int {
        daysFromCivil(year, month, day) - daysFromCivil(1899, 12, 30)
    }

    /// Howard Hinnant's days_from_civil: proleptic Gregorian day number.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// XML text: escapes markup and drops characters XML 1.0 forbids (controls but tab/LF/CR).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Sheet names Excel accepts: at most 31 characters, none of `[]:*?/\`, unique.
    static func sheetNames(_ names: [String]) -> [String] {
        var used: Set<String> = [], result: [String] = []
        for (i, raw) in names.enumerated() {
            var name = String(raw.filter { !"[]:*?/\\".contains($0) }.prefix(31))
            if name.isEmpty { name = "Лист\(i + 1)" }
            var candidate = name, n = 2
            while used.contains(candidate.lowercased()) {
                candidate = String(name.prefix(28)) + " \(n)"
                n += 1
            }
            used.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }
}
