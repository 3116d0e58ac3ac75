// `inbound show` explains held participant score sheets and ОТПРАВИТЬ replies by the rules
// that held them, not as "not a registered expert".
import Foundation
import Testing
@testable import Pipeline
import Store

@Suite struct InboundExplanationTests {
    static let failedDMARC = "Authentication-Results: mx.example.test; dmarc=fail header.from=example.test"

    @Test(arguments: [
        // sender, Authentication-Results, why it was held
        ("coord@example.test", true, [InboundExplanation.Reason.failedAuthentication]),
        ("expert1@example.test", true, [.failedAuthentication]),
        ("stranger@example.test", false, [.unregisteredScorer]),
        ("stranger@example.test", true, [.unregisteredScorer, .failedAuthentication]),
    ])
    func heldParticipantScoreSheets(sender: String, failed: Bool, want: [InboundExplanation.Reason]) throws {
        let harness = try MotivationMail.harness()
        harness.mailbox.deliver(Mail.make(from: sender, subject: "Оценка", body: MotivationMail.sheet(number: "1", score: "8"),
                                          id: "m1@x", headers: failed ? [Self.failedDMARC] : []))
        try harness.run(now: Harness.t0.addingTimeInterval(60))
        let row = try #require(try harness.inbound().last)
        #expect(row.state == .held)
        let explanation = InboundExplanation.explain(row, experts: harness.config.experts,
                                                     coordinators: harness.config.coordinators)
        #expect(explanation.form?.kind == "motivation")
        #expect(explanation.reasons == want)
        #expect(!explanation.reasons.contains(.unregisteredExpert), "a motivation sheet needs no registered expert")
    }

    /// Expert score sheets keep their rule: a coordinator is not an expert.
    @Test func coordinatorsExpertScoreSheetIsStillUnregistered() throws {
        let harness = try MotivationMail.harness()
        harness.mailbox.deliver(Mail.make(from: "coord@example.test", body: Mail.score(expert: "X", number: "1"), id: "s@x"))
        try harness.run(now: Harness.t0.addingTimeInterval(60))
        let row = try #require(try harness.inbound().last)
        #expect(row.state == .held)
        let explanation = InboundExplanation.explain(row, experts: harness.config.experts,
                                                     coordinators: harness.config.coordinators)
        #expect(explanation.reasons == [.unregisteredExpert])
    }

    /// A coordinator's ОТПРАВИТЬ reply held for want of a trusted verification (as
    /// Stages+ReleaseByReply leaves it): no form, so no score-sheet reasons.
    @Test(arguments: [("ОТПРАВИТЬ results\r\n\r\nАнна", [InboundExplanation.Reason.unverifiedCommand]),
                      ("Спасибо за сводку", [.unregisteredExpert])])
    func heldReleaseCommand(body: String, want: [InboundExplanation.Reason]) throws {
        let raw = Data("From: coord@example.test\r\nSubject: Re: Сводка\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\(body)\r\n".utf8)
        var row = InboundMessage(mailbox: "INBOX", uidValidity: 1, uid: 1, messageID: "r@x",
                                 sha256: String(repeating: "1", count: 64), raw: raw, fetchedAt: Harness.t0, state: .held)
        row.sender = "coord@example.test"
        row.class = "human"
        row.disposition = .held
        let explanation = InboundExplanation.explain(row, experts: [], coordinators: ["coord@example.test"])
        #expect(explanation.reasons == want)
        #expect(explanation.reasons.first?.sentence.isEmpty == false)
        if want == [.unverifiedCommand] {
            #expect(explanation.reasons[0].sentence.contains("ОТПРАВИТЬ"))
        }
    }
}
