// Programme: the coordinators' CSV of motivation scores (`participants import-scores`).
import Foundation

/// One row of a motivation score CSV.
public struct MotivationRow: Sendable, Hashable {
    public var applicationNumber: Int
    public var motivation: Int
    public var comment: String?
    /// The `scorer` column, when the file has one.
    public var scorer: String?
    /// 1-based line in the file (header = 1).
    public var line: Int
}

/// A problem with one CSV row, reported with every other one.
public struct MotivationProblem: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// Reads a motivation CSV: header `application_number,motivation[,comment][,scorer]` (the
/// Russian labels `Номер заявки`, `Мотивация`, `Комментарий`, `Эксперт` work too); `;` as
/// separator (Excel in a Russian locale) is accepted.
public enum MotivationSheet {
    static let columns: [String: [String]] = [
        "application_number": ["application_number", "номер заявки", "заявка", "№", "номер"],
        "motivation": ["motivation", "мотивация", "мотивация (0–10)", "мотивация (0-10)", "оценка"],
        "comment": ["comment", "комментарий"],
        "scorer": ["scorer", "expert", "эксперт"],
    ]

    public static func parse(_ text: String) -> (rows: [MotivationRow], problems: [MotivationProblem]) {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        let firstLine = body.prefix { $0 != "\n" && $0 != "\r\n" }
        let semicolons = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count
        let all = CSVText.rows(body, separator: semicolons ? ";" : ",")
        guard let header = all.first else {
            return ([], [MotivationProblem(line: 1, message: "empty file — the first line must name the columns application_number,motivation,comment")])
        }
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            let n = name.trimmingCharacters(in: .whitespaces).lowercased()
            if let id = columns.first(where: { $0.value.contains(n) })?.key, index[id] == nil { index[id] = i }
        }
        var problems: [MotivationProblem] = []
        for required in ["application_number", "motivation"] where index[required] == nil {
            problems.append(MotivationProblem(line: 1, message: "no \(required) column — name the columns application_number,motivation,comment"))
        }
        if !problems.isEmpty { return ([], problems) }
        var rows: [MotivationRow] = []
        for (offset, fields) in all.dropFirst().enumerated() {
            let line = offset + 2
            func value(_ id: String) -> String? {
                guard let i = index[id], i < fields.count else { return nil }
                let v = fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
                return v.isEmpty ? nil : v
            }
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let numberText = value("application_number") ?? ""
            let number = Int(numberText.filter(\.isNumber))
            let scoreText = (value("motivation") ?? "").split(whereSeparator: { $0 == "/" || $0 == " " }).first.map(String.init) ?? ""
            let score = Int(scoreText)
            var bad = false
            if number == nil || number == 0 {
                problems.append(MotivationProblem(line: line, message: "application number «\(numberText)» is not a number"))
                bad = true
            }
            if score.map({ !(0...10).contains($0) }) ?? true {
                problems.append(MotivationProblem(line: line, message: "motivation «\(value("motivation") ?? "")» is not a whole number from 0 to 10"))
                bad = true
            }
            if !bad, let number, let score {
                rows.append(MotivationRow(applicationNumber: number, motivation: score, comment: value("comment"),
                                          scorer: value("scorer"), line: line))
            }
        }
        return (rows, problems)
    }
}
