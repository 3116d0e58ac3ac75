import Foundation
import Testing
@testable import Reports

/// The sample every writer test uses: Cyrillic, separators, quotes, newlines, a formula-looking
/// value, numbers, a decimal, a date, an empty cell.
enum Sample {
    static let table = ExportTable(name: "Участники", columns: [
        ExportColumn("number", "№", width: 6), ExportColumn("full_name", "ФИО", width: 30),
        ExportColumn("organization", "Организация", width: 30), ExportColumn("distance_to_perm_km", "Расстояние до Перми (км)"),
        ExportColumn("received", "Получено"), ExportColumn("motivation", "Мотивация", width: 40),
    ], rows: [
        [.integer(1), .text("Иванова Мария Петровна"), .text("АНО «Кама»; филиал"), .decimal(85.5),
         .date(year: 2026, month: 9, day: 15), .text("Хочу \"научиться\"\nи применить")],
        [.integer(2), .text("=HYPERLINK(\"http://x\")"), .text("ООО Ёлка"), .decimal(120),
         .date(year: 2027, month: 1, day: 3), .empty],
    ])

    static func temporaryFile(_ ext: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString).\(ext)")
    }

    /// Runs python3 with `script` and the arguments; returns stdout. Fails the test on a
    /// non-zero exit (openpyxl missing included: scripts/test installs it).
    static func python(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 failed: \(String(decoding: errors, as: UTF8.self))")
        return String(decoding: data, as: UTF8.self)
    }
}

@Suite struct CSVWriterTests {
    @Test func bytesFollowTheRussianExcelConventions() {
        let bytes = CSVWriter.bytes(Sample.table)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "№;ФИО;Организация;Расстояние до Перми (км);Получено;Мотивация")
        #expect(lines[1] == "1;Иванова Мария Петровна;\"АНО «Кама»; филиал\";85,5;15.09.2026;\"Хочу \"\"научиться\"\"\nи применить\"")
        #expect(lines[2] == "2;\"'=HYPERLINK(\"\"http://x\"\")\";ООО Ёлка;120;03.01.2027;")
        #expect(text.hasSuffix("\r\n"))
    }

    @Test(arguments: [
        (85.5, "85,5"), (120.0, "120"), (4.25, "4,25"), (7.0 / 3.0, "2,33"), (-0.5, "-0,5"), (0.004, "0"), (10.1, "10,1"),
    ])
    func decimalsUseAComma(got: Double, want: String) {
        #expect(CSVWriter.decimal(got) == want)
    }

    @Test(arguments: [
        ("+79021234567", "+79021234567"), ("-5", "-5"), ("=1+1", "'=1+1"), ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("обычный текст", "обычный текст"),
    ])
    func formulasAreNeutralised(got: String, want: String) {
        #expect(CSVWriter.guarded(got) == want)
    }

    @Test func fieldIDsHeaderOnRequest() {
        let text = String(decoding: CSVWriter.bytes(Sample.table, header: .keys).dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("number;full_name;organization;distance_to_perm_km;received;motivation\r\n"))
    }

    /// Python's csv module reads it back with the BOM stripped (utf-8-sig) and `;` as delimiter.
    @Test func pythonReadsItBack() throws {
        let file = Sample.temporaryFile("csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(CSVWriter.bytes(Sample.table)).write(to: file)
        let out = try Sample.python("""
            import csv, json, sys
            raw = open(sys.argv[1], 'rb').read()
            assert raw.startswith(b'\\xef\\xbb\\xbf'), 'no BOM'
            with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:
                rows = list(csv.reader(f, delimiter=';'))
            print(json.dumps(rows, ensure_ascii=False))
            """, [file.path])
        let rows = try JSONDecoder().decode([[String]].self, from: Data(out.utf8))
        #expect(rows.count == 3)
        #expect(rows[0][0] == "№")
        #expect(rows[1] == ["1", "Иванова Мария Петровна", "АНО «Кама»; филиал", "85,5", "15.09.2026", "Хочу \"научиться\"\nи применить"])
        #expect(rows[2] == ["2", "'=HYPERLINK(\"http://x\")", "ООО Ёлка", "120", "03.01.2027", ""])
    }
}

@Suite struct XLSXWriterTests {
    static let reader = """
        import json, sys, datetime, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        out = []
        for ws in wb.worksheets:
            rows = []
            for row in ws.iter_rows():
                cells = []
                for c in row:
                    v = c.value
                    if isinstance(v, datetime.datetime): v = {'date': v.strftime('%Y-%m-%d')}
                    elif isinstance(v, bool): v = {'bool': v}
                    elif isinstance(v, int): v = {'int': v}
                    elif isinstance(v, float): v = {'float': v}
                    cells.append(v)
                rows.append(cells)
            out.append({
                'title': ws.title, 'rows': rows, 'freeze': ws.freeze_panes,
                'bold': [bool(c.font.b) for c in ws[1]],
                'widths': [ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(ws.max_column)],
                'formats': [c.number_format for c in ws[2]] if ws.max_row > 1 else [],
            })
        print(json.dumps(out, ensure_ascii=False))
        """

    /// Opened by openpyxl: values, types, bold frozen header, widths, date format.
    @Test func openpyxlReadsValuesAndLayout() throws {
        let second = ExportTable(name: "Показатели: итог/2026", columns: [ExportColumn("k", "Показатель"), ExportColumn("v", "Значение")],
                                 rows: [[.text("Программ"), .integer(7)], [.text("Средняя оценка"), .decimal(4.25)]])
        let data = try XLSXWriter.data([Sample.table, second], modified: Date(timeIntervalSince1970: 1_790_000_000))
        let file = Sample.temporaryFile("xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        try data.write(to: file)
        let out = try Sample.python(Self.reader, [file.path])
        let sheets = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]] ?? []
        try #require(sheets.count == 2)
        let first = sheets[0]
        #expect(first["title"] as? String == "Участники")
        #expect(first["freeze"] as? String == "A2")
        #expect(first["bold"] as? [Bool] == [true, true, true, true, true, true])
        #expect((first["widths"] as? [Double])?.prefix(3).map { Int($0) } == [6, 30, 30])
        let rows = first["rows"] as? [[Any]] ?? []
        try #require(rows.count == 3)
        #expect(rows[0].compactMap { $0 as? String } == ["№", "ФИО", "Организация", "Расстояние до Перми (км)", "Получено", "Мотивация"])
        #expect((rows[1][0] as? [String: Int])?["int"] == 1)
        #expect(rows[1][1] as? String == "Иванова Мария Петровна")
        #expect(rows[1][2] as? String == "АНО «Кама»; филиал")
        #expect((rows[1][3] as? [String: Double])?["float"] == 85.5)
        #expect((rows[1][4] as? [String: String])?["date"] == "2026-09-15")
        #expect(rows[1][5] as? String == "Хочу \"научиться\"\nи применить")
        #expect(rows[2][1] as? String == "=HYPERLINK(\"http://x\")", "inline strings are never formulas")
        #expect((rows[2][4] as? [String: String])?["date"] == "2027-01-03")
        #expect(rows[2][5] is NSNull)
        #expect((first["formats"] as? [String])?[4] == "dd\\.mm\\.yyyy" || (first["formats"] as? [String])?[4] == "dd.mm.yyyy")
        let summary = sheets[1]
        #expect(summary["title"] as? String == "Показатели итог2026")
        let summaryRows = summary["rows"] as? [[Any]] ?? []
        #expect((summaryRows[1][1] as? [String: Int])?["int"] == 7)
        #expect((summaryRows[2][1] as? [String: Double])?["float"] == 4.25)
    }

    @Test(arguments: [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")])
    func columnNames(index: Int, want: String) {
        #expect(XLSXWriter.columnName(index) == want)
    }

    @Test(arguments: [
        (1900, 3, 1, 61), (1970, 1, 1, 25_569), (2026, 9, 15, 46_280), (2000, 2, 29, 36_585),
    ])
    func excelSerialDays(y: Int, m: Int, d: Int, want: Int) {
        #expect(XLSXWriter.serial(year: y, month: m, day: d) == want)
    }

    @Test func controlCharactersAreDroppedFromXML() {
        #expect(XLSXWriter.escape("a\u{0}b\u{1B}c<&>\"\tд") == "abc&lt;&amp;&gt;&quot;\tд")
    }
}
