// Migration v3_inbound_release: when a coordinator released a held message
// (`internships inbound release`); NULL for every message never released.
import GRDB

extension Store {
    static func v3InboundRelease(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE inboundMessage ADD COLUMN releasedAt DATETIME;
            """)
    }
}
