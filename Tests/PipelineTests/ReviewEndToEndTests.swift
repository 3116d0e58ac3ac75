// The expert review and the results on the real Dovecot and Postfix (scripts/mail-servers):
// 12 programmes, 4 experts (one conflicted by organisation, one declaring a conflict), a
// spoofed sheet, sheets with errors, ranking against a hand computation, release, re-run,
// correction and the catalogue — every mailbox read back over IMAP.
import Foundation
import GRDB
import Logging
import MailMessage
import MailTransport
import Programme
import Rendering
import Store
import Testing
@testable import Pipeline

@Suite(.serialized) struct ReviewEndToEndTests {
    static func sheet(number: Int, _ s: [Int], conflict: Bool = false, comment: String = "") -> String {
        """
        ЭКСПЕРТНАЯ ОЦЕНКА
        Эксперт: Эксперт
        Номер заявки: \(number)
        Актуальность (0–10): \(s[0])
        Практическая польза (0–10): \(s[1])
        Реалистичность (0–10): \(s[2])
        Качество программы (0–10): \(s[3])
        Комментарий: \(comment)
        Конфликт интересов (да/нет): \(conflict ? "да" : "нет")

        """
    }

    /// Every message in `user`'s INBOX, parsed, once `count` have arrived.
    static func inbox(_ env: MailEnv, _ user: String, count: Int, logger: Logger) throws -> [Message] {
        let box = try IMAPSession(settings: env.imap(user), logger: logger)
        _ = try waitForMail(box, count: count, timeout: .seconds(30))
        let status = try box.status(mailbox: "INBOX")
        return try box.searchUIDs(mailbox: "INBOX").map {
            Message.parse(try box.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: $0))
        }
    }

    /// Hand computation: each programme's criteria, the same from every assigned expert
    /// unless listed in `split` (two sheets whose means are these).
    static let base: [Int: [Int]] = [
        1: [9, 9, 8, 9], 2: [3, 4, 3, 2], 3: [7, 7, 7, 7], 4: [6, 6, 6, 6], 5: [10, 9, 10, 10], 6: [2, 2, 2, 2],
        7: [8, 8, 8, 7], 8: [5, 6, 5, 6], 9: [4, 4, 4, 4], 10: [1, 2, 1, 2], 11: [7, 8, 8, 8], 12: [6, 5, 6, 5],
    ]
    // Totals: 1→35, 2→12, 3→28, 4→24 (sheets 5,6,7,8 and 7,6,5,4), 5→39, 6→8, 7→31, 8→22, 9→16,
    // 10→6, 11→31, 12→22. Ranked (ties by number): 5, 1, 7, 11, 3, 4, 8, 12, 9, 2, 6, 10.
    static let handRanking = [5, 1, 7, 11, 3, 4, 8, 12, 9, 2, 6, 10]
    static let handTotals: [Int: Double] = [1: 35, 2: 12, 3: 28, 4: 24, 5: 39, 6: 8, 7: 31, 8: 22, 9: 16, 10: 6, 11: 31, 12: 22]

    @Test func twelveProgrammesFourExpertsThroughRealServers() throws {
        let env = try MailEnv.require()
        let tag = UUID().uuidString.lowercased().prefix(8)
        let intake = "intake-\(tag)@example.test"
        let hosts = (1...12).map { "host-\(tag)-\($0)@example.test" }
        let experts = (1...4).map { "expert-\(tag)-\($0)@example.test" }
        let publicity = "news-\(tag)@example.test"
        var logger = Logger(label: "e2e-review")
        logger.logLevel = .warning
        let clock = ContinuousClock()
        let started = clock.now

        // 12 programme applications, one per host NGO; programme 1 is expert 1's organisation.
        let inbox = try IMAPSession(settings: env.imap(intake), logger: logger)
        for (i, host) in hosts.enumerated() {
            let org = i == 0 ? "АНО «Кама»" : "Организация \(i + 1)"
            try inbox.append(mailbox: "INBOX", bytes: Mail.make(
                from: host, body: Mail.program(org: org, title: "Программа \(i + 1)"), id: "p\(i)-\(tag)@example.test"))
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-review-\(tag)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(path: directory.appendingPathComponent("internships.sqlite").path)
        let config = PipelineConfig(campaign: "e2e", programmeAddress: intake, programmeName: "Стажировки НКО",
                                    experts: experts, answerExistingOnFirstRun: true)
        let runner = Runner(stages: Stages(store: store, config: config, reader: StandardMessageReader.standard(config: config),
                                           renderer: try RecordingRenderer(), logger: logger))
        let source = try IMAPMailboxSource(settings: env.imap(intake), logger: logger)
        let sender = try SMTPMailSender(settings: env.smtp(intake), logger: logger)
        func run() throws -> RunReport {
            let report = try runner.run(source: source, sender: sender, now: Date())
            #expect(report.exitStatus == .ok, "\(report.problems)")
            return report
        }
        #expect(try run().deliver?.sent == 12)

        let templates = try TemplateReplyRenderer(directory: templatesDirectory, campaignTitle: "Стажировки НКО 2026",
                                                  timeZone: config.timeZone).templates
        let blank = try String(contentsOf: templatesDirectory.appendingPathComponent("forms/score.txt"), encoding: .utf8)
        let reviewConfig = ReviewConfig(
            experts: experts.enumerated().map { i, email in
                ReviewExpert(email: email, name: "Эксперт \(i + 1)", organisation: i == 0 ? "АНО Кама" : "Фонд \(i + 1)",
                             territory: i % 2 == 0 ? "Пермь" : "Кудымкар")
            },
            perProgramme: 2, spreadThreshold: 10, resultsIncludeScores: true, publicityList: [publicity],
            reviewClosesAt: Date().addingTimeInterval(86_400 * 7), reviewClosesText: "15 августа 2026 г.",
            participantCallText: "С 25 августа по 10 сентября 2026 г.", blankScoreSheet: blank)
        let review = Review(store: store, config: config, review: reviewConfig, templates: templates,
                            campaignTitle: "Стажировки НКО 2026", logger: logger)

        // Assignment: 24 pairs, 6 per expert, never expert 1 on programme 1; one mail each.
        let assigned = try review.assign(now: Date())
        #expect(assigned.added.count == 24 && assigned.mails == 4 && assigned.short.isEmpty)
        #expect(!assigned.added.contains(AssignmentPair(number: 1, expert: experts[0])))
        #expect(Dictionary(grouping: assigned.added, by: \.expert).values.allSatisfy { $0.count == 6 })
        #expect(try review.assign(now: Date()).added.isEmpty)
        #expect(try run().deliver?.sent == 4)
        var mine: [String: [Int]] = [:]
        for pair in assigned.added { mine[pair.expert, default: []].append(pair.number) }
        for expert in experts {
            let mails = try Self.inbox(env, expert, count: 1, logger: logger)
            #expect(mails.count == 1)
            let text = mails.first?.textBody ?? ""
            for number in mine[expert] ?? [] { #expect(text.contains("Номер заявки: \(number)\n"), "\(expert) № \(number)") }
            #expect(mails.first?.header("Auto-Submitted") == "auto-generated")
        }

        // Sheets. Expert 3 declares a conflict on its first programme; programme 4 gets two
        // different sheets; expert 4's first sheet has an error, then a corrected one.
        let declarer = experts[2]
        let declared = (mine[declarer] ?? []).sorted().first { $0 != 4 } ?? 0
        var sent: [String: Int] = [:]
        func sendSheet(_ from: String, _ body: String, headers: [String] = []) throws {
            sent[from, default: 0] += 1
            try inbox.append(mailbox: "INBOX", bytes: Mail.make(
                from: from, subject: "Оценка", body: body, id: "s\(sent.values.reduce(0, +))-\(tag)@example.test",
                headers: headers))
        }
        var programme4 = [[5, 6, 7, 8], [7, 6, 5, 4]]
        for pair in assigned.added.sorted() {
            if pair.expert == declarer && pair.number == declared {
                try sendSheet(pair.expert, Self.sheet(number: pair.number, [0, 0, 0, 0], conflict: true))
                continue
            }
            let scores = pair.number == 4 ? programme4.removeFirst() : Self.base[pair.number] ?? []
            try sendSheet(pair.expert, Self.sheet(number: pair.number, scores, comment: "Отзыв \(pair.number)"))
        }
        let fourth = experts[3], fourthFirst = (mine[fourth] ?? []).sorted().first { $0 != 4 } ?? 0
        try sendSheet(fourth, Self.sheet(number: fourthFirst, [12, 1, 1, 1]))  // 12 is out of range: errors reply
        // A second sheet replaces the first (same values as the hand table, after a wrong one).
        try sendSheet(fourth, Self.sheet(number: fourthFirst, [0, 0, 0, 0]))
        try sendSheet(fourth, Self.sheet(number: fourthFirst, Self.base[fourthFirst] ?? []))
        // Spoofed: expert 2's address, but our server's DMARC check failed; and a stranger.
        try inbox.append(mailbox: "INBOX", bytes: Mail.make(
            from: experts[1], subject: "Оценка", body: Self.sheet(number: 10, [10, 10, 10, 10]), id: "spoof-\(tag)@example.test",
            headers: ["Authentication-Results: mx.example.test; dmarc=fail header.from=example.test"]))
        try inbox.append(mailbox: "INBOX", bytes: Mail.make(
            from: "stranger-\(tag)@example.test", subject: "Оценка", body: Self.sheet(number: 2, [10, 10, 10, 10]),
            id: "stranger-\(tag)@example.test"))
        let sheetsRun = try run()
        #expect(sheetsRun.pickup?.stored == 24 + 3 + 2)
        let held = try store.pool.read { try InboundMessage.filter(Column("state") == "held").fetchCount($0) }
        #expect(held == 2)
        // Expert 4: the assignment, 6 + 2 acknowledgements, and one error reply.
        let fourthMail = try Self.inbox(env, fourth, count: 1 + 8 + 1, logger: logger)
        let subjects = fourthMail.map { $0.subject ?? "" }
        #expect(subjects.filter { $0.contains("Оценка заявки") }.count == 8, "\(subjects)")
        #expect(subjects.filter { $0.contains("нужно исправить ошибки") }.count == 1, "\(subjects)")

        // The declared conflict: recorded, excluded, and another expert assigned and mailed.
        let again = try review.assign(now: Date())
        #expect(again.conflicts == [AssignmentPair(number: declared, expert: declarer)])
        #expect(again.added.count == 1 && again.added.first?.number == declared && again.added.first?.expert != declarer)
        #expect(again.mails == 1)
        let replacement = again.added.first?.expert ?? ""
        #expect(try run().deliver?.sent == 1)
        try sendSheet(replacement, Self.sheet(number: declared, Self.base[declared] ?? []))
        _ = try run()

        // Ranking equals the hand computation; nothing missing, nobody's score from outside.
        let ranked = try review.ranking()
        #expect(ranked.map(\.score.number) == Self.handRanking)
        for (entry, score) in ranked {
            #expect(score.total == Self.handTotals[entry.programme.number], "№ \(entry.programme.number)")
            #expect(score.missing.isEmpty && score.sheets.count == 2, "№ \(entry.programme.number) \(score.missing)")
        }
        #expect(ranked.first { $0.score.number == 4 }?.score.spread == 4)
        #expect(ranked.first { $0.score.number == 4 }?.score.means == [6, 6, 6, 6])

        // Nothing goes out before release; release sends exactly one letter per host.
        let decision = try review.decide(.winners(5), now: Date())
        #expect(decision.winners == [1, 3, 5, 7, 11])
        #expect(try run().deliver?.sent == 0)
        #expect(try review.resultsPlan().counts == ["result_winner": 5, "result_not_selected": 7])
        #expect(try review.releaseResults(now: Date()).letters.count == 12)
        #expect(try run().deliver?.sent == 12)
        for (i, host) in hosts.enumerated() {
            let mails = try Self.inbox(env, host, count: 2, logger: logger)
            #expect(mails.count == 2, "\(host)")
            let result = mails.last
            let won = decision.winners.contains(i + 1)
            #expect((result?.subject ?? "").contains(won ? "поддержана" : "Итоги конкурса"), "\(result?.subject ?? "")")
            #expect(result?.textBody.contains("Итого") == true)
            #expect(result?.textBody.contains("expert-") == false)  // anonymised
        }
        // A re-run sends nothing.
        #expect(try review.releaseResults(now: Date()).letters.isEmpty)
        #expect(try run().deliver?.sent == 0)

        // A changed decision: one correction, to the host whose verdict changed (№ 4 wins now).
        _ = try review.decide(.ids([1, 3, 4, 5, 7, 11]), now: Date())
        let correction = try review.releaseResults(now: Date())
        #expect(correction.letters == [ResultLetter(number: 4, verdict: .winner, kind: .correction, previous: .notSelected)])
        #expect(try run().deliver?.sent == 1)
        let corrected = try Self.inbox(env, hosts[3], count: 3, logger: logger)
        #expect(corrected.count == 3 && (corrected.last?.subject ?? "").contains("Исправление"))

        // The catalogue reaches the publicity list with every winner's number.
        #expect(try review.mailCatalogue(now: Date()) == 1)
        #expect(try review.mailCatalogue(now: Date()) == 0)
        #expect(try run().deliver?.sent == 1)
        let catalogue = try Self.inbox(env, publicity, count: 1, logger: logger)
        #expect(catalogue.count == 1)
        for number in [1, 3, 4, 5, 7, 11] {
            #expect(catalogue.first?.textBody.contains("№ \(number). «Программа \(number)") == true)
        }
        #expect(catalogue.first?.textBody.contains("Программа 2") == false)
        #expect(catalogue.first?.htmlText != nil)
        // Experts never see each other: no expert's mail names another expert.
        for expert in experts {
            let count = try IMAPSession(settings: env.imap(expert), logger: logger).status(mailbox: "INBOX").messages
            for mail in try Self.inbox(env, expert, count: count, logger: logger) {
                for other in experts where other != expert { #expect(!mail.textBody.contains(other)) }
            }
        }
        let csv = try review.catalogueCSV()
        #expect(csv.split(separator: "\r\n").count == 7)
        print("e2e review: \(clock.now - started)")
    }
}
