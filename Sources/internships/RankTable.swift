// The ranking as a terminal table or CSV (`programmes rank`). Pure formatting.
import Pipeline
import Programme

enum RankTable {
    typealias Row = (entry: Review.Entry, score: ProgrammeScore)

    static func scores(_ score: ProgrammeScore) -> String {
        score.sheets.map { "\($0.expert)=\($0.total)" }.joined(separator: " ")
    }

    static func text(_ rows: [Row]) -> String {
        var lines = ["rank  №    title                          rel   ben   real  qual  total  spread  sheets  missing"]
        for (index, row) in rows.enumerated() {
            let s = row.score
            let means = s.means.isEmpty ? Array(repeating: "-", count: 4) : s.means.map(Review.decimal)
            let title = String(row.entry.programme.title.prefix(30))
            var line = pad(String(index + 1), 6) + pad(String(s.number), 5) + pad(title, 31)
            for mean in means { line += pad(mean, 6) }
            line += pad(s.total.map(Review.decimal) ?? "-", 7) + pad(String(s.spread), 8) + pad(String(s.sheets.count), 8)
            line += s.missing.isEmpty ? "-" : s.missing.joined(separator: ",")
            if s.needsAnotherExpert { line += "  [spread: one more expert]" }
            lines.append(line)
            if !s.sheets.isEmpty { lines.append("      scores: " + scores(s)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csv(_ rows: [Row]) -> String {
        let header = ["rank", "number", "title", "organisation", "relevance", "practical_benefit", "realism",
                      "program_quality", "total", "spread", "sheets", "scores", "missing", "needs_another_expert"]
        var lines = [header.joined(separator: ",")]
        for (index, row) in rows.enumerated() {
            let s = row.score
            let means = s.means.isEmpty ? Array(repeating: "", count: 4) : s.means.map { String(format: "%.2f", $0) }
            let fields = [String(index + 1), String(s.number), row.entry.programme.title, row.entry.programme.organisation]
                + means + [s.total.map { String(format: "%.2f", $0) } ?? "", String(s.spread), String(s.sheets.count),
                           scores(s), s.missing.joined(separator: " "), s.needsAnotherExpert ? "yes" : "no"]
            lines.append(fields.map(CSV.field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
