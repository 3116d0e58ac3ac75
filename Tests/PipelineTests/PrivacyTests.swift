// Personal data (152-FZ): consent version kept with each submission; `forget` erases one
// person's data down to the bytes of the database file, keeps the counts, and names no one in
// its log; retention erases everything fetched before a cutoff.
import Foundation
import GRDB
import Testing
@testable import Pipeline
import Store

@Suite("Personal data", .serialized)
struct PrivacyTests {
    func loaded() throws -> Harness {
        var config = PipelineConfig(campaign: "perm-2026", programmeAddress: "intake@example.test",
                                    answerExistingOnFirstRun: true)
        config.consentVersion = "pd-2026-03"
        let harness = try Harness(config: config)
        harness.mailbox.deliver(Mail.make(from: "zabyt.menya@example.test", body: Mail.participant(name: "Забытова Ксения"), id: "z1@x"))
        harness.mailbox.deliver(Mail.make(from: "zabyt.menya@example.test", subject: "Вопрос Забытовой", body: "Когда?", id: "z2@x"))
        harness.mailbox.deliver(Mail.make(from: "Zabyt.Menya@example.test", body: Mail.program(org: "АНО Кама"), id: "z3@x"))
        harness.mailbox.deliver(Mail.make(from: "ostan@example.test", body: Mail.participant(name: "Оставлена Вера"), id: "o1@x"))
        try harness.run()
        return harness
    }

    /// Every file of the database (main, -wal) as one byte string.
    func fileBytes(_ store: Store) -> [UInt8] {
        ["", "-wal"].flatMap { (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: store.path + $0)))) ?? [] }
    }

    func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard n.count <= haystack.count else { return false }
        return (0...(haystack.count - n.count)).contains { i in haystack[i] == n[0] && Array(haystack[i..<(i + n.count)]) == n }
    }

    @Test func consentVersionIsStoredWithEachSubmission() throws {
        let harness = try loaded()
        let rows = try harness.store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.kind, c.consentVersion, c.given FROM submission s JOIN submissionConsent c ON c.submissionID = s.id
                """)
        }
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { ($0["consentVersion"] as String?) == "pd-2026-03" && ($0["given"] as Bool?) == true })
    }

    @Test func forgetErasesOnePersonAndKeepsTheCounts() throws {
        let harness = try loaded()
        let before = try harness.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS n FROM submission GROUP BY kind ORDER BY kind")
                .map { "\($0["kind"] as String? ?? "") \($0["n"] as Int? ?? 0)" }
        }
        let present = contains(fileBytes(harness.store), "zabyt.menya@example.test")
        #expect(present)

        let counts = try harness.store.forget(email: " ZABYT.menya@example.test ", at: Harness.t0.addingTimeInterval(60))
        #expect(counts.inboundMessages == 3)
        #expect(counts.submissions == 2)
        #expect(counts.outboxMessages == 3)

        let after = try harness.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS n FROM submission GROUP BY kind ORDER BY kind")
                .map { "\($0["kind"] as String? ?? "") \($0["n"] as Int? ?? 0)" }
        }
        #expect(after == before)
        // Not in any row, nor in the bytes of the file or its WAL.
        let bytes = fileBytes(harness.store)
        for secret in ["zabyt.menya", "Забытова", "Забытовой", "z1@x", "z3@x"] {
            let found = contains(bytes, secret)
            #expect(!found, "\(secret) still in the database file")
        }
        // The other person is untouched.
        let kept = contains(bytes, "ostan@example.test") && contains(bytes, "Оставлена Вера")
        #expect(kept)
        // Logged, naming no one.
        let audit = try harness.store.pool.read { try AuditEntry.filter(Column("entity") == "erasure").fetchAll($0) }
        #expect(audit.count == 1 && audit.first?.cause == "command:forget")
        #expect(audit.first?.change.contains("3 inbound messages") == true)
        #expect(try harness.store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM erasure") } == 1)

        // A later run changes nothing back and sends nothing to the forgotten address.
        try harness.run(now: Harness.t0.addingTimeInterval(600))
        let again = contains(fileBytes(harness.store), "zabyt.menya")
        #expect(!again)
    }

    @Test func retentionErasesEverythingFetchedBeforeTheCutoff() throws {
        let harness = try loaded()
        harness.mailbox.deliver(Mail.make(from: "later@example.test", body: Mail.participant(name: "Поздняя Ира"), id: "l1@x"))
        try harness.run(now: Harness.t0.addingTimeInterval(86_400 * 10))
        let counts = try harness.store.forgetAll(fetchedBefore: Harness.t0.addingTimeInterval(86_400), at: Harness.t0.addingTimeInterval(86_400 * 11))
        #expect(counts.inboundMessages == 4)
        let bytes = fileBytes(harness.store)
        let erased = !contains(bytes, "Оставлена Вера") && !contains(bytes, "zabyt.menya")
        let kept = contains(bytes, "Поздняя Ира")
        #expect(erased && kept)
        #expect(try harness.submissions().count == 4)
    }
}
