import Foundation
import Testing
@testable import Pipeline
@testable import Reports

/// The report's figures equal a hand count of `Season.script()` (written through the Store).
@Suite struct SeasonReportTests {
    /// After programme № 1's last day (23.09), before № 3's (25.09).
    static let countedAt = Season.perm("2026-09-24T12:00:00")

    static func source(_ season: Season) -> StoreReportSource {
        StoreReportSource(store: season.store, campaign: season.campaign,
                          timeZone: TimeZone(identifier: "Asia/Yekaterinburg") ?? .current)
    }

    @Test func figuresEqualTheHandCount() throws {
        let season = try Season()
        try season.script()
        let report = SeasonReport(try Self.source(season).facts(now: Self.countedAt))
        // 3 programme applications; the released decision told № 1 and № 3 they won.
        #expect(report.programmesReceived == 3)
        #expect(report.programmesSelected == 2)
        #expect(report.programmes.map(\.selected) == [true, false, true])
        // 6 participants. Selected (a released seat or an invitation): a1 a2 a5 (№ 1), a3 a6 (№ 3),
        // a5 also invited to № 3; a4 only in reserve → 5. Attended: a1 a2 confirmed № 1, which
        // ended 23.09; a3 (№ 3 not held yet) and a6 (invitation expired) sent feedback → 4.
        #expect(report.total == SeasonReport.Line(label: "Всего", applied: 6, selected: 5, attended: 4))
        // a6's municipality and distance come from the intake check (230,4 km), not the form.
        #expect(report.byMunicipality == [
            .init(label: "Кудымкарский", applied: 2, selected: 2, attended: 2),
            .init(label: "Пермский", applied: 2, selected: 1, attended: 0),
            .init(label: "Гайнский муниципальный округ", applied: 1, selected: 1, attended: 1),
            .init(label: "Чернушинский", applied: 1, selected: 1, attended: 1),
        ])
        // 30 → <50; 50 and 85,5 → 50–100; 145 (a1's second version) and 150 → 100–200; 230,4 → 200+.
        #expect(report.byDistance == [
            .init(label: "до 50 км", applied: 1, selected: 0, attended: 0),
            .init(label: "50–100 км", applied: 2, selected: 2, attended: 1),
            .init(label: "100–200 км", applied: 2, selected: 2, attended: 2),
            .init(label: "200 км и более", applied: 1, selected: 1, attended: 1),
        ])
        // Hosts: АНО Кама (twice, quotes differ), Фонд Ёлка; participants: Центр Парма (spacing,
        // case), АНО Кама, Клуб Ветеран (case), НКО Гайны → 5 distinct in all.
        #expect(report.hostOrganisations == 2)
        #expect(report.participantOrganisations == 4)
        #expect(report.organisationsReached == 5)
        // Ratings 5, 4, 3; before 4, 6, 5; after 8, 9 (a6 left it out).
        #expect(report.feedbackCount == 3)
        #expect(report.averageRating == 4)
        #expect(report.averageCompetenceBefore == 5)
        #expect(report.averageCompetenceAfter == 8.5)
        #expect(report.ideas.map(\.title) == ["Экотропа", "Медиашкола"])
    }

    /// a2 confirmed № 1 (22–23.09) and sent no feedback: attended only once 23.09 has passed
    /// in Perm's zone; a draft decision or selection changes nothing until released.
    @Test(arguments: [
        ("2026-09-23T23:30:00", 3), ("2026-09-24T00:10:00", 4), ("2026-09-21T12:00:00", 3),
    ])
    func attendanceFollowsTheLastDay(at: String, attended: Int) throws {
        let season = try Season()
        try season.script()
        try season.decide(revision: 2, winners: [2], at: Season.perm("2026-09-10T12:00:00"))
        try season.place(2, [4], reserve: [], at: Season.perm("2026-09-10T12:00:00"), released: false)
        let report = SeasonReport(try Self.source(season).facts(now: Season.perm(at)))
        #expect(report.total.attended == attended)
        #expect(report.total.selected == 5, "a4's draft seat is not released")
        #expect(report.programmesSelected == 2, "revision 2 is not released")
    }

    @Test(arguments: [
        (nil, "расстояние не указано"), (0.0, "до 50 км"), (49.9, "до 50 км"), (50.0, "50–100 км"), (99.99, "50–100 км"),
        (100.0, "100–200 км"), (199.5, "100–200 км"), (200.0, "200 км и более"), (612.0, "200 км и более"),
        (-1.0, "расстояние не указано"),
    ] as [(Double?, String)])
    func distanceBands(km: Double?, want: String) {
        #expect(SeasonReport.band(km) == want)
    }

    @Test func reportOutputsCarryTheFigures() throws {
        let season = try Season()
        try season.script()
        let report = SeasonReport(try Self.source(season).facts(now: Self.countedAt))
        #expect(report.text.contains("Заявок участников: 6"))
        #expect(report.text.contains("Участников прошли стажировку: 4"))
        #expect(report.text.contains("Как считали:"))
        #expect(report.text.contains("Самооценка компетенций после (среднее, 1–10): 8,5"))
        let html = report.html(title: "Стажировки <2026>")
        #expect(html.contains("<svg"))
        #expect(html.contains("Стажировки &lt;2026&gt;"))
        #expect(html.contains(">Кудымкарский</text>"))
        // The largest bar (2 applicants) is the full width; one applicant is half.
        #expect(html.contains("width=\"360\" height=\"16\""))
        #expect(html.contains("width=\"180\" height=\"16\""))
        let csv = String(decoding: CSVWriter.bytes(report.summaryTable).dropFirst(3), as: UTF8.self)
        #expect(csv.contains("competence_after_avg;Самооценка компетенций после (среднее, 1–10);8,5\r\n"))
    }

    /// The report workbook of the scripted season, opened by openpyxl: the hand-counted figures
    /// as numbers, the breakdown and the programmes sheet.
    @Test func reportWorkbookReadByOpenpyxl() throws {
        let season = try Season()
        try season.script()
        let exports = StoreExports(store: season.store, campaign: season.campaign,
                                   timeZone: TimeZone(identifier: "Asia/Yekaterinburg") ?? .current, now: Self.countedAt)
        let file = Sample.temporaryFile("xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        try XLSXWriter.data(try exports.tables(.report), modified: Self.countedAt).write(to: file)
        let out = try Sample.python(XLSXWriterTests.reader, [file.path])
        let sheets = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]] ?? []
        #expect(sheets.map { $0["title"] as? String ?? "" } == ["Показатели", "По округам", "По удалённости", "Программы", "Идеи"])
        try #require(sheets.count == 5)
        var figures: [String: Double] = [:]
        for row in (sheets[0]["rows"] as? [[Any]] ?? []).dropFirst() {
            guard let key = row[0] as? String, let cell = row[2] as? [String: Any] else { continue }
            figures[key] = (cell["int"] as? Double) ?? (cell["float"] as? Double)
        }
        #expect(figures["programmes_selected"] == 2)
        #expect(figures["participants_selected"] == 5)
        #expect(figures["participants_attended"] == 4)
        #expect(figures["competence_before_avg"] == 5)
        #expect(figures["competence_after_avg"] == 8.5)
        #expect(figures["ideas_count"] == 2)
        let districts = (sheets[1]["rows"] as? [[Any]] ?? []).map { row in
            row.map { cell -> String in
                if let text = cell as? String { return text }
                if let number = (cell as? [String: Any])?["int"] as? Double { return String(Int(number)) }
                return "?"
            }.joined(separator: "|")
        }
        #expect(districts.dropFirst().first == "Кудымкарский|2|2|2")
        #expect(districts.last == "Всего|6|5|4")
        let programmes = (sheets[3]["rows"] as? [[Any]] ?? []).dropFirst().compactMap { $0.last as? String }
        #expect(programmes == ["да", "нет", "да"])
    }

    /// Every export builds from the scripted season; the programme export has product.md's
    /// field ids as keys and typed cells.
    @Test(arguments: ExportKind.allCases)
    func exportsBuild(kind: ExportKind) throws {
        let season = try Season()
        try season.script()
        let exports = StoreExports(store: season.store, campaign: season.campaign,
                                   timeZone: TimeZone(identifier: "Asia/Yekaterinburg") ?? .current, now: Self.countedAt)
        let tables = try exports.tables(kind)
        #expect(!tables.isEmpty)
        let want = [ExportKind.programmes: 3, .participants: 6, .scores: 0, .invitations: 3, .attendance: 6,
                    .feedback: 3, .ideas: 2, .report: 14][kind]
        #expect(tables[0].rows.count == want)
        if kind == .programmes {
            let keys = tables[0].columns.map(\.key)
            #expect(keys.prefix(6) == ["number", "version", "received", "sender", "organization", "inn"])
            let inn = keys.firstIndex(of: "inn") ?? 0, dates = keys.firstIndex(of: "dates") ?? 0
            #expect(tables[0].rows[0][inn] == .text("5902000001"), "INN stays text")
            #expect(tables[0].rows[0][dates] == .text("22.09.2026, 23.09.2026"))
            #expect(tables[0].rows[1][dates] == .date(year: 2026, month: 10, day: 10))
        }
        if kind == .report {
            #expect(tables.map(\.name) == ["Показатели", "По округам", "По удалённости", "Программы", "Идеи"])
        }
        if kind == .attendance {
            let keys = tables[0].columns.map(\.key)
            let column = { (key: String) in keys.firstIndex(of: key) ?? 0 }
            // a2: confirmed № 1, which has passed, no feedback; a4: reserve only.
            #expect(tables[0].rows[1][column("attended")] == .text("да"))
            #expect(tables[0].rows[1][column("feedback_sent")] == .text("нет"))
            #expect(tables[0].rows[3][column("selected")] == .text("нет"))
            #expect(tables[0].rows[4][column("invitations")] == .text("№ 1: НЕТ; № 3: ждём ответа"))
            #expect(tables[0].rows[5][column("distance_to_perm_km")] == .decimal(230.4))
        }
        if kind == .participants {
            let km = tables[0].columns.firstIndex { $0.key == "distance_to_perm_km" } ?? 0
            #expect(tables[0].rows[2][km] == .decimal(85.5))
            #expect(tables[0].rows[0][km] == .decimal(145), "the current version")
        }
    }
}
