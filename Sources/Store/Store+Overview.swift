// What `internships status` and `doctor` read beyond `Store.status()`: inbound by class and
// disposition, the last run (an audit row per run), the database's health, the due outbox.
import Foundation
import GRDB

/// The last recorded run of a stage command.
public struct RunRecord: Codable, Sendable, Hashable {
    public var at: Date
    /// `run`, `fetch`, `process` or `send`.
    public var command: String
    /// The summary written at the end, e.g. `exit 0; fetched 3, sent 2`.
    public var summary: String
}

/// Counts by class and disposition, and the last run.
public struct StoreOverview: Codable, Sendable, Hashable {
    /// Inbound messages by class (`human`, `auto_reply`, `bounce`, …); `unparsed` when none yet.
    public var inboundByClass: [String: Int]
    /// Inbound messages by what apply decided (`submitted`, `invalid`, `no_form`, …).
    public var inboundByDisposition: [String: Int]
    public var lastRun: RunRecord?
}

/// What the database's own checks say.
public struct StoreHealth: Sendable, Hashable {
    /// Migrations the code knows and the file has applied.
    public var appliedMigrations: [String]
    /// Migrations the code knows and the file lacks (opening applies them, so normally none).
    public var pendingMigrations: [String]
    /// `PRAGMA integrity_check` rows; `["ok"]` when healthy.
    public var integrity: [String]
}

extension Store {
    /// Records that a stage command finished, for `status` (audit table, entity `run`).
    public func recordRun(command: String, at now: Date, summary: String) throws {
        try pool.write { db in
            try AuditEntry.record(db, at: now, cause: "command:\(command)", entity: "run", entityID: nil, change: summary)
        }
    }

    /// Inbound counts by class and disposition, and the last run.
    public func overview() throws -> StoreOverview {
        try pool.read { db in
            var byClass: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT class, COUNT(*) AS n FROM inboundMessage GROUP BY class") {
                let name: String? = row["class"]
                byClass[name ?? "unparsed"] = row["n"]
            }
            var byDisposition: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT disposition, COUNT(*) AS n FROM inboundMessage WHERE disposition IS NOT NULL GROUP BY disposition
                """) {
                let name: String = row["disposition"]
                byDisposition[name] = row["n"]
            }
            let last = try AuditEntry.filter(Column("entity") == "run").order(Column("id").desc).fetchOne(db)
            return StoreOverview(
                inboundByClass: byClass, inboundByDisposition: byDisposition,
                lastRun: last.map { RunRecord(at: $0.at, command: String($0.cause.dropFirst("command:".count)), summary: $0.change) })
        }
    }

    /// Migrations and `PRAGMA integrity_check`.
    public func health() throws -> StoreHealth {
        let known = Store.migrator.migrations
        return try pool.read { db in
            let applied = try Store.migrator.appliedIdentifiers(db)
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            return StoreHealth(appliedMigrations: known.filter { applied.contains($0) },
                               pendingMigrations: known.filter { !applied.contains($0) }, integrity: integrity)
        }
    }
}

extension Store {
    /// The outbox rows deliver would try at `now` (queued/deferred and due, or left sending).
    public func dueOutbox(now: Date, limit: Int = 10_000) throws -> [OutboxMessage] {
        try pool.read { db in try OutboxMessage.due(db, now: now, limit: limit) }
    }
}
