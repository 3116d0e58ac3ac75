// The hardening migration (issue 9): delivery failures from bounces, undeliverable
// recipients, the consent text version of each submission, and the forget log.
import GRDB

extension Store {
    static func v2Harden(_ db: Database) throws {
        try db.execute(sql: """
            -- One row per failed recipient of a bounce (RFC 3464); a bounce nothing could be
            -- read from gets one row with recipient NULL, so it is looked at once.
            CREATE TABLE deliveryFailure (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                inboundMessageID INTEGER NOT NULL REFERENCES inboundMessage (id),
                outboxMessageID INTEGER REFERENCES outboxMessage (id),
                recipient TEXT,
                status TEXT,
                diagnostic TEXT,
                heuristic INTEGER NOT NULL DEFAULT 0 CHECK (heuristic IN (0, 1)),
                createdAt DATETIME NOT NULL,
                UNIQUE (inboundMessageID, recipient)
            );
            CREATE INDEX deliveryFailure_inbound ON deliveryFailure (inboundMessageID);

            -- A recipient our mail cannot reach (a permanent bounce tied to our own message).
            CREATE TABLE undeliverable (
                address TEXT PRIMARY KEY NOT NULL CHECK (address = lower(address)),
                outboxMessageID INTEGER REFERENCES outboxMessage (id),
                status TEXT,
                diagnostic TEXT,
                failures INTEGER NOT NULL DEFAULT 1 CHECK (failures > 0),
                firstFailedAt DATETIME NOT NULL,
                lastFailedAt DATETIME NOT NULL
            );

            -- The consent text (its version) a submission agreed to (152-FZ art. 9).
            CREATE TABLE submissionConsent (
                submissionID INTEGER PRIMARY KEY NOT NULL REFERENCES submission (id),
                consentVersion TEXT NOT NULL,
                given INTEGER NOT NULL CHECK (given IN (0, 1)),
                recordedAt DATETIME NOT NULL
            );

            -- Each `internships forget`: when, and how much was erased — never whose.
            CREATE TABLE erasure (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at DATETIME NOT NULL,
                reason TEXT NOT NULL CHECK (reason IN ('request', 'retention')),
                inboundMessages INTEGER NOT NULL,
                submissions INTEGER NOT NULL,
                outboxMessages INTEGER NOT NULL
            );
            """)
    }
}
