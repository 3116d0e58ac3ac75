// Store: inbound rows without their raw bytes, and the bytes one message at a time.
// Parse and apply read the parsed columns of many rows; the raw message (up to the parser's
// limit, 4 MB and more) is needed by parse only, one message at a time (issue 10, P5).
import Foundation
import GRDB

extension InboundMessage {
    /// Every column but `raw`, which reads as empty: a row that must never be saved whole
    /// (update named columns only, as parse and apply do).
    public static var leanSelection: [any SQLSelectable] { [.allColumns, SQL("x'' AS raw")] }

    /// `waiting(_:state:limit:)` without the raw bytes.
    public static func waitingLean(_ db: Database, state: State, limit: Int? = nil) throws -> [InboundMessage] {
        var request = InboundMessage.select(leanSelection).filter(Column("state") == state.rawValue).order(Column("id"))
        if let limit { request = request.limit(limit) }
        return try request.fetchAll(db)
    }

    /// The raw bytes of one stored message, copied once out of SQLite; nil when there is no such row.
    public static func rawBytes(_ db: Database, id: Int64) throws -> [UInt8]? {
        try RawBlob.read(db, table: "inboundRaw", keyColumn: "inboundID", key: id)
    }
}
