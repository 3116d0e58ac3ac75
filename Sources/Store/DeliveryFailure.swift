import Foundation
import GRDB

/// One failed recipient reported by a bounce (RFC 3464), tied to our outgoing message when the
/// report names its Message-ID.
public struct DeliveryFailure: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "deliveryFailure"
    public var id: Int64?
    public var inboundMessageID: Int64
    public var outboxMessageID: Int64?
    /// Lower-cased; nil when nothing could be read from the bounce.
    public var recipient: String?
    /// RFC 3464 Status, e.g. `5.1.1`.
    public var status: String?
    public var diagnostic: String?
    /// Read by heuristics from a non-standard bounce.
    public var heuristic: Bool
    public var createdAt: Date

    public init(id: Int64? = nil, inboundMessageID: Int64, outboxMessageID: Int64?, recipient: String?,
                status: String?, diagnostic: String?, heuristic: Bool, createdAt: Date) {
        self.id = id
        self.inboundMessageID = inboundMessageID
        self.outboxMessageID = outboxMessageID
        self.recipient = recipient
        self.status = status
        self.diagnostic = diagnostic
        self.heuristic = heuristic
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// True when this bounce was already read.
    public static func recorded(_ db: Database, inboundMessageID: Int64) throws -> Bool {
        try DeliveryFailure.filter(Column("inboundMessageID") == inboundMessageID).fetchCount(db) > 0
    }
}
