// v4_raw_apart moves the message bytes out of `inboundMessage`/`outboxMessage` into
// `inboundRaw`/`outboxRaw`: a database at the previous version keeps every byte, every
// reference and its id sequence; afterwards the size invariant still holds across the tables.
import Foundation
import GRDB
import Testing
@testable import Store

@Suite struct RawApartMigrationTests {
    static let payloads: [(uid: Int64, bytes: [UInt8])] = [
        (1, Array("Subject: привет\r\n\r\nтело".utf8)),
        (2, (0..<256).map { UInt8($0) }),
        (3, []),
        (5, (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }),  // overflow pages
    ]

    @Test func bytesIdenticalAfterMigration() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rawapart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("db.sqlite").path
        var config = Configuration()
        config.foreignKeysEnabled = true
        do {
            let old = try DatabaseQueue(path: path, configuration: config)
            try Store.migrator.migrate(old, upTo: "participants_v5_season")
            try old.write { db in
                for (uid, bytes) in Self.payloads {
                    try db.execute(sql: """
                        INSERT INTO inboundMessage (id, mailbox, uidValidity, uid, sha256, raw, size, fetchedAt, state, processedAt,
                                                    releasedAt)
                        VALUES (?, 'INBOX', 7, ?, printf('%064d', ?), ?, ?, '2026-09-01', 'parsed', '2026-09-01', '2026-09-02')
                        """, arguments: [uid * 10, uid, uid, Data(bytes), bytes.count])
                    try db.execute(sql: """
                        INSERT INTO outboxMessage (dedupeKey, template, recipient, messageID, raw, causeInboundID, createdAt)
                        VALUES (?, 'ack', 'a@x', ?, ?, ?, '2026-09-01')
                        """, arguments: ["k\(uid)", "m\(uid)@x", Data(bytes.reversed()), uid * 10])
                }
                try db.execute(sql: """
                    INSERT INTO submission (campaign, kind, number, version, key, inboundMessageID, sender, fieldsJSON,
                                            isCurrent, createdAt)
                    VALUES ('c', 'program', 1, 1, 'k', 20, 's@x', '{}', 1, '2026-09-01')
                    """)
                // A deleted newest row: ids must continue above it, not reuse it.
                try db.execute(sql: "DELETE FROM outboxMessage WHERE causeInboundID = 50")
                try db.execute(sql: "DELETE FROM inboundMessage WHERE id = 50")
            }
        }
        let store = try Store(path: path)
        try store.pool.write { db in
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            let inboundColumns = try db.columns(in: "inboundMessage").map(\.name)
            #expect(!inboundColumns.contains("raw") && inboundColumns.contains("releasedAt") && inboundColumns.contains("size"))
            #expect(try !db.columns(in: "outboxMessage").map(\.name).contains("raw"))
            let kept = Self.payloads.filter { $0.uid != 5 }
            for (uid, bytes) in kept {
                #expect(try InboundMessage.rawBytes(db, id: uid * 10) == bytes)
                let row = try #require(try InboundMessage.fetchOne(db, key: uid * 10))
                #expect(Array(row.raw) == bytes && row.size == bytes.count && row.state == .parsed)
                #expect(try Date.fetchOne(db, sql: "SELECT releasedAt FROM inboundMessage WHERE id = ?", arguments: [uid * 10]) != nil)
                let out = try #require(try OutboxMessage.filter(Column("causeInboundID") == uid * 10).fetchOne(db))
                #expect(Array(out.raw) == Array(bytes.reversed()))
            }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inboundRaw") == kept.count)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'inboundMessage' AND name LIKE 'inboundMessage_%' ORDER BY name")
                    == ["inboundMessage_dedupe", "inboundMessage_state"])
            // Still referenced by a submission: cannot be deleted.
            #expect(throws: DatabaseError.self) { try db.execute(sql: "DELETE FROM inboundMessage WHERE id = 20") }
            // The size invariant across the two tables.
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE inboundMessage SET size = 999 WHERE id = 10") }
            var fresh = InboundMessage(mailbox: "INBOX", uidValidity: 7, uid: 9, messageID: nil,
                                       sha256: String(repeating: "b", count: 64), raw: Data([1, 2, 3]), fetchedAt: Date())
            try fresh.insert(db)
            #expect(try #require(fresh.id) > 50)
            #expect(try InboundMessage.rawBytes(db, id: fresh.id ?? 0) == [1, 2, 3])
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: """
                    INSERT INTO inboundMessage (mailbox, uidValidity, uid, sha256, size, fetchedAt) VALUES ('INBOX', 7, 11, printf('%064d', 11), 4, '2026-09-02');
                    INSERT INTO inboundRaw (inboundID, raw) VALUES (last_insert_rowid(), x'00')
                    """)
            }
            // A state update never touches the bytes.
            fresh.state = .quarantined
            fresh.processedAt = Date()
            try fresh.update(db)
            #expect(try InboundMessage.rawBytes(db, id: fresh.id ?? 0) == [1, 2, 3])
        }
    }
}
