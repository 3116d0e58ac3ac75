// Store: message bytes of several MB written and read through SQLite's incremental blob I/O
// (issue 10, P5: peak RSS ≤ 64 MB with 4 MB messages). Binding a 4 MB value costs two copies
// inside SQLite (the bound value, then the record built from it) and reading one back costs
// one (the assembled value) before ours: the blob handle moves the bytes page by page instead.
import Foundation
import GRDB
import GRDBSQLite

/// Incremental blob I/O on a `raw` column keyed by its table's INTEGER PRIMARY KEY.
enum RawBlob {
    /// Values smaller than this are bound and read as usual (a blob handle costs a statement).
    static let streamingThreshold = 256 * 1024
    /// Bytes moved per `sqlite3_blob_write` call.
    static let chunkBytes = 64 * 1024

    /// Inserts `(key, bytes)` into `table (keyColumn, raw)`; large values go in as a zero blob
    /// of the right length (so triggers on `length(raw)` still hold) and are then written in chunks.
    static func insert(_ db: Database, table: String, keyColumn: String, key: Int64, bytes: Data) throws {
        guard bytes.count >= streamingThreshold else {
            try db.execute(sql: "INSERT INTO \(table) (\(keyColumn), raw) VALUES (?, ?)", arguments: [key, bytes])
            return
        }
        try db.execute(sql: "INSERT INTO \(table) (\(keyColumn), raw) VALUES (?, zeroblob(?))",
                       arguments: [key, bytes.count])
        let blob = try open(db, table: table, key: key, writable: true)
        defer { sqlite3_blob_close(blob) }
        try bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let length = min(chunkBytes, buffer.count - offset)
                let code = sqlite3_blob_write(blob, base + offset, Int32(length), Int32(offset))
                guard code == SQLITE_OK else { throw failure(db, code: code) }
                offset += length
            }
        }
    }

    /// The `raw` value of row `key`, copied once (straight into the returned array); nil when
    /// there is no such row.
    static func read(_ db: Database, table: String, keyColumn: String, key: Int64) throws -> [UInt8]? {
        guard let length = try Int.fetchOne(db, sql: "SELECT length(raw) FROM \(table) WHERE \(keyColumn) = ?",
                                            arguments: [key]) else {
            return nil
        }
        guard length >= streamingThreshold else {
            guard let row = try Row.fetchOne(db, sql: "SELECT raw FROM \(table) WHERE \(keyColumn) = ?", arguments: [key]) else {
                return nil
            }
            return try row.withUnsafeData(atIndex: 0) { data in data.map { [UInt8]($0) } ?? [] }
        }
        let blob = try open(db, table: table, key: key, writable: false)
        defer { sqlite3_blob_close(blob) }
        var code = SQLITE_OK
        let bytes = [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
            var offset = 0
            while offset < length, let base = buffer.baseAddress {
                let chunk = min(chunkBytes, length - offset)
                code = sqlite3_blob_read(blob, base + offset, Int32(chunk), Int32(offset))
                if code != SQLITE_OK { break }
                offset += chunk
            }
            initialized = code == SQLITE_OK ? length : 0
        }
        guard code == SQLITE_OK else { throw failure(db, code: code) }
        return bytes
    }

    private static func open(_ db: Database, table: String, key: Int64, writable: Bool) throws -> OpaquePointer {
        var blob: OpaquePointer?
        let code = sqlite3_blob_open(db.sqliteConnection, "main", table, "raw", key, writable ? 1 : 0, &blob)
        guard code == SQLITE_OK, let blob else {
            if let blob { sqlite3_blob_close(blob) }
            throw failure(db, code: code)
        }
        return blob
    }

    private static func failure(_ db: Database, code: Int32) -> DatabaseError {
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "blob I/O failed"
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
    }
}
