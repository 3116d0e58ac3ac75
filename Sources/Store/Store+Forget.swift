// Erasing a person's personal data (152-FZ art. 21: on request, and when the purpose is
// reached). Rows stay, so counts for the report stay; what identifies a person goes.
import Foundation
import GRDB

/// How much one erasure changed (never whose data it was).
public struct ErasureCounts: Sendable, Hashable, CustomStringConvertible {
    public var inboundMessages = 0
    public var submissions = 0
    public var outboxMessages = 0
    public init() {}
    public var description: String {
        "\(inboundMessages) inbound messages, \(submissions) submissions, \(outboxMessages) outgoing messages"
    }
}

extension Store {
    /// Removes the personal data of the person writing from `email`: raw mail and headers of
    /// their messages, their form values, names, our replies to them, bounces naming them.
    /// Submissions keep campaign, kind, number, version and dates, so the report's counts do
    /// not change. Logged as an `erasure` row and an audit row that name no one.
    public func forget(email: String, at now: Date) throws -> ErasureCounts {
        let address = email.trimmingCharacters(in: .whitespaces).lowercased()
        return try erasing { db in
            let inbound = try Int64.fetchAll(db, sql: """
                SELECT id FROM inboundMessage WHERE lower(sender) = ? OR lower(replyTo) = ?
                """, arguments: [address, address])
            return try Self.erase(db, inboundIDs: inbound, addresses: [address], reason: "request", at: now)
        }
    }

    /// Retention: after the campaign, erases the personal data of every message fetched
    /// before `cutoff` (the campaign's end plus the retention period).
    public func forgetAll(fetchedBefore cutoff: Date, at now: Date) throws -> ErasureCounts {
        try erasing { db in
            let inbound = try Int64.fetchAll(db, sql: "SELECT id FROM inboundMessage WHERE fetchedAt < ? AND size > 0",
                                             arguments: [cutoff])
            let addresses = try String.fetchAll(db, sql: """
                SELECT DISTINCT lower(sender) FROM inboundMessage WHERE fetchedAt < ? AND sender IS NOT NULL
                UNION SELECT DISTINCT lower(replyTo) FROM inboundMessage WHERE fetchedAt < ? AND replyTo IS NOT NULL
                """, arguments: [cutoff, cutoff])
            return try Self.erase(db, inboundIDs: inbound, addresses: addresses, reason: "retention", at: now)
        }
    }

    /// One transaction with `secure_delete` (freed pages are zeroed, so the old bytes are not
    /// left in the file), then a WAL checkpoint so the old page images leave the -wal file.
    private func erasing(_ body: (Database) throws -> ErasureCounts) throws -> ErasureCounts {
        var counts = ErasureCounts()
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
            try db.inTransaction {
                counts = try body(db)
                return .commit
            }
            _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        return counts
    }

    private static func erase(_ db: Database, inboundIDs: [Int64], addresses: [String], reason: String,
                              at now: Date) throws -> ErasureCounts {
        var counts = ErasureCounts()
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS forgetInbound (id INTEGER PRIMARY KEY)")
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS forgetAddress (address TEXT PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM forgetInbound; DELETE FROM forgetAddress")
        for id in inboundIDs { try db.execute(sql: "INSERT OR IGNORE INTO forgetInbound VALUES (?)", arguments: [id]) }
        for address in addresses {
            try db.execute(sql: "INSERT OR IGNORE INTO forgetAddress VALUES (?)", arguments: [address])
        }
        let subjects = "(SELECT address FROM forgetAddress)"
        let messages = "(SELECT id FROM forgetInbound)"

        // The bytes first (v4_raw_apart): size must match them when it becomes 0.
        try db.execute(sql: "UPDATE inboundRaw SET raw = x'' WHERE inboundID IN \(messages)")
        try db.execute(sql: """
            UPDATE inboundMessage SET size = 0, messageID = NULL, sender = NULL, replyTo = NULL,
                subject = NULL, referencesJSON = NULL, defects = NULL, formJSON = NULL
            WHERE id IN \(messages)
            """)
        counts.inboundMessages = db.changesCount
        let submissionIDs = try Int64.fetchAll(db, sql: """
            SELECT id FROM submission WHERE inboundMessageID IN \(messages) OR lower(sender) IN \(subjects)
            """)
        for id in submissionIDs {
            try db.execute(sql: """
                UPDATE submission SET sender = 'forgotten', fieldsJSON = '{}', key = 'forgotten:' || id WHERE id = ?
                """, arguments: [id])
            try db.execute(sql: """
                UPDATE participant SET email = 'forgotten:' || id, fullName = '' WHERE submissionID = ?
                """, arguments: [id])
        }
        counts.submissions = submissionIDs.count
        try eraseSeason(db, submissionIDs: submissionIDs, addresses: subjects)
        try db.execute(sql: """
            UPDATE participant SET email = 'forgotten:' || id, fullName = '' WHERE lower(email) IN \(subjects)
            """)
        try db.execute(sql: """
            UPDATE question SET sender = 'forgotten', subject = NULL
            WHERE inboundMessageID IN \(messages) OR lower(sender) IN \(subjects)
            """)
        // Our replies: bytes and address gone; one not sent yet never will be.
        try db.execute(sql: """
            UPDATE outboxRaw SET raw = x'' WHERE outboxID IN
                (SELECT id FROM outboxMessage WHERE causeInboundID IN \(messages) OR lower(recipient) IN \(subjects))
            """)
        try db.execute(sql: """
            UPDATE outboxMessage SET recipient = 'forgotten', dedupeKey = 'forgotten:' || id,
                lastReplyText = NULL,
                state = CASE WHEN state = 'sent' THEN 'sent' ELSE 'dead' END,
                nextAttemptAt = CASE WHEN state = 'sent' THEN nextAttemptAt ELSE NULL END
            WHERE causeInboundID IN \(messages) OR lower(recipient) IN \(subjects)
            """)
        counts.outboxMessages = db.changesCount
        try db.execute(sql: """
            UPDATE deliveryFailure SET recipient = NULL, diagnostic = NULL
            WHERE inboundMessageID IN \(messages) OR recipient IN \(subjects)
            """)
        try db.execute(sql: "DELETE FROM undeliverable WHERE address IN \(subjects)")
        for address in addresses where !address.isEmpty {
            try db.execute(sql: "UPDATE audit SET change = replace(change, ?, '[forgotten]') WHERE instr(change, ?) > 0",
                           arguments: [address, address])
        }
        try db.execute(sql: """
            INSERT INTO erasure (at, reason, inboundMessages, submissions, outboxMessages) VALUES (?, ?, ?, ?, ?)
            """, arguments: [now, reason, counts.inboundMessages, counts.submissions, counts.outboxMessages])
        try AuditEntry.record(db, at: now, cause: "command:forget", entity: "erasure", entityID: db.lastInsertedRowID,
                              change: "\(reason): personal data erased (\(counts))")
        try db.execute(sql: "DELETE FROM forgetInbound; DELETE FROM forgetAddress")
        return counts
    }
}
