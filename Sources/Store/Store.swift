// Store: the one SQLite file that holds the programme's durable state (docs/architecture.md).
// Edge target: it touches the disk; everything it decides is written as schema invariants.
import Foundation
import GRDB

/// The programme database: a GRDB `DatabasePool` (WAL) on one file, migrated on open.
///
/// The file (and SQLite's `-wal`/`-shm` companions, which inherit its mode) is created with
/// mode 0600: it holds personal data of applicants.
public final class Store: Sendable {
    /// The pool; stages use `pool.write` / `pool.read` for their transactions.
    public let pool: DatabasePool
    /// Path of the database file.
    public let path: String

    /// Opens (creating if needed) the database at `path` and runs pending migrations.
    /// - Parameter busyTimeout: how long a writer waits for another process's lock.
    public init(path: String, busyTimeout: TimeInterval = 5) throws {
        self.path = path
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            // Create with 0600 before SQLite opens it; SQLite gives -wal/-shm the same mode.
            guard manager.createFile(atPath: path, contents: nil,
                                     attributes: [.posixPermissions: 0o600]) else {
                throw StoreError.cannotCreate(path: path)
            }
        }
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "internships"
        pool = try DatabasePool(path: path, configuration: config)
        try Store.migrator.migrate(pool)
        for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: path + suffix) {
            try? manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path + suffix)
        }
    }
}

/// Errors opening the store; the text tells the operator what to do.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case cannotCreate(path: String)
    case notFound(entity: String, id: Int64)
    case invalidTransition(entity: String, id: Int64, from: String, to: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path):
            return "cannot create database file \(path) — check that its folder exists and is writable"
        case .notFound(let entity, let id):
            return "no \(entity) with id \(id) — list them with `internships outbox list`"
        case .invalidTransition(let entity, let id, let from, let to):
            return "\(entity) \(id) is \(from); it cannot become \(to)"
        }
    }
}
