// Migration v2_review: expert assignments, decision revisions and the result letters sent.
import GRDB

extension Store {
    static func v2Review(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE reviewAssignment (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign TEXT NOT NULL,
                programmeNumber INTEGER NOT NULL CHECK (programmeNumber > 0),
                expert TEXT NOT NULL CHECK (expert = lower(expert)),
                -- 'conflict': the expert declared a conflict of interest; never counted again
                state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'conflict')),
                assignedAt DATETIME NOT NULL,
                outboxMessageID INTEGER REFERENCES outboxMessage (id),
                UNIQUE (campaign, programmeNumber, expert)
            );

            CREATE TABLE reviewDecision (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign TEXT NOT NULL,
                revision INTEGER NOT NULL CHECK (revision > 0),
                rule TEXT NOT NULL,
                winnersJSON TEXT NOT NULL,
                createdAt DATETIME NOT NULL,
                UNIQUE (campaign, revision)
            );

            -- what each host has been told; the newest row per programme is what they know
            CREATE TABLE resultNotice (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign TEXT NOT NULL,
                programmeNumber INTEGER NOT NULL CHECK (programmeNumber > 0),
                verdict TEXT NOT NULL CHECK (verdict IN ('winner', 'not_selected')),
                kind TEXT NOT NULL CHECK (kind IN ('result', 'correction')),
                decisionRevision INTEGER NOT NULL,
                outboxMessageID INTEGER NOT NULL REFERENCES outboxMessage (id),
                createdAt DATETIME NOT NULL,
                UNIQUE (campaign, programmeNumber, decisionRevision)
            );
            """)
    }
}
