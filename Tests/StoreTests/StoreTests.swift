// The schema keeps its invariants even against wrong code; file and pool settings.
import Foundation
import GRDB
import Testing
@testable import Store

final class TempStore {
    let directory: URL
    let store: Store
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try Store(path: directory.appendingPathComponent("db.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func inbound(uid: Int64, raw: String = "Subject: x\r\n\r\nbody") throws -> InboundMessage {
        try store.pool.write { db in
            var row = InboundMessage(mailbox: "INBOX", uidValidity: 7, uid: uid, messageID: "m\(uid)@x",
                                     sha256: String(repeating: "a", count: 64), raw: Data(raw.utf8), fetchedAt: Self.t0)
            try row.insert(db)
            return row
        }
    }
}

@Suite struct StoreTests {
    @Test func fileIsPrivateWalAndMigrated() throws {
        let temp = try TempStore()
        for suffix in ["", "-wal", "-shm"] {
            let path = temp.store.path + suffix
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(suffix)")
        }
        let (journal, foreignKeys, migrations) = try temp.store.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
             try Store.migrator.appliedMigrations(db))
        }
        #expect(journal == "wal")
        #expect(foreignKeys == 1)
        #expect(migrations == ["v1_initial", "v2_review", "v2_harden", "v3_inbound_release",
                               "participants_v1", "participants_v2_invitations",
                               "participants_v3_motivation_mail", "participants_v4_invitation_updates",
                               "participants_v5_season", "v4_raw_apart", "v5_reply_command"])
        #expect(migrations == Store.migrator.migrations)
        // Re-opening is a no-op.
        _ = try Store(path: temp.store.path)
    }

    @Test(arguments: [
        ("duplicate uid", "INSERT INTO inboundMessage (mailbox, uidValidity, uid, sha256, size, fetchedAt) VALUES ('INBOX', 7, 1, printf('%064d', 0), 1, '2026-01-01')"),
        ("bad state", "UPDATE inboundMessage SET state = 'lost'"),
        ("parsed without processedAt", "UPDATE inboundMessage SET state = 'parsed'"),
        ("size mismatch", "UPDATE inboundMessage SET size = 999"),
        ("bad hash", "UPDATE inboundMessage SET sha256 = 'abc'"),
        ("bad class", "UPDATE inboundMessage SET class = 'robot'"),
        ("sent without sentAt", "INSERT INTO outboxMessage (dedupeKey, template, recipient, messageID, state, createdAt) VALUES ('k', 'ack', 'a@x', 'id@x', 'sent', '2026-01-01')"),
        ("unknown outbox state", "INSERT INTO outboxMessage (dedupeKey, template, recipient, messageID, state, createdAt) VALUES ('k', 'ack', 'a@x', 'id@x', 'lost', '2026-01-01')"),
        ("submission for a missing message", "INSERT INTO submission (campaign, kind, number, version, key, inboundMessageID, sender, fieldsJSON, isCurrent, createdAt) VALUES ('c', 'program', 1, 1, 'k', 999, 's', '{}', 1, '2026-01-01')"),
        ("unknown kind", "INSERT INTO submission (campaign, kind, number, version, key, inboundMessageID, sender, fieldsJSON, isCurrent, createdAt) VALUES ('c', 'poem', 1, 1, 'k', 1, 's', '{}', 1, '2026-01-01')"),
        ("audit without a cause", "INSERT INTO audit (at, cause, entity, change) VALUES ('2026-01-01', 'because', 'x', 'y')"),
        ("cursor below zero", "INSERT INTO mailboxCursor (mailbox, uidValidity, lastUid, updatedAt) VALUES ('INBOX', 1, -1, '2026-01-01')"),
    ])
    func schemaRejects(what: String, sql: String) throws {
        let temp = try TempStore()
        _ = try temp.inbound(uid: 1)
        #expect(throws: DatabaseError.self, "\(what)") {
            try temp.store.pool.write { try $0.execute(sql: sql) }
        }
    }

    @Test func oneCurrentVersionAndUniqueNumbers() throws {
        let temp = try TempStore()
        let first = try temp.inbound(uid: 1), second = try temp.inbound(uid: 2), third = try temp.inbound(uid: 3)
        func submission(_ inbound: InboundMessage, number: Int, version: Int, current: Bool) -> Submission {
            Submission(campaign: "c", kind: "program", number: number, version: version, key: "k",
                       inboundMessageID: inbound.id ?? 0, sender: "s@x", fieldsJSON: "{}", isCurrent: current,
                       createdAt: TempStore.t0)
        }
        try temp.store.pool.write { db in
            var v1 = submission(first, number: 1, version: 1, current: true)
            try v1.insert(db)
        }
        // Two current versions of one thing.
        #expect(throws: DatabaseError.self) {
            try temp.store.pool.write { db in
                var v2 = submission(second, number: 1, version: 2, current: true)
                try v2.insert(db)
            }
        }
        // Same number and version twice.
        #expect(throws: DatabaseError.self) {
            try temp.store.pool.write { db in
                var again = submission(second, number: 1, version: 1, current: false)
                try again.insert(db)
            }
        }
        // One message counted twice.
        #expect(throws: DatabaseError.self) {
            try temp.store.pool.write { db in
                var twice = submission(first, number: 2, version: 1, current: false)
                try twice.insert(db)
            }
        }
        try temp.store.pool.write { db in
            var v1 = try #require(try Submission.current(db, campaign: "c", kind: "program", key: "k"))
            v1.isCurrent = false
            try v1.update(db)
            var v2 = submission(second, number: 1, version: 2, current: true)
            try v2.insert(db)
            #expect(try Submission.nextNumber(db, campaign: "c", kind: "program") == 2)
            #expect(try Submission.nextNumber(db, campaign: "c", kind: "score") == 1)
            #expect(try Submission.versions(db, campaign: "c", kind: "program", number: 1).map(\.version) == [1, 2])
        }
        _ = third
    }

    @Test(arguments: [
        (OutboxMessage.State.queued, "hold", OutboxMessage.State.held),
        (.deferred, "hold", .held),
        (.dead, "retry", .queued),
        (.held, "retry", .queued),
        (.deferred, "retry", .queued),
        (.sent, "retry", nil),
        (.sent, "hold", nil),
        (.sending, "hold", nil),
        (.queued, "retry", nil),
    ] as [(OutboxMessage.State, String, OutboxMessage.State?)])
    func outboxCommands(from: OutboxMessage.State, command: String, want: OutboxMessage.State?) throws {
        let temp = try TempStore()
        let id = try temp.store.pool.write { db -> Int64 in
            var row = OutboxMessage(dedupeKey: "k", template: "ack", recipient: "a@x", messageID: "id@x",
                                    raw: Data("x".utf8), state: from, causeInboundID: nil, createdAt: TempStore.t0)
            if from == .sent { row.sentAt = TempStore.t0 }
            try row.insert(db)
            return row.id ?? 0
        }
        let later = TempStore.t0.addingTimeInterval(60)
        let act = { command == "hold" ? try temp.store.outboxHold(id: id, now: later) : try temp.store.outboxRetry(id: id, now: later) }
        if let want {
            #expect(try act().state == want)
            #expect(try temp.store.outboxShow(id: id).state == want)
            let audit = try temp.store.pool.read { try AuditEntry.fetchAll($0) }
            #expect(audit.map(\.cause) == ["command:outbox-\(command)"])
        } else {
            #expect(throws: StoreError.self) { try act() }
            #expect(try temp.store.outboxShow(id: id).state == from)
        }
    }

    @Test func statusCountsEveryState() throws {
        let temp = try TempStore()
        _ = try temp.inbound(uid: 1)
        _ = try temp.inbound(uid: 2)
        let status = try temp.store.status()
        #expect(status.inbound == ["new": 2, "parsed": 0, "held": 0, "quarantined": 0, "imported": 0])
        #expect(status.inboundUnacked == 2)
        #expect(status.outbox.values.reduce(0, +) == 0 && status.outbox.count == 6)
        #expect(throws: StoreError.self) { try temp.store.outboxShow(id: 42) }
    }

    @Test func dueRowsIncludeCrashedSendingAndSkipHeldAndFuture() throws {
        let temp = try TempStore()
        try temp.store.pool.write { db in
            for (i, state) in [OutboxMessage.State.queued, .sending, .deferred, .held, .dead].enumerated() {
                var row = OutboxMessage(dedupeKey: "k\(i)", template: "ack", recipient: "a@x", messageID: "id\(i)@x",
                                        raw: Data("x".utf8), state: state, causeInboundID: nil, createdAt: TempStore.t0)
                if state == .deferred { row.nextAttemptAt = TempStore.t0.addingTimeInterval(300) }
                try row.insert(db)
            }
        }
        let now = try temp.store.pool.read { try OutboxMessage.due($0, now: TempStore.t0, limit: 10).map(\.state) }
        #expect(now == [.queued, .sending])
        let later = try temp.store.pool.read { try OutboxMessage.due($0, now: TempStore.t0.addingTimeInterval(300), limit: 10).map(\.state) }
        #expect(later == [.queued, .sending, .deferred])
    }
}

@Suite struct BackupTests {
    @Test func backupIsAConsistentPrivateCopy() throws {
        let temp = try TempStore()
        _ = try temp.inbound(uid: 1, raw: "Subject: копия\r\n\r\nтело")
        let copy = temp.directory.appendingPathComponent("backup.sqlite").path
        try temp.store.backup(to: copy)
        let mode = try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let restored = try Store(path: copy)
        let rows = try restored.pool.read { try InboundMessage.fetchAll($0) }
        #expect(rows.map { String(decoding: $0.raw, as: UTF8.self) } == ["Subject: копия\r\n\r\nтело"])
        #expect(throws: StoreError.self) { try temp.store.backup(to: copy) }
    }
}
