import Foundation
import GRDB

/// One fetched message: the raw bytes (the audit archive) and what parse and apply decided.
public struct InboundMessage: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "inboundMessage"

    /// Where a message is in the pipeline.
    public enum State: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
        case new, parsed, held, quarantined
        /// Found on the first run over a mailbox: recorded, never answered.
        case imported
    }

    /// What apply decided the message is, which tells plan what reply it gets.
    public enum Disposition: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
        case submitted, invalid, noForm = "no_form", closed, notOpen = "not_open", robot, held
        case quarantined
    }

    public var id: Int64?
    public var mailbox: String
    public var uidValidity: Int64
    public var uid: Int64
    public var messageID: String?
    public var sha256: String
    public var raw: Data
    public var size: Int
    public var fetchedAt: Date
    public var state: State
    public var `class`: String?
    public var sender: String?
    public var replyTo: String?
    public var subject: String?
    public var referencesJSON: String?
    /// JSON array of `{code, detail}`.
    public var defects: String?
    public var formJSON: String?
    public var disposition: Disposition?
    public var processedAt: Date?
    public var appliedAt: Date?
    public var plannedAt: Date?
    public var ackedAt: Date?
    /// Parse: the "ОТПРАВИТЬ …" line opening the message's own text, '' when none, nil when
    /// parsed before v5_reply_command.
    public var replyCommand: String?
    /// Parse: `verified`, `failed` or `unknown` (the trusted server's Authentication-Results).
    public var senderAuthentication: String?

    public init(id: Int64? = nil, mailbox: String, uidValidity: Int64, uid: Int64,
                messageID: String?, sha256: String, raw: Data, fetchedAt: Date,
                state: State = .new) {
        self.id = id
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
        self.messageID = messageID
        self.sha256 = sha256
        self.raw = raw
        self.size = raw.count
        self.fetchedAt = fetchedAt
        self.state = state
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The bytes live in `inboundRaw` (v4_raw_apart): read back through a subquery.
    public static var databaseSelection: [any SQLSelectable] {
        [.allColumns, SQL("COALESCE((SELECT raw FROM inboundRaw WHERE inboundID = inboundMessage.id), x'') AS raw")]
    }

    /// Every column but `raw`: a state UPDATE never rewrites the message bytes.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["mailbox"] = mailbox
        container["uidValidity"] = uidValidity
        container["uid"] = uid
        container["messageID"] = messageID
        container["sha256"] = sha256
        container["size"] = size
        container["fetchedAt"] = fetchedAt
        container["state"] = state
        container["class"] = `class`
        container["sender"] = sender
        container["replyTo"] = replyTo
        container["subject"] = subject
        container["referencesJSON"] = referencesJSON
        container["defects"] = defects
        container["formJSON"] = formJSON
        container["disposition"] = disposition
        container["processedAt"] = processedAt
        container["appliedAt"] = appliedAt
        container["plannedAt"] = plannedAt
        container["ackedAt"] = ackedAt
        container["replyCommand"] = replyCommand
        container["senderAuthentication"] = senderAuthentication
    }

    /// The bytes are written once, in the same transaction as the row.
    public func aroundInsert(_ db: Database, insert: () throws -> InsertionSuccess) throws {
        let inserted = try insert()
        try RawBlob.insert(db, table: "inboundRaw", keyColumn: "inboundID", key: inserted.rowID, bytes: raw)
    }

    /// The cause string for audit rows written because of this message.
    public var cause: String { "inbound:\(id ?? 0)" }

    /// Rows in `state`, oldest first.
    public static func waiting(_ db: Database, state: State, limit: Int? = nil) throws -> [InboundMessage] {
        var request = InboundMessage.filter(Column("state") == state.rawValue).order(Column("id"))
        if let limit { request = request.limit(limit) }
        return try request.fetchAll(db)
    }

    /// A stored message with the same Message-ID and content hash (UIDVALIDITY re-scan).
    public static func duplicate(_ db: Database, messageID: String?, sha256: String) throws -> InboundMessage? {
        try InboundMessage
            .filter(Column("messageID") == messageID && Column("sha256") == sha256)
            .order(Column("id"))
            .fetchOne(db)
    }
}
