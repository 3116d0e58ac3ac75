import Foundation
import Testing
@testable import Pipeline
@testable import Reports

/// The report counts the `feedback` table (not submissions by sender address); the
/// participants export carries the motivation scores.
@Suite struct FeedbackAndMotivationTests {
    static let zone = TimeZone(identifier: "Asia/Yekaterinburg") ?? .current

    /// a4 (reserve only, not attended) sends feedback from another address, told apart by the
    /// request's token; a1 sends a second version; a stranger's unresolvable form has no row.
    @Test(arguments: [
        ("a4 from another address", 4, 5),
        ("a1 second version", 3, 4),
        ("stranger without a row", 3, 4),
    ])
    func reportReadsTheFeedbackTable(change: String, feedbackCount: Int, attended: Int) throws {
        let season = try Season()
        try season.script()
        let day = Season.perm("2026-09-20T12:00:00")
        switch change {
        case "a4 from another address":
            try season.feedback(4, programme: 1, from: "gleb.home@example.test", number: 4, at: day,
                                rating: 5, before: 1, after: 10)
        case "a1 second version":
            try season.feedback(1, programme: 1, from: "a1@example.test", number: 1, version: 2, at: day,
                                rating: 2, before: 4, after: 8)
        default:
            try season.submit("feedback", from: "stranger@example.test", number: 4, at: day,
                              ["program_rating": "1", "competence_before": "1", "competence_after": "1"])
        }
        let source = StoreReportSource(store: season.store, campaign: season.campaign, timeZone: Self.zone)
        let report = SeasonReport(try source.facts(now: SeasonReportTests.countedAt))
        #expect(report.feedbackCount == feedbackCount, "\(change)")
        #expect(report.total.attended == attended, "\(change)")
        if change == "a1 second version" {
            #expect(report.averageRating == 3, "ratings 2 (replaces 5), 4, 3")
        }
        if change == "a4 from another address" {
            #expect(report.averageCompetenceAfter == 9, "after 8, 9, 10")
            let exports = StoreExports(store: season.store, campaign: season.campaign, timeZone: Self.zone,
                                       now: SeasonReportTests.countedAt)
            let table = try exports.tables(.attendance)[0]
            let sent = table.columns.firstIndex { $0.key == "feedback_sent" } ?? 0
            #expect(table.rows[3][sent] == .text("да"), "a4's feedback counts by participant, not address")
        }
    }

    /// Two scorers for № 1 (e1 re-scores without a comment), one for № 2, none for the rest.
    @Test func participantsExportCarriesMotivationScores() throws {
        let season = try Season()
        try season.script()
        try season.motivation(1, scorer: "e1@example.test", score: 7, comment: "Сильная мотивация",
                              at: Season.perm("2026-09-02T10:00:00"))
        try season.motivation(1, scorer: "Ирина (координатор)", score: 9, comment: "Очень хорошо",
                              at: Season.perm("2026-09-02T11:00:00"))
        try season.motivation(1, scorer: "e1@example.test", score: 8, comment: nil, at: Season.perm("2026-09-03T10:00:00"))
        try season.motivation(2, scorer: "e1@example.test", score: 6, comment: "Мало опыта",
                              at: Season.perm("2026-09-02T10:00:00"))
        let exports = StoreExports(store: season.store, campaign: season.campaign, timeZone: Self.zone,
                                   now: SeasonReportTests.countedAt)
        let table = try exports.tables(.participants)[0]
        let keys = table.columns.map(\.key)
        #expect(Array(keys.suffix(3)) == ["motivation_score_mean", "motivation_scorers", "motivation_comments"])
        let mean = keys.count - 3, scorers = keys.count - 2, comments = keys.count - 1
        #expect(table.rows.count == 6)
        #expect(table.rows[0][mean] == .decimal(8.5))
        #expect(table.rows[0][scorers] == .integer(2))
        #expect(table.rows[0][comments] == .text("Очень хорошо"), "e1's newer score has no comment")
        #expect(table.rows[1][mean] == .decimal(6))
        #expect(table.rows[1][comments] == .text("Мало опыта"))
        #expect(table.rows[2][mean] == .empty)
        #expect(table.rows[2][scorers] == .integer(0))
        let csv = String(decoding: CSVWriter.bytes(table).dropFirst(3), as: UTF8.self)
        #expect(csv.contains("Мотивация: средний балл"))
        #expect(csv.contains(";8,5;2;Очень хорошо\r\n"))
    }

    /// The three latest comments, newest first.
    @Test func commentsAreTheLatestThree() throws {
        let season = try Season()
        try season.script()
        for (index, hour) in [10, 11, 12, 13].enumerated() {
            try season.motivation(3, scorer: "s\(index)@example.test", score: 5, comment: "к\(index)",
                                  at: Season.perm("2026-09-02T\(hour):00:00"))
        }
        let exports = StoreExports(store: season.store, campaign: season.campaign, timeZone: Self.zone,
                                   now: SeasonReportTests.countedAt)
        let table = try exports.tables(.participants)[0]
        #expect(table.rows[2].last == .text("к3\nк2\nк1"))
        #expect(table.rows[2][table.columns.count - 2] == .integer(4))
    }
}
