// The coordinator's handle on fetched mail: list, look at one message with everything it
// caused, and release a held one so the next run applies and answers it.
import Foundation
import GRDB

/// One message with what it caused: submissions, replies and audit rows.
public struct InboundRecord: Sendable, Hashable {
    public var message: InboundMessage
    /// When a coordinator released it (`internships inbound release`), else nil.
    public var releasedAt: Date?
    public var submissions: [Submission]
    public var replies: [OutboxMessage]
    public var audit: [AuditEntry]
}

/// What `inboundRelease` did.
public enum InboundReleaseOutcome: Sendable, Hashable {
    /// Held → parsed now; the next run applies and answers it.
    case released(InboundMessage)
    /// Released before, at this moment: nothing changed.
    case alreadyReleased(InboundMessage, at: Date)
    /// Not held (and never released): nothing to release.
    case notHeld(InboundMessage)
    case notFound
}

extension Store {
    /// The audit cause of a release.
    public static let inboundReleaseCause = "command:inbound release"

    /// Messages, newest first, optionally only one state and/or class.
    public func inboundList(state: InboundMessage.State? = nil, messageClass: String? = nil,
                            limit: Int = 100) throws -> [InboundMessage] {
        try pool.read { db in
            var request = InboundMessage.order(Column("id").desc).limit(limit)
            if let state { request = request.filter(Column("state") == state.rawValue) }
            if let messageClass { request = request.filter(Column("class") == messageClass) }
            return try request.fetchAll(db)
        }
    }

    /// One message and everything recorded because of it, or nil when there is no such id.
    public func inboundRecord(id: Int64) throws -> InboundRecord? {
        try pool.read { db in
            guard let message = try InboundMessage.fetchOne(db, key: id) else { return nil }
            let releasedAt = try Date.fetchOne(db, sql: "SELECT releasedAt FROM inboundMessage WHERE id = ?",
                                               arguments: [id])
            let submissions = try Submission.filter(Column("inboundMessageID") == id).order(Column("id")).fetchAll(db)
            let replies = try OutboxMessage.filter(Column("causeInboundID") == id).order(Column("id")).fetchAll(db)
            // Rows caused by the message, and rows about it (a release is caused by a command).
            let audit = try AuditEntry
                .filter(Column("cause") == message.cause
                        || (Column("entity") == InboundMessage.databaseTableName && Column("entityID") == id))
                .order(Column("id")).fetchAll(db)
            return InboundRecord(message: message, releasedAt: releasedAt, submissions: submissions,
                                 replies: replies, audit: audit)
        }
    }

    /// Releases a held message: it becomes `parsed` with no disposition, so the next
    /// apply/plan treat it as accepted. One transaction; releasing twice changes nothing.
    public func inboundRelease(id: Int64, now: Date) throws -> InboundReleaseOutcome {
        try pool.write { db in
            guard var message = try InboundMessage.fetchOne(db, key: id) else { return .notFound }
            if let at = try Date.fetchOne(db, sql: "SELECT releasedAt FROM inboundMessage WHERE id = ?",
                                          arguments: [id]) {
                return .alreadyReleased(message, at: at)
            }
            guard message.state == .held else { return .notHeld(message) }
            try db.execute(sql: """
                UPDATE inboundMessage
                SET state = 'parsed', plannedAt = NULL, appliedAt = NULL, disposition = NULL, releasedAt = ?
                WHERE id = ? AND state = 'held'
                """, arguments: [now, id])
            try AuditEntry.record(db, at: now, cause: Self.inboundReleaseCause, entity: InboundMessage.databaseTableName,
                                  entityID: id, change: "held -> parsed: released by a coordinator")
            message.state = .parsed
            message.disposition = nil
            message.appliedAt = nil
            message.plannedAt = nil
            return .released(message)
        }
    }
}
