// Migration participants_v3_motivation_mail: participant score sheets arrive by mail, so
// `submission.kind` accepts 'motivation'. SQLite cannot alter a CHECK: the table is rebuilt
// (https://sqlite.org/lang_altertable.html §7) with foreign keys checked after the copy.
import GRDB

extension Store {
    static func participantsV3MotivationMail(_ db: Database) throws {
        // As shipped: the id sequence follows the copied rows (v4_raw_apart keeps it).
        try rebuildTable(db, "submission", columns: """
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    campaign TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN
                        ('program', 'participant', 'score', 'rsvp', 'feedback', 'idea', 'motivation')),
                    number INTEGER NOT NULL CHECK (number > 0),
                    version INTEGER NOT NULL CHECK (version > 0),
                    key TEXT NOT NULL,
                    inboundMessageID INTEGER NOT NULL UNIQUE
                        REFERENCES inboundMessage (id) ON DELETE RESTRICT,
                    sender TEXT NOT NULL,
                    fieldsJSON TEXT NOT NULL,
                    isCurrent BOOLEAN NOT NULL,
                    createdAt DATETIME NOT NULL,
                    UNIQUE (campaign, kind, number, version)
                """,
            copying: ["id", "campaign", "kind", "number", "version", "key", "inboundMessageID", "sender",
                      "fieldsJSON", "isCurrent", "createdAt"],
            keepingSequence: false)
    }
}

extension Store {
    /// Migration participants_v4_invitation_updates: what each invitation last told the
    /// participant (so a changed date or address sends an update with the next SEQUENCE), and
    /// a ДА that came after the seat had been passed on (first in line for a freed seat).
    static func participantsV4InvitationUpdates(_ db: Database) throws {
        try db.execute(sql: """
            -- hash of the programme details (dates, address, times) in the last calendar sent
            ALTER TABLE invitation ADD COLUMN detailsHash TEXT;
            -- a ДА after the deadline, when the seat had gone to the reserve
            ALTER TABLE invitation ADD COLUMN lateYesAt DATETIME;
            """)
    }
}
