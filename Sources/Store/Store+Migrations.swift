// Named migrations. A shipped migration is never edited: add `v2_...` instead.
import GRDB

extension Store {
    /// All migrations in order. Invariants live in the schema (UNIQUE, CHECK, FK).
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1_initial", migrate: v1Initial)
        migrator.registerMigration("v2_review", migrate: v2Review)
        migrator.registerMigration("v2_harden", migrate: v2Harden)
        migrator.registerMigration("v3_inbound_release", migrate: v3InboundRelease)
        migrator.registerMigration("participants_v1", migrate: participantsV1)
        migrator.registerMigration("participants_v2_invitations", migrate: participantsV2Invitations)
        migrator.registerMigration("participants_v3_motivation_mail", foreignKeyChecks: .deferred,
                                   migrate: participantsV3MotivationMail)
        migrator.registerMigration("participants_v4_invitation_updates", migrate: participantsV4InvitationUpdates)
        migrator.registerMigration("participants_v5_season", migrate: participantsV5Season)
        migrator.registerMigration("v4_raw_apart", foreignKeyChecks: .deferred, migrate: v4RawApart)
        migrator.registerMigration("v5_reply_command", migrate: v5ReplyCommand)
        return migrator
    }

    static func v1Initial(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE mailboxCursor (
                mailbox TEXT PRIMARY KEY NOT NULL,
                uidValidity INTEGER NOT NULL CHECK (uidValidity > 0),
                lastUid INTEGER NOT NULL CHECK (lastUid >= 0),
                -- first run over a mailbox: UIDs up to here were there before us (imported)
                importThroughUid INTEGER NOT NULL DEFAULT 0 CHECK (importThroughUid >= 0),
                updatedAt DATETIME NOT NULL
            );

            CREATE TABLE inboundMessage (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                mailbox TEXT NOT NULL,
                uidValidity INTEGER NOT NULL CHECK (uidValidity > 0),
                uid INTEGER NOT NULL CHECK (uid > 0),
                messageID TEXT,
                sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
                raw BLOB NOT NULL,
                size INTEGER NOT NULL CHECK (size = length(raw)),
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
                UNIQUE (mailbox, uidValidity, uid),
                -- a parsed/held/quarantined row has been through parse
                CHECK (state IN ('new', 'imported') OR processedAt IS NOT NULL),
                CHECK (appliedAt IS NULL OR disposition IS NOT NULL),
                CHECK (plannedAt IS NULL OR appliedAt IS NOT NULL)
            );
            CREATE INDEX inboundMessage_dedupe ON inboundMessage (messageID, sha256);
            CREATE INDEX inboundMessage_state ON inboundMessage (state);

            CREATE TABLE submission (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN
                    ('program', 'participant', 'score', 'rsvp', 'feedback', 'idea')),
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
            );
            -- one winning version per thing
            CREATE UNIQUE INDEX submission_current ON submission (campaign, kind, key)
                WHERE isCurrent;
            CREATE INDEX submission_key ON submission (campaign, kind, key);

            CREATE TABLE organisation (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign TEXT NOT NULL,
                inn TEXT NOT NULL CHECK (length(inn) IN (10, 12)),
                name TEXT NOT NULL,
                locality TEXT,
                UNIQUE (campaign, inn)
            );

            CREATE TABLE programme (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign TEXT NOT NULL,
                number INTEGER NOT NULL CHECK (number > 0),
                organisationID INTEGER REFERENCES organisation (id),
                title TEXT NOT NULL,
                submissionID INTEGER NOT NULL REFERENCES submission (id),
                UNIQUE (campaign, number)
            );

            CREATE TABLE participant (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign TEXT NOT NULL,
                email TEXT NOT NULL,
                fullName TEXT NOT NULL,
                number INTEGER NOT NULL CHECK (number > 0),
                submissionID INTEGER NOT NULL REFERENCES submission (id),
                UNIQUE (campaign, email),
                UNIQUE (campaign, number)
            );

            CREATE TABLE expert (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign TEXT NOT NULL,
                email TEXT NOT NULL CHECK (email = lower(email)),
                name TEXT,
                UNIQUE (campaign, email)
            );

            CREATE TABLE outboxMessage (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                dedupeKey TEXT NOT NULL UNIQUE,
                template TEXT NOT NULL,
                recipient TEXT NOT NULL,
                messageID TEXT NOT NULL UNIQUE,
                raw BLOB NOT NULL,
                state TEXT NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'dead', 'held')),
                attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                nextAttemptAt DATETIME,
                lastReplyCode INTEGER,
                lastReplyText TEXT,
                causeInboundID INTEGER REFERENCES inboundMessage (id),
                createdAt DATETIME NOT NULL,
                sentAt DATETIME,
                CHECK ((state = 'sent') = (sentAt IS NOT NULL))
            );
            CREATE INDEX outboxMessage_state ON outboxMessage (state, nextAttemptAt);
            CREATE INDEX outboxMessage_sentAt ON outboxMessage (sentAt);

            CREATE TABLE question (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                inboundMessageID INTEGER NOT NULL UNIQUE REFERENCES inboundMessage (id),
                sender TEXT NOT NULL,
                subject TEXT,
                createdAt DATETIME NOT NULL,
                answeredAt DATETIME
            );

            CREATE TABLE audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at DATETIME NOT NULL,
                cause TEXT NOT NULL CHECK (cause LIKE 'inbound:%' OR cause LIKE 'command:%'),
                entity TEXT NOT NULL,
                entityID INTEGER,
                change TEXT NOT NULL
            );
            """)
    }
}
