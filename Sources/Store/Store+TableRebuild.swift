// Rebuilding a table the way SQLite asks for a change ALTER TABLE cannot make (a CHECK, a
// dropped column a constraint names): https://sqlite.org/lang_altertable.html §7. Only for
// migrations registered with `foreignKeyChecks: .deferred` (foreign keys off during the
// rebuild, checked after it).
import GRDB

extension Store {
    /// Rebuilds `table` with `columns` (the text between the parentheses of its new CREATE
    /// TABLE, one definition a line, indented four spaces), copying `copying` from the old rows.
    ///
    /// The table's own indexes and triggers are created again as they were (their SQL from
    /// `sqlite_master`, in their order); `beforeDrop` runs while the old table still holds its
    /// rows (to move data elsewhere). With `keepingSequence`, AUTOINCREMENT goes on above the
    /// highest id ever given out, not only above the highest id copied.
    static func rebuildTable(_ db: Database, _ table: String, columns: String, copying copied: [String],
                             keepingSequence: Bool = true,
                             beforeDrop: (Database) throws -> Void = { _ in }) throws {
        let sequence = keepingSequence
            ? try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table])
            : nil
        let dependents = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master
            WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid
            """, arguments: [table])
        let list = copied.joined(separator: ", ")
        try db.execute(sql: "CREATE TABLE \(table)_new (\n\(columns)\n)")
        try db.execute(sql: "INSERT INTO \(table)_new (\(list)) SELECT \(list) FROM \(table)")
        try beforeDrop(db)
        try db.execute(sql: "DROP TABLE \(table)")
        try db.execute(sql: "ALTER TABLE \(table)_new RENAME TO \(table)")
        for sql in dependents { try db.execute(sql: sql) }
        if let sequence {
            try db.execute(sql: "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?",
                           arguments: [sequence, table])
        }
    }
}
