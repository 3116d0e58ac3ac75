// The review over a real SQLite file with fake edges: reminders, spread, catalogue, CSV.
import Foundation
import GRDB
import Programme
import Store
import Testing
@testable import Pipeline

@Suite struct ReviewTests {
    static let experts = ["e1@example.test", "e2@example.test", "e3@example.test"]

    static func setUp(programmes: Int) throws -> (Harness, Review) {
        let config = PipelineConfig(campaign: "perm-2026", programmeAddress: "intake@example.test",
                                    experts: experts, answerExistingOnFirstRun: true)
        let harness = try Harness(config: config)
        for i in 1...programmes {
            harness.mailbox.deliver(Mail.make(from: "host\(i)@example.test",
                                              body: Mail.program(org: "Орг \(i)", title: "П\(i)"), id: "p\(i)@x.test"))
        }
        try harness.run()
        let templates = try TemplateReplyRenderer(directory: templatesDirectory, campaignTitle: "Стажировки НКО 2026",
                                                  timeZone: config.timeZone).templates
        let blank = try String(contentsOf: templatesDirectory.appendingPathComponent("forms/score.txt"), encoding: .utf8)
        let review = Review(
            store: harness.store, config: config,
            review: ReviewConfig(
                experts: experts.map { ReviewExpert(email: $0, name: "Эксперт", organisation: $0, territory: "Пермь") },
                perProgramme: 2, spreadThreshold: 10, publicityList: ["news@example.test", "tv@example.test"],
                reviewClosesAt: Harness.t0.addingTimeInterval(3 * 86_400), reviewClosesText: "24 сентября 2026 г.",
                participantCallText: "С 1 по 10 октября 2026 г.", blankScoreSheet: blank),
            templates: templates, campaignTitle: "Стажировки НКО 2026", logger: harness.logger)
        return (harness, review)
    }

    static func sheet(_ number: Int, _ value: Int) -> String {
        """
        ЭКСПЕРТНАЯ ОЦЕНКА
        Эксперт: Эксперт
        Номер заявки: \(number)
        Актуальность (0–10): \(value)
        Практическая польза (0–10): \(value)
        Реалистичность (0–10): \(value)
        Качество программы (0–10): \(value)
        Комментарий:
        Конфликт интересов (да/нет): нет

        """
    }

    @Test func assignmentMailCarriesPrefilledSheets() throws {
        let (harness, review) = try Self.setUp(programmes: 3)
        let report = try review.assign(now: Harness.t0)
        #expect(report.added.count == 6 && report.mails == 3)
        let mails = try harness.outbox().filter { $0.template == "expert_assignment" }
        #expect(mails.count == 3)
        for mail in mails {
            let text = String(decoding: mail.raw, as: UTF8.self)
            #expect(text.contains("Auto-Submitted: auto-generated"))
            // Each expert sees exactly their programmes; nobody else's scores exist yet.
            let numbers = report.added.filter { $0.expert == mail.recipient }.map(\.number)
            #expect(numbers.count == 2)
        }
    }

    @Test func remindersOnceADayOnlyForMissingSheetsAndNotAfterTheDeadline() throws {
        let (harness, review) = try Self.setUp(programmes: 3)
        let report = try review.assign(now: Harness.t0)
        let done = report.added.filter { $0.expert == Self.experts[0] }
        for (i, pair) in done.enumerated() {
            harness.mailbox.deliver(Mail.make(from: pair.expert, body: Self.sheet(pair.number, 5), id: "s\(i)@x.test"))
        }
        try harness.run(now: Harness.t0.addingTimeInterval(60))
        #expect(try review.remind(now: Harness.t0.addingTimeInterval(3600)) == 2)
        #expect(try review.remind(now: Harness.t0.addingTimeInterval(3700)) == 0)
        #expect(try review.remind(now: Harness.t0.addingTimeInterval(86_400 + 3600)) == 2)
        #expect(try review.remind(now: Harness.t0.addingTimeInterval(4 * 86_400)) == 0)
        let reminded = Set(try harness.outbox().filter { $0.template == "expert_reminder" }.map(\.recipient))
        #expect(reminded == Set(Self.experts.dropFirst()))
    }

    @Test func spreadAboveThresholdAsksForOneMoreExpertOnce() throws {
        let (harness, review) = try Self.setUp(programmes: 1)
        let report = try review.assign(now: Harness.t0)
        for (i, pair) in report.added.enumerated() {
            harness.mailbox.deliver(Mail.make(from: pair.expert, body: Self.sheet(1, i == 0 ? 2 : 9), id: "s\(i)@x.test"))
        }
        try harness.run(now: Harness.t0.addingTimeInterval(60))
        #expect(try review.ranking().first?.score.needsAnotherExpert == true)
        let extra = try review.assign(now: Harness.t0.addingTimeInterval(120))
        #expect(extra.extraForSpread == [1] && extra.added.count == 1)
        #expect(try review.assign(now: Harness.t0.addingTimeInterval(180)).added.isEmpty)
    }

    @Test func unassignedExpertsSheetIsNotCounted() throws {
        let (harness, review) = try Self.setUp(programmes: 1)
        let report = try review.assign(now: Harness.t0)
        let outsider = Set(Self.experts).subtracting(report.added.map(\.expert)).first ?? ""
        harness.mailbox.deliver(Mail.make(from: outsider, body: Self.sheet(1, 10), id: "o@x.test"))
        try harness.run(now: Harness.t0.addingTimeInterval(60))
        let score = try review.ranking().first?.score
        #expect(score?.total == nil && score?.missing.count == 2)
    }

    @Test func catalogueOncePerWinnerListToEachPublicityAddress() throws {
        let (_, review) = try Self.setUp(programmes: 3)
        _ = try review.decide(.ids([3, 1]), now: Harness.t0)
        #expect(try review.mailCatalogue(now: Harness.t0) == 2)
        #expect(try review.mailCatalogue(now: Harness.t0) == 0)
        let csv = try review.catalogueCSV()
        #expect(csv.hasPrefix("number,title,organisation,locality,dates,seats,description\r\n1,"))
        #expect(csv.split(separator: "\r\n").count == 3)
        _ = try review.decide(.ids([2]), now: Harness.t0)
        #expect(try review.mailCatalogue(now: Harness.t0) == 2)
        #expect(throws: ReviewError.self) { try review.decide(.ids([9]), now: Harness.t0) }
    }

    @Test(arguments: [("=SUM(A1)", "'=SUM(A1)"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("plain", "plain")])
    func csvFields(input: String, want: String) {
        #expect(CSV.field(input) == want)
    }
}
