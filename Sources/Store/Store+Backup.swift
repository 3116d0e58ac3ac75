// A consistent copy of the database while it is in use (architecture.md: `VACUUM INTO`).
import Foundation
import GRDB

extension Store {
    /// Writes a compacted, consistent copy to `path` (which must not exist), mode 0600.
    public func backup(to path: String) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            throw StoreError.cannotCreate(path: path)
        }
        // VACUUM cannot run inside a transaction: use a plain connection from the pool.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [path])
        }
        try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
}
