// The report as tables (CSV/XLSX), plain text and an HTML page with a chart.

extension SeasonReport {
    /// The figures as one table of (indicator, value) rows.
    public var summaryTable: ExportTable {
        func number(_ x: Double?) -> ExportCell { x.map { .decimal($0) } ?? .empty }
        let rows: [[ExportCell]] = [
            [.text("programmes_received"), .text("Программ стажировок подано"), .integer(programmesReceived)],
            [.text("programmes_selected"), .text("Программ отобрано"), .integer(programmesSelected)],
            [.text("participants_applied"), .text("Заявок участников"), .integer(total.applied)],
            [.text("participants_selected"), .text("Участников отобрано"), .integer(total.selected)],
            [.text("participants_attended"), .text("Участников прошли стажировку"), .integer(total.attended)],
            [.text("municipalities"), .text("Муниципальных округов (участники)"), .integer(byMunicipality.count)],
            [.text("host_organisations"), .text("Принимающих организаций"), .integer(hostOrganisations)],
            [.text("participant_organisations"), .text("Организаций участников"), .integer(participantOrganisations)],
            [.text("organisations_reached"), .text("Организаций охвачено (всего)"), .integer(organisationsReached)],
            [.text("feedback_count"), .text("Отзывов получено"), .integer(feedbackCount)],
            [.text("program_rating_avg"), .text("Средняя оценка программы (1–5)"), number(averageRating)],
            [.text("competence_before_avg"), .text("Самооценка компетенций до (среднее, 1–10)"), number(averageCompetenceBefore)],
            [.text("competence_after_avg"), .text("Самооценка компетенций после (среднее, 1–10)"), number(averageCompetenceAfter)],
            [.text("ideas_count"), .text("Идей совместных проектов"), .integer(ideas.count)],
        ]
        return ExportTable(name: "Показатели", columns: [
            ExportColumn("indicator", "Код показателя", width: 26),
            ExportColumn("label", "Показатель", width: 46),
            ExportColumn("value", "Значение", width: 12),
        ], rows: rows)
    }

    static func breakdown(_ name: String, _ first: ExportColumn, _ lines: [Line], total: Line) -> ExportTable {
        ExportTable(name: name, columns: [
            first,
            ExportColumn("applied", "Подали заявки", width: 14),
            ExportColumn("selected", "Отобраны", width: 12),
            ExportColumn("attended", "Прошли стажировку", width: 18),
        ], rows: (lines + [total]).map { [.text($0.label), .integer($0.applied), .integer($0.selected), .integer($0.attended)] })
    }

    public var municipalityTable: ExportTable {
        Self.breakdown("По округам", ExportColumn("municipal_district", "Муниципальный округ", width: 30),
                       byMunicipality, total: total)
    }

    public var distanceTable: ExportTable {
        Self.breakdown("По удалённости", ExportColumn("distance_band", "Расстояние до Перми", width: 24),
                       byDistance, total: total)
    }

    public var ideasTable: ExportTable {
        ExportTable(name: "Идеи", columns: [
            ExportColumn("title", "Название идеи", width: 40),
            ExportColumn("partners", "Организации-партнёры", width: 40),
        ], rows: ideas.map { [.text($0.title), .optional($0.partners)] })
    }

    /// Every table of the report, in order (the XLSX has one sheet each).
    public var tables: [ExportTable] { [summaryTable, municipalityTable, distanceTable, programmesTable, ideasTable] }

    public var programmesTable: ExportTable {
        ExportTable(name: "Программы", columns: [
            ExportColumn("number", "№", width: 6),
            ExportColumn("program_title", "Название программы", width: 40),
            ExportColumn("organization", "Организация", width: 36),
            ExportColumn("selected", "Отобрана", width: 10),
        ], rows: programmes.map { [.integer($0.number), .text($0.title), .text($0.organisation), .text($0.selected ? "да" : "нет")] })
    }

    /// The chart of participants (applications) by municipality.
    public var chart: BarChart {
        BarChart(title: "Участники по муниципальным округам (заявки)",
                 bars: byMunicipality.map { BarChart.Bar(label: $0.label, value: $0.applied) })
    }

    /// Plain text for mail or the terminal.
    public var text: String {
        var lines = ["Отчёт по сезону", ""]
        for row in summaryTable.rows {
            if case .text(let label) = row[1] { lines.append("\(label): \(Self.plain(row[2]))") }
        }
        lines += ["", "По муниципальным округам (заявки / отобраны / прошли):"]
        lines += byMunicipality.map { "  \($0.label): \($0.applied) / \($0.selected) / \($0.attended)" }
        lines += ["", "По удалённости от Перми (заявки / отобраны / прошли):"]
        lines += byDistance.map { "  \($0.label): \($0.applied) / \($0.selected) / \($0.attended)" }
        if !ideas.isEmpty {
            lines += ["", "Идеи совместных проектов:"]
            lines += ideas.map { "  — \($0.title)" + ($0.partners.map { " (\($0))" } ?? "") }
        }
        lines += ["", "Как считали:"] + Self.definitions.map { "  * \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    static func plain(_ cell: ExportCell) -> String {
        switch cell {
        case .integer(let n): return String(n)
        case .decimal(let x): return NumberText.decimal(x, mark: ",")
        case .text(let t): return t
        case .date(let y, let m, let d): return NumberText.dotted(year: y, month: m, day: d)
        case .empty: return "—"
        }
    }

    /// A self-contained HTML page (inline SVG chart, tables); `title` names the campaign.
    public func html(title: String) -> String {
        let esc = XLSXWriter.escape
        var out = """
            <!DOCTYPE html>
            <html lang="ru"><head><meta charset="utf-8"><title>\(esc(title)) — отчёт</title>
            <style>body{font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222}\
            table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #bbb;padding:4px 8px}\
            th{background:#eee;text-align:left}td.n{text-align:right}</style></head>
            <body>
            <h1>\(esc(title)) — отчёт</h1>

            """
        for table in tables where !table.rows.isEmpty {
            let skipKey = table.columns.first?.key == "indicator"
            out += "<h2>\(esc(table.name))</h2>\n<table><tr>"
            for column in table.columns.dropFirst(skipKey ? 1 : 0) { out += "<th>\(esc(column.header))</th>" }
            out += "</tr>\n"
            for row in table.rows {
                out += "<tr>"
                for cell in row.dropFirst(skipKey ? 1 : 0) {
                    switch cell {
                    case .integer, .decimal: out += "<td class=\"n\">\(esc(Self.plain(cell)))</td>"
                    default: out += "<td>\(esc(Self.plain(cell)))</td>"
                    }
                }
                out += "</tr>\n"
            }
            out += "</table>\n"
            if table.columns.first?.key == "municipal_district" { out += chart.svg + "\n" }
        }
        out += "<h2>Как считали</h2>\n<ul>\n" + Self.definitions.map { "<li>\(esc($0))</li>\n" }.joined() + "</ul>\n"
        return out + "</body></html>\n"
    }
}
