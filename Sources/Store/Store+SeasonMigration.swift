// The season's later stages (issue 7, part B): feedback and ideas as typed rows, the final
// meeting's announcement and who received which version of it.
import GRDB

extension Store {
    static func participantsV5Season(_ db: Database) throws {
        try db.execute(sql: """
            -- The current feedback of a participant about one programme (a newer form replaces it;
            -- every version stays in submission).
            CREATE TABLE feedback (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign TEXT NOT NULL,
                submissionID INTEGER NOT NULL UNIQUE REFERENCES submission (id) ON DELETE RESTRICT,
                participantNumber INTEGER NOT NULL CHECK (participantNumber > 0),
                programmeNumber INTEGER CHECK (programmeNumber IS NULL OR programmeNumber > 0),
                programRating INTEGER CHECK (programRating IS NULL OR programRating BETWEEN 1 AND 5),
                competenceBefore INTEGER CHECK (competenceBefore IS NULL OR competenceBefore BETWEEN 1 AND 10),
                competenceAfter INTEGER CHECK (competenceAfter IS NULL OR competenceAfter BETWEEN 1 AND 10),
                useful TEXT,
                willApply TEXT,
                suggestions TEXT,
                createdAt DATETIME NOT NULL
            );
            CREATE UNIQUE INDEX feedback_once ON feedback (campaign, participantNumber, ifnull(programmeNumber, 0));

            -- A joint project idea: who sent it (participant, host or someone else), their
            -- organisation, what it is, when.
            CREATE TABLE idea (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign TEXT NOT NULL,
                number INTEGER NOT NULL CHECK (number > 0),
                submissionID INTEGER NOT NULL UNIQUE REFERENCES submission (id) ON DELETE RESTRICT,
                authorEmail TEXT NOT NULL,
                authorName TEXT,
                authorRole TEXT NOT NULL CHECK (authorRole IN ('participant', 'host', 'other')),
                organisation TEXT,
                title TEXT NOT NULL,
                text TEXT NOT NULL,
                partners TEXT,
                needs TEXT,
                contact TEXT,
                createdAt DATETIME NOT NULL,
                UNIQUE (campaign, number)
            );

            -- The final meeting: released once; `sequence` bumps when its time or link changes.
            CREATE TABLE meetingAnnouncement (
                campaign TEXT PRIMARY KEY NOT NULL,
                schedule TEXT NOT NULL,
                sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
                releasedAt DATETIME NOT NULL,
                updatedAt DATETIME NOT NULL
            );

            -- Who received the meeting mail, and which version (.ics SEQUENCE) last.
            CREATE TABLE meetingNotice (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign TEXT NOT NULL,
                email TEXT NOT NULL CHECK (email = lower(email)),
                role TEXT NOT NULL CHECK (role IN ('participant', 'host', 'expert')),
                name TEXT,
                sequence INTEGER NOT NULL CHECK (sequence >= 0),
                messageID TEXT NOT NULL,
                sentAt DATETIME NOT NULL,
                UNIQUE (campaign, email)
            );
            """)
    }
}
