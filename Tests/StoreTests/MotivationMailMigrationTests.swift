// participants_v3_motivation_mail rebuilds `submission` (its kind CHECK): a database made
// before it keeps every row, every reference to a submission and the one-current-version
// index; afterwards a `motivation` submission is accepted and an unknown kind still is not.
import Foundation
import GRDB
import Testing
@testable import Store

@Suite struct MotivationMailMigrationTests {
    @Test func rebuildKeepsRowsReferencesAndIndexes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("migration-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("db.sqlite").path
        var config = Configuration()
        config.foreignKeysEnabled = true
        do {
            let old = try DatabaseQueue(path: path, configuration: config)
            try Store.migrator.migrate(old, upTo: "participants_v2_invitations")
            try old.write { db in
                for (uid, kind, number) in [(1, "program", 1), (2, "participant", 1), (3, "participant", 2)] {
                    try db.execute(sql: """
                        INSERT INTO inboundMessage (mailbox, uidValidity, uid, sha256, raw, size, fetchedAt)
                        VALUES ('INBOX', 7, ?, printf('%064d', ?), x'00', 1, '2026-09-01')
                        """, arguments: [uid, uid])
                    try db.execute(sql: """
                        INSERT INTO submission (campaign, kind, number, version, key, inboundMessageID, sender, fieldsJSON,
                                                isCurrent, createdAt)
                        VALUES ('c', ?, ?, 1, ?, ?, 's@x', '{}', 1, '2026-09-01')
                        """, arguments: [kind, number, "k\(uid)", uid])
                }
                try db.execute(sql: "INSERT INTO programme (campaign, number, title, submissionID) VALUES ('c', 1, 'T', 1)")
                try db.execute(sql: """
                    INSERT INTO participant (campaign, email, fullName, number, submissionID) VALUES ('c', 'a@x', 'A', 1, 2);
                    INSERT INTO eligibility (submissionID, campaign, participantNumber, outcome, sentence, decidedAt)
                        VALUES (3, 'c', 2, 'eligible', 'ok', '2026-09-01');
                    INSERT INTO submissionConsent (submissionID, consentVersion, given, recordedAt) VALUES (2, 'v', 1, '2026-09-01');
                    """)
            }
        }
        let store = try Store(path: path)
        try store.pool.write { db in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM submission") == 3)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try Int.fetchOne(db, sql: "SELECT submissionID FROM programme") == 1)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'submission' AND name LIKE 'submission_%' ORDER BY name")
                    == ["submission_current", "submission_key"])
            // The submission still cannot be deleted under its references.
            #expect(throws: DatabaseError.self) { try db.execute(sql: "DELETE FROM submission WHERE id = 3") }
            // New ids continue after the old ones (AUTOINCREMENT kept its sequence).
            try db.execute(sql: """
                INSERT INTO inboundMessage (mailbox, uidValidity, uid, sha256, size, fetchedAt)
                VALUES ('INBOX', 7, 4, printf('%064d', 4), 1, '2026-09-02');
                INSERT INTO inboundRaw (inboundID, raw) VALUES (last_insert_rowid(), x'00')
                """)
            try db.execute(sql: """
                INSERT INTO submission (campaign, kind, number, version, key, inboundMessageID, sender, fieldsJSON, isCurrent, createdAt)
                VALUES ('c', 'motivation', 1, 1, 'e@x|1', 4, 'e@x', '{}', 1, '2026-09-02')
                """)
            #expect(try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM submission") == 4)
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE submission SET kind = 'poll' WHERE id = 4")
            }
            // A second current version of the same thing is still refused.
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE submission SET key = 'k2' WHERE id = 3")
            }
        }
        // The invitation columns of participants_v4 exist.
        let columns = try store.pool.read { try $0.columns(in: "invitation").map(\.name) }
        #expect(columns.contains("detailsHash") && columns.contains("lateYesAt"))
    }
}
