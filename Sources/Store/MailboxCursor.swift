import Foundation
import GRDB

/// How far pickup has read one IMAP mailbox (RFC 3501 §2.3.1.1: UIDs are only meaningful
/// together with UIDVALIDITY).
public struct MailboxCursor: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "mailboxCursor"
    public var mailbox: String
    public var uidValidity: Int64
    public var lastUid: Int64
    /// On the first run, the highest UID already in the mailbox: those are imported, not answered.
    public var importThroughUid: Int64
    public var updatedAt: Date

    public init(mailbox: String, uidValidity: Int64, lastUid: Int64, importThroughUid: Int64 = 0,
                updatedAt: Date) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.lastUid = lastUid
        self.importThroughUid = importThroughUid
        self.updatedAt = updatedAt
    }

    /// The cursor of `mailbox`, or nil before the first pickup.
    public static func find(_ db: Database, mailbox: String) throws -> MailboxCursor? {
        try MailboxCursor.fetchOne(db, key: mailbox)
    }
}
