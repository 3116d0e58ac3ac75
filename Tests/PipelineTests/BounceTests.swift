// Bounces (RFC 3464): read, tied to the exact outgoing message by the Message-ID the report
// quotes (text/rfc822-headers or message/rfc822), the recipient marked undeliverable and listed
// for the digest; forged and temporary ones mark no one; a bounce is never answered.
import Foundation
import GRDB
import Testing
@testable import Pipeline
import Store

/// An RFC 3464 report as an MTA writes it.
func dsn(to programme: String = "intake@example.test", failed recipient: String, status: String = "5.1.1",
         action: String = "failed", quoting messageID: String, embedded: Bool = false, id: String) -> [UInt8] {
    let original = embedded
        ? "Content-Type: message/rfc822\r\n\r\nFrom: \(programme)\r\nTo: \(recipient)\r\nMessage-ID: <\(messageID)>\r\nSubject: x\r\n\r\nbody\r\n"
        : "Content-Type: text/rfc822-headers\r\n\r\nFrom: \(programme)\r\nTo: \(recipient)\r\nMessage-ID: <\(messageID)>\r\nSubject: x\r\n"
    let text = """
        From: Mail Delivery System <MAILER-DAEMON@mx.example.test>\r
        To: \(programme)\r
        Subject: Undelivered Mail Returned to Sender\r
        Message-ID: <\(id)>\r
        Date: Sun, 29 Nov 2026 09:05:00 +0500\r
        Auto-Submitted: auto-replied\r
        MIME-Version: 1.0\r
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r
        \r
        --b1\r
        Content-Type: text/plain\r
        \r
        I'm sorry to have to inform you that your message could not be delivered.\r
        --b1\r
        Content-Type: message/delivery-status\r
        \r
        Reporting-MTA: dns; mx.example.test\r
        \r
        Final-Recipient: rfc822; \(recipient)\r
        Original-Recipient: rfc822;\(recipient)\r
        Action: \(action)\r
        Status: \(status)\r
        Diagnostic-Code: smtp; 550 \(status) <\(recipient)>: Recipient address rejected\r
        \r
        --b1\r
        \(original)\r
        --b1--\r

        """
    return Array(text.utf8)
}

@Suite("Bounces (RFC 3464)", .serialized)
struct BounceTests {
    /// A person's acknowledgement, sent; returns (harness, person, Message-ID of our reply).
    func sentReply(_ person: String = "Person@Example.test") throws -> (Harness, String, String) {
        let harness = try Harness()
        harness.mailbox.deliver(Mail.make(from: person, body: Mail.program(org: "АНО Отказ"), id: "b0@x"))
        try harness.run()
        let row = try #require(try harness.outbox().first)
        #expect(row.state == .sent)
        return (harness, row.recipient, row.messageID)
    }

    @Test(arguments: [false, true])
    func permanentBounceOfOurMailMarksTheRecipient(embedded: Bool) throws {
        let (harness, person, messageID) = try sentReply()
        harness.mailbox.deliver(dsn(failed: person.uppercased(), quoting: messageID, embedded: embedded, id: "bn1@mx"))
        let report = try harness.run(now: Harness.t0.addingTimeInterval(600))
        #expect(report.exitStatus == .ok)
        #expect(report.bounces?.read == 1 && report.bounces?.tied == 1 && report.bounces?.undeliverable == 1,
                "\(String(describing: report.bounces))")
        let (failures, undeliverable) = try harness.store.pool.read { db in
            (try DeliveryFailure.fetchAll(db), try Undeliverable.since(db, Harness.t0))
        }
        let outboxID = try harness.outbox().first?.id
        #expect(failures.count == 1 && failures.first?.outboxMessageID == outboxID && failures.first?.status == "5.1.1")
        #expect(undeliverable.map(\.address) == [person.lowercased()])
        #expect(undeliverable.first?.outboxMessageID == outboxID)
        #expect(undeliverable.first?.diagnostic?.contains("Recipient address rejected") == true)
        // The bounce itself is never answered, and a second run reads it no more.
        #expect(harness.sender.accepted.count == 1)
        let again = try harness.run(now: Harness.t0.addingTimeInterval(900))
        #expect(again.bounces?.read == 0)
        #expect(try harness.store.pool.read { try Undeliverable.fetchOne($0, key: person.lowercased())?.failures } == 1)
        // The digest's window: nothing before the bounce is "new".
        #expect(try harness.store.pool.read { try Undeliverable.since($0, Harness.t0.addingTimeInterval(601)) }.isEmpty)
    }

    /// (what the bounce says, tied, marked)
    @Test(arguments: [
        ("forged: quotes a Message-ID we never sent", false, false),
        ("ours, but another recipient", false, false),
        ("ours, temporary 4.2.2 failed", true, false),
        ("ours, delayed", false, false),
    ])
    func onlyAPermanentBounceOfOurOwnMessageMarks(_ story: String, tied: Bool, marked: Bool) throws {
        let (harness, person, messageID) = try sentReply()
        let bounce: [UInt8]
        switch story {
        case let s where s.hasPrefix("forged"):
            bounce = dsn(failed: person, quoting: "not-ours-\(UUID())@example.test", id: "f@mx")
        case let s where s.contains("another recipient"):
            bounce = dsn(failed: "someone-else@example.test", quoting: messageID, id: "o@mx")
        case let s where s.contains("temporary"):
            bounce = dsn(failed: person, status: "4.2.2", quoting: messageID, id: "t@mx")
        default:
            bounce = dsn(failed: person, status: "4.4.1", action: "delayed", quoting: messageID, id: "d@mx")
        }
        harness.mailbox.deliver(bounce)
        let report = try harness.run(now: Harness.t0.addingTimeInterval(600))
        #expect(report.bounces?.read == 1, "\(story)")
        #expect(report.bounces?.tied == (tied ? 1 : 0), "\(story)")
        #expect(report.bounces?.undeliverable == (marked ? 1 : 0), "\(story)")
        #expect(try harness.store.pool.read { try Undeliverable.fetchCount($0) } == (marked ? 1 : 0), "\(story)")
        #expect(try harness.store.pool.read { try DeliveryFailure.fetchCount($0) } == 1, "\(story)")
        #expect(harness.sender.accepted.count == 1)
    }
}
