// Migration v4_raw_apart: message bytes live in their own tables (`inboundRaw`, `outboxRaw`),
// written once, so the UPDATEs of the state machines no longer rewrite the whole record with
// its overflow pages (BENCHMARKS.md, P1/P4 write amplification). `inboundMessage` is rebuilt
// (its `size = length(raw)` CHECK names the column; https://sqlite.org/lang_altertable.html §7);
// `outboxMessage.raw` is dropped. The size invariant is kept by triggers.
import GRDB

extension Store {
    static func v4RawApart(_ db: Database) throws {
        try rebuildTable(db, "inboundMessage", columns: """
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    mailbox TEXT NOT NULL,
                    uidValidity INTEGER NOT NULL CHECK (uidValidity > 0),
                    uid INTEGER NOT NULL CHECK (uid > 0),
                    messageID TEXT,
                    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                    size INTEGER NOT NULL CHECK (size >= 0),
                    fetchedAt DATETIME NOT NULL,
                    state TEXT NOT NULL DEFAULT 'new'
                        CHECK (state IN ('new', 'parsed', 'held', 'quarantined', 'imported')),
                    class TEXT CHECK (class IS NULL OR class IN
                        ('human', 'auto_reply', 'bounce', 'spam', 'bulk', 'own')),
                    sender TEXT,
                    replyTo TEXT,
                    subject TEXT,
                    referencesJSON TEXT,
                    defects TEXT,
                    formJSON TEXT,
                    disposition TEXT CHECK (disposition IS NULL OR disposition IN
                        ('submitted', 'invalid', 'no_form', 'closed', 'not_open', 'robot', 'held',
                         'quarantined')),
                    processedAt DATETIME,
                    appliedAt DATETIME,
                    plannedAt DATETIME,
                    ackedAt DATETIME,
                    releasedAt DATETIME,
                    UNIQUE (mailbox, uidValidity, uid),
                    -- a parsed/held/quarantined row has been through parse
                    CHECK (state IN ('new', 'imported') OR processedAt IS NOT NULL),
                    CHECK (appliedAt IS NULL OR disposition IS NOT NULL),
                    CHECK (plannedAt IS NULL OR appliedAt IS NOT NULL)
                """,
            copying: ["id", "mailbox", "uidValidity", "uid", "messageID", "sha256", "size", "fetchedAt",
                      "state", "class", "sender", "replyTo", "subject", "referencesJSON", "defects", "formJSON",
                      "disposition", "processedAt", "appliedAt", "plannedAt", "ackedAt", "releasedAt"]) { db in
            try db.execute(sql: """
                CREATE TABLE inboundRaw (
                    inboundID INTEGER PRIMARY KEY REFERENCES inboundMessage ON DELETE CASCADE,
                    raw BLOB NOT NULL
                );
                INSERT INTO inboundRaw (inboundID, raw) SELECT id, raw FROM inboundMessage;
                """)
        }
        try db.execute(sql: """
            -- size = length(raw), across the two tables
            CREATE TRIGGER inboundRaw_size_insert BEFORE INSERT ON inboundRaw
                WHEN length(NEW.raw) IS NOT (SELECT size FROM inboundMessage WHERE id = NEW.inboundID)
                BEGIN SELECT RAISE(ABORT, 'inboundRaw: size does not match inboundMessage.size'); END;
            CREATE TRIGGER inboundMessage_size_update BEFORE UPDATE OF size ON inboundMessage
                WHEN NEW.size IS NOT (SELECT length(raw) FROM inboundRaw WHERE inboundID = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'inboundMessage: size does not match inboundRaw'); END;

            CREATE TABLE outboxRaw (
                outboxID INTEGER PRIMARY KEY REFERENCES outboxMessage ON DELETE CASCADE,
                raw BLOB NOT NULL
            );
            INSERT INTO outboxRaw (outboxID, raw) SELECT id, raw FROM outboxMessage;
            ALTER TABLE outboxMessage DROP COLUMN raw;
            """)
    }
}
