// The participants' tables (issue 7): eligibility at intake, motivation scores, selection.
import GRDB

extension Store {
    static func participantsV1(_ db: Database) throws {
        try db.execute(sql: """
            -- One decision per participant application version (the version it was made for).
            CREATE TABLE eligibility (
                submissionID INTEGER PRIMARY KEY REFERENCES submission (id) ON DELETE RESTRICT,
                campaign TEXT NOT NULL,
                participantNumber INTEGER NOT NULL CHECK (participantNumber > 0),
                outcome TEXT NOT NULL CHECK (outcome IN ('eligible', 'ineligible', 'review')),
                flagsJSON TEXT NOT NULL DEFAULT '[]',
                settlement TEXT,
                municipality TEXT,
                distanceKm REAL CHECK (distanceKm IS NULL OR distanceKm >= 0),
                sentence TEXT NOT NULL,
                decidedAt DATETIME NOT NULL
            );
            CREATE INDEX eligibility_participant ON eligibility (campaign, participantNumber);

            -- A scorer's latest motivation score per participant application.
            CREATE TABLE motivationScore (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign TEXT NOT NULL,
                participantNumber INTEGER NOT NULL CHECK (participantNumber > 0),
                scorer TEXT NOT NULL CHECK (scorer = lower(scorer)),
                score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
                comment TEXT,
                source TEXT NOT NULL CHECK (source IN ('mail', 'csv')),
                createdAt DATETIME NOT NULL,
                UNIQUE (campaign, participantNumber, scorer)
            );

            -- The selection: a draft until released; a released one is never rewritten.
            CREATE TABLE placement (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign TEXT NOT NULL,
                programmeNumber INTEGER NOT NULL CHECK (programmeNumber > 0),
                participantNumber INTEGER NOT NULL CHECK (participantNumber > 0),
                status TEXT NOT NULL CHECK (status IN ('seated', 'reserve')),
                rank INTEGER NOT NULL CHECK (rank > 0),
                decidedAt DATETIME NOT NULL,
                releasedAt DATETIME,
                UNIQUE (campaign, programmeNumber, participantNumber),
                UNIQUE (campaign, programmeNumber, status, rank)
            );

            -- Why, per person, for the selection letters.
            CREATE TABLE selectionReason (
                campaign TEXT NOT NULL,
                participantNumber INTEGER NOT NULL CHECK (participantNumber > 0),
                reason TEXT NOT NULL,
                decidedAt DATETIME NOT NULL,
                PRIMARY KEY (campaign, participantNumber)
            );
            """)
    }
}

extension Store {
    static func participantsV2Invitations(_ db: Database) throws {
        try db.execute(sql: """
            -- One invitation per participant and programme; replies and deadlines move its status.
            CREATE TABLE invitation (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign TEXT NOT NULL,
                programmeNumber INTEGER NOT NULL CHECK (programmeNumber > 0),
                participantNumber INTEGER NOT NULL CHECK (participantNumber > 0),
                -- in the subject as [INV-…]; ties a reply to its invitation
                token TEXT NOT NULL UNIQUE CHECK (token LIKE 'INV-%'),
                status TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'confirmed', 'declined', 'expired')),
                deadline DATETIME NOT NULL,
                -- the .ics SEQUENCE of the last calendar sent
                sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
                messageID TEXT,
                createdAt DATETIME NOT NULL,
                answeredAt DATETIME,
                UNIQUE (campaign, programmeNumber, participantNumber),
                CHECK ((status IN ('confirmed', 'declined')) = (answeredAt IS NOT NULL))
            );
            """)
    }
}
