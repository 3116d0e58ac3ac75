// Issue 10, P5: parse reads the bytes of a bounded number of messages at a time, pickup hands
// SQLite the fetched buffer, apply never loads the bytes — and none of it changes what is stored.
import Foundation
import MailTransport
import MailMessage
import GRDB
import Testing
@testable import Pipeline
import Store

@Suite struct MemoryBudgetTests {
    private static func row(size: Int) -> InboundMessage {
        InboundMessage(mailbox: "INBOX", uidValidity: 1, uid: 1, messageID: nil, sha256: "",
                       raw: Data(count: size), fetchedAt: Date(timeIntervalSince1970: 0))
    }

    @Test(arguments: [
        ([10, 10, 10], 25, 2),
        ([10, 10, 10], 30, 3),
        ([40, 1, 1], 25, 1),   // a message above the budget goes alone
        ([1, 40, 1], 25, 1),   // and waits for the next batch when others come first
        ([5], 0, 1),
        ([Int](), 10, 0),
    ] as [([Int], Int, Int)])
    func parseTakesRowsWithinTheByteBudget(sizes: [Int], budget: Int, taken: Int) {
        let rows = sizes.map { Self.row(size: $0) }
        #expect(Stages.withinBudget(rows, bytes: budget).count == taken)
    }

    @Test func storedBytesRoundTripAndLeanRowsCarryNone() throws {
        let h = try Harness()
        // A 5 MB message (over the parse budget) between small ones: all are stored byte for
        // byte, parsed and applied.
        let big = Mail.make(from: "big@example.test", body: Mail.program(org: "АНО Большая"), id: "big@x")
        let attachment = String(repeating: "QUJD", count: 1_300_000)
        let huge = Array(("From: Huge <huge@example.test>\r\nMessage-ID: <huge@x>\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nтекст\r\n"
            + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n" + attachment + "\r\n--b--\r\n").utf8)
        let small = Mail.make(from: "small@example.test", body: "привет", id: "small@x")
        for raw in [small, huge, big, small] { h.mailbox.deliver(raw) }
        let report = try h.run()
        #expect(report.pickup?.stored == 3)  // the second `small` is a duplicate
        let stored = try h.inbound()
        #expect(stored.map(\.raw) == [Data(small), Data(huge), Data(big)])
        #expect(stored.map(\.size) == [small.count, huge.count, big.count])
        #expect(stored.allSatisfy { $0.state == .parsed && $0.appliedAt != nil })
        try h.store.pool.read { db in
            let lean = try InboundMessage.waitingLean(db, state: .parsed)
            #expect(lean.count == 3 && lean.allSatisfy { $0.raw.isEmpty })
            #expect(lean.map(\.size) == [small.count, huge.count, big.count])
            #expect(try InboundMessage.rawBytes(db, id: stored[1].id ?? 0) == huge)
            #expect(try InboundMessage.rawBytes(db, id: 999) == nil)
        }
    }

    @Test(arguments: [
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (String(repeating: "a", count: 1_000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ])
    func sha256ReadsWholeBlocksInPlace(input: String, want: String) {
        #expect(SHA256.hex(Array(input.utf8)) == want)
    }
}
