// Migration v5_reply_command: what parse read of a coordinator's command, so release by reply
// no longer parses the stored message again. `replyCommand`: the first non-empty line of the
// message's own text when it is an "ОТПРАВИТЬ …" command, '' when it is none, NULL when the
// row was parsed before this migration (release by reply then reads the stored bytes).
// `senderAuthentication`: what the trusted receiving server said (verified|failed|unknown).
import GRDB

extension Store {
    static func v5ReplyCommand(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE inboundMessage ADD COLUMN replyCommand TEXT CHECK (replyCommand IS NULL OR length(replyCommand) <= 200);
            ALTER TABLE inboundMessage ADD COLUMN senderAuthentication TEXT
                CHECK (senderAuthentication IS NULL OR senderAuthentication IN ('verified', 'failed', 'unknown'));
            """)
    }
}
