// `export participants`: the motivation scores next to each application (the digest points
// participant score sheets here). Reads the `motivationScore` table (CSV import and score
// sheets by mail; one score per scorer, a later one replaces the earlier).
import Foundation
import GRDB
import Reports
import Store

extension StoreExports {
    /// How many of an applicant's latest non-empty comments the export shows.
    static let motivationCommentLimit = 3

    /// The motivation summary of every participant number in the campaign.
    struct MotivationSummary: Sendable, Hashable {
        var mean: Double
        var scorers: Int
        /// Non-empty comments, newest first, at most `motivationCommentLimit`.
        var comments: [String]
    }

    func motivationSummaries() throws -> [Int: MotivationSummary] {
        let scores = try store.pool.read { db in
            try MotivationScore.filter(Column("campaign") == campaign)
                .order(Column("participantNumber"), Column("createdAt").desc, Column("id").desc).fetchAll(db)
        }
        var out: [Int: MotivationSummary] = [:]
        for (number, rows) in Dictionary(grouping: scores, by: \.participantNumber) {
            let comments = rows.compactMap { $0.comment?.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }
            out[number] = MotivationSummary(
                mean: Double(rows.map(\.score).reduce(0, +)) / Double(rows.count), scorers: rows.count,
                comments: Array(comments.prefix(Self.motivationCommentLimit)))
        }
        return out
    }

    /// `table` (the participant applications, `number` first) with three more columns: the
    /// mean motivation score, the number of scorers and the latest comments (one per line).
    func withMotivationScores(_ table: ExportTable) throws -> ExportTable {
        let summaries = try motivationSummaries()
        let numberColumn = table.columns.firstIndex { $0.key == "number" } ?? 0
        let rows = table.rows.map { row -> [ExportCell] in
            guard case .integer(let number) = row[numberColumn], let summary = summaries[number] else {
                return row + [.empty, .integer(0), .empty]
            }
            return row + [.decimal((summary.mean * 100).rounded() / 100), .integer(summary.scorers),
                          .optional(summary.comments.joined(separator: "\n"))]
        }
        return ExportTable(name: table.name, columns: table.columns + [
            ExportColumn("motivation_score_mean", "Мотивация: средний балл", width: 10),
            ExportColumn("motivation_scorers", "Мотивация: оценщиков", width: 10),
            ExportColumn("motivation_comments", "Мотивация: последние комментарии", width: 40),
        ], rows: rows)
    }
}
