// `Store.rebuildTable`, the rebuild both table-changing migrations use: rows, the table's
// indexes and triggers (their SQL as it was), and the AUTOINCREMENT sequence either kept above
// a deleted newest row or left to follow the copied rows, as each migration shipped.
import Foundation
import GRDB
import Testing
@testable import Store

@Suite struct TableRebuildTests {
    static let before = """
        CREATE TABLE item (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN ('a', 'b')),
            note TEXT
        );
        CREATE INDEX item_kind ON item (kind)
            WHERE note IS NOT NULL;
        CREATE TABLE log (itemID INTEGER, kind TEXT);
        CREATE TRIGGER item_logged AFTER INSERT ON item BEGIN INSERT INTO log VALUES (NEW.id, NEW.kind); END;
        INSERT INTO item (kind, note) VALUES ('a', 'one'), ('b', NULL), ('a', 'three');
        DELETE FROM item WHERE id = 3;
        """

    @Test(arguments: [(true, Int64(4)), (false, Int64(3))])
    func keepsRowsIndexesTriggersAndTheSequenceAsAsked(keepingSequence: Bool, nextID: Int64) throws {
        let queue = try DatabaseQueue()
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: Self.before)
            let dependents = "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'item' AND sql IS NOT NULL AND type != 'table' ORDER BY rowid"
            let kept = try Row.fetchAll(db, sql: dependents)
            var seenBeforeDrop: [Int64] = []
            try Store.rebuildTable(db, "item", columns: """
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL CHECK (kind IN ('a', 'b', 'c')),
                    note TEXT
                """, copying: ["id", "kind", "note"], keepingSequence: keepingSequence) { db in
                seenBeforeDrop = try Int64.fetchAll(db, sql: "SELECT id FROM item ORDER BY id")
            }
            #expect(seenBeforeDrop == [1, 2])
            #expect(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'item'") == """
                CREATE TABLE "item" (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL CHECK (kind IN ('a', 'b', 'c')),
                    note TEXT
                )
                """)
            #expect(try Row.fetchAll(db, sql: dependents) == kept)
            #expect(kept.count == 2)
            #expect(try Row.fetchAll(db, sql: "SELECT id, kind, note FROM item ORDER BY id")
                    == [["id": 1, "kind": "a", "note": "one"], ["id": 2, "kind": "b", "note": nil]])
            try db.execute(sql: "INSERT INTO item (kind) VALUES ('c')")  // the new CHECK
            #expect(db.lastInsertedRowID == nextID)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM log WHERE kind = 'c'") == 1, "trigger kept")
            #expect(throws: DatabaseError.self) { try db.execute(sql: "INSERT INTO item (kind) VALUES ('d')") }
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE '%_new'").isEmpty)
        }
    }
}
