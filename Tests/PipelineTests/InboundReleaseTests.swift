// `inbound release`/`show`/`list` over a real SQLite store: a held score sheet, released,
// is counted and acknowledged exactly once; releasing twice is once; reasons are explained.
import Foundation
import GRDB
import Testing
@testable import Pipeline
import Store

@Suite struct InboundReleaseTests {
    static let strangerScore = Mail.make(from: "second.address@example.test",
                                         body: Mail.score(expert: "Эксперт", number: "№ 7"), id: "held@x")

    func auditChanges(_ harness: Harness, cause: String) throws -> [String] {
        try harness.store.pool.read { db in
            try AuditEntry.filter(Column("cause") == cause).order(Column("id")).fetchAll(db).map(\.change)
        }
    }

    @Test func releasedHeldScoreIsCountedAndAcknowledgedExactlyOnce() throws {
        let harness = try Harness()
        harness.mailbox.deliver(Self.strangerScore)
        try harness.run()
        let held = try #require(try harness.inbound().first)
        let id = try #require(held.id)
        #expect(held.state == .held && held.disposition == .held)
        #expect(try harness.submissions().isEmpty && harness.outbox().isEmpty)

        guard case .released = try harness.store.inboundRelease(id: id, now: Harness.t0.addingTimeInterval(60)) else {
            Issue.record("first release did not release"); return
        }
        guard case .alreadyReleased(_, let at) = try harness.store.inboundRelease(id: id, now: Harness.t0.addingTimeInterval(120)) else {
            Issue.record("second release was not a no-op"); return
        }
        #expect(at == Harness.t0.addingTimeInterval(60))
        #expect(try auditChanges(harness, cause: Store.inboundReleaseCause) == ["held -> parsed: released by a coordinator"])

        for hour in 1...2 {
            try harness.run(now: Harness.t0.addingTimeInterval(Double(hour) * 3600))
        }
        let row = try #require(try harness.inbound().first)
        #expect(row.state == .parsed && row.disposition == .submitted)
        #expect(try harness.submissions().map { "\($0.kind) \($0.number) v\($0.version) \($0.key)" }
                == ["score 1 v1 second.address@example.test|7"])
        let outbox = try harness.outbox()
        #expect(outbox.map { "\($0.template) \($0.recipient) \($0.state.rawValue)" }
                == ["ack second.address@example.test sent"])
        #expect(harness.sender.accepted.count == 1)

        let record = try #require(try harness.store.inboundRecord(id: id))
        #expect(record.releasedAt == Harness.t0.addingTimeInterval(60))
        #expect(record.replies.map(\.id) == outbox.map(\.id))
        #expect(record.audit.map(\.change).contains("applied: submitted"))
        let explanation = InboundExplanation.explain(row, experts: harness.config.experts, released: true)
        #expect(explanation.reasons == [.unregisteredExpert])
    }

    @Test func onlyHeldMessagesCanBeReleased() throws {
        let harness = try Harness()
        harness.mailbox.deliver(Mail.make(from: "expert1@example.test", body: Mail.score(expert: "X", number: "1"), id: "ok@x"))
        try harness.run()
        let row = try #require(try harness.inbound().first)
        guard case .notHeld(let found) = try harness.store.inboundRelease(id: row.id ?? 0, now: Harness.t0) else {
            Issue.record("a parsed message was released"); return
        }
        #expect(found.state == .parsed)
        #expect(try harness.store.inboundRelease(id: 9_999, now: Harness.t0) == .notFound)
        #expect(try harness.store.inboundRecord(id: 9_999) == nil)
        #expect(try auditChanges(harness, cause: Store.inboundReleaseCause).isEmpty)
    }

    @Test(arguments: [
        ("stranger@example.test", nil, [InboundExplanation.Reason.unregisteredExpert]),
        ("expert1@example.test", "mx.example.test; dmarc=fail header.from=example.test", [.failedAuthentication]),
        ("stranger@example.test", "mx.example.test; spf=fail smtp.mailfrom=x; dkim=fail header.d=x",
         [.unregisteredExpert, .failedAuthentication]),
    ] as [(String, String?, [InboundExplanation.Reason])])
    func showExplainsWhyAMessageWasHeld(from: String, results: String?, want: [InboundExplanation.Reason]) throws {
        let harness = try Harness()
        harness.mailbox.deliver(Mail.make(from: from, body: Mail.score(expert: "X", number: "1"), id: "r@x",
                                          headers: results.map { ["Authentication-Results: \($0)"] } ?? []))
        try harness.run()
        let row = try #require(try harness.inbound().first)
        #expect(row.state == .held)
        let explanation = InboundExplanation.explain(row, experts: harness.config.experts)
        #expect(explanation.reasons == want)
        #expect(explanation.form?.kind == "score")
        let names = explanation.headers.map(\.name)
        #expect(names.prefix(5) == ["From", "To", "Subject", "Date", "Message-ID"])
        #expect(names.contains("Authentication-Results") == (results != nil))
    }

    @Test func listFiltersByStateAndClass() throws {
        let harness = try Harness()
        harness.mailbox.deliver(Self.strangerScore)
        harness.mailbox.deliver(Mail.make(from: "expert1@example.test", body: Mail.score(expert: "X", number: "1"), id: "ok@x"))
        harness.mailbox.deliver(Mail.make(from: "robot@example.test", body: "Я в отпуске", id: "auto@x",
                                          headers: ["Auto-Submitted: auto-replied"]))
        try harness.run()
        let store = harness.store
        #expect(try store.inboundList().count == 3)
        #expect(try store.inboundList(state: .held).map(\.sender) == ["second.address@example.test"])
        #expect(try store.inboundList(messageClass: "auto_reply").map(\.sender) == ["robot@example.test"])
        #expect(try store.inboundList(state: .parsed, messageClass: "human").map(\.sender) == ["expert1@example.test"])
        #expect(try store.inboundList(limit: 1).map(\.messageID) == ["auto@x"])
    }
}
