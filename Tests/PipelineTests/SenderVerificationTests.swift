// Sender verification (RFC 8601): only Authentication-Results from a trusted authserv-id
// count; score sheets (and any kind in `verifiedKinds`) the trusted server does not verify are
// held for a coordinator, never dropped and never counted.
import Foundation
import GRDB
import MailMessage
import Testing
@testable import Pipeline
import Store

@Suite("Sender verification", .serialized)
struct SenderVerificationTests {
    static let trusted = "mx.perm.example.test"

    /// (Authentication-Results headers, topmost first; held with the trusted id configured; held without)
    @Test(arguments: [
        ([String](), true, false),
        (["mx.perm.example.test; dmarc=pass header.from=example.test"], false, false),
        (["mx.perm.example.test; spf=pass smtp.mailfrom=example.test; dkim=none"], false, false),
        (["mx.perm.example.test; dmarc=fail header.from=example.test"], true, true),
        (["mx.perm.example.test; spf=fail; dkim=fail"], true, true),
        (["mx.perm.example.test; spf=none; dkim=none"], true, false),
        // Forged by the sender: an id we do not trust, saying pass.
        (["forger.example.test; dmarc=pass"], true, false),
        // A forged "pass" with our id below the real one: the topmost with our id wins.
        (["mx.perm.example.test; dmarc=fail", "mx.perm.example.test; dmarc=pass"], true, true),
        (["MX.PERM.EXAMPLE.TEST 1; dkim=pass header.d=example.test"], false, false),
    ])
    func scoreSheetsNeedATrustedPass(results: [String], heldTrusted: Bool, heldUntrusted: Bool) throws {
        for trust in [true, false] {
            var config = PipelineConfig(campaign: "perm-2026", programmeAddress: "intake@example.test",
                                        experts: ["expert1@example.test"], answerExistingOnFirstRun: true)
            if trust { config.trustedAuthservIDs = [Self.trusted] }
            let harness = try Harness(config: config)
            harness.mailbox.deliver(Mail.make(from: "expert1@example.test", body: Mail.score(expert: "Эксперт", number: "1"),
                                              id: "s-\(trust)@x", headers: results.map { "Authentication-Results: \($0)" }))
            // A participant form is not a command: never held for authentication.
            harness.mailbox.deliver(Mail.make(from: "p@example.test", body: Mail.participant(name: "Анна"), id: "p-\(trust)@x",
                                              headers: results.map { "Authentication-Results: \($0)" }))
            let report = try harness.run()
            #expect(report.exitStatus == .ok)
            let rows = try harness.inbound()
            let held = trust ? heldTrusted : heldUntrusted
            #expect(rows.count == 2)
            #expect(rows[0].state == (held ? .held : .parsed), "\(results) trusted=\(trust)")
            #expect(rows[0].disposition == (held ? .held : .submitted), "\(results) trusted=\(trust)")
            #expect(rows[1].disposition == .submitted, "\(results) trusted=\(trust)")
            // Held is kept, not dropped: the raw mail is there for the coordinator.
            #expect(!rows[0].raw.isEmpty)
            #expect(try harness.submissions().filter { $0.kind == "score" }.count == (held ? 0 : 1))
        }
    }

    @Test func verificationIsPureOverTheHeaders() {
        let message = Message.parse(Mail.make(from: "a@example.test", body: "x", id: "v@x", headers: [
            "Authentication-Results: other.example.test; dmarc=fail",
            "Authentication-Results: mx.perm.example.test; dmarc=pass",
        ]))
        #expect(SenderAuthentication.of(message, trusted: [Self.trusted]) == .verified)
        #expect(SenderAuthentication.of(message, trusted: []) == .failed)
        #expect(SenderAuthentication.of(message, trusted: ["nobody.example.test"]) == .unknown)
    }
}
