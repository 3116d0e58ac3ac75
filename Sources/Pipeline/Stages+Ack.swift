// input:  inbound rows that are done (parsed | held | quarantined planned, or imported)
//         and not yet acknowledged, under the mailbox's current UIDVALIDITY.
// output: those messages moved to the processed folder on the server, then ackedAt.
// crash:  between the MOVE and our commit the mail is moved but not marked.
// rerun:  moves again: a UID already gone is not an error (RFC 6851 §3.3), so the second
//         move is a no-op and the mark is written.
import Foundation
import GRDB
import Logging
import Store

/// What one ack did.
public struct AckReport: Sendable, Hashable {
    public var moved = 0
    public init() {}
}

extension Stages {
    /// Moves processed mail out of the inbox, only after everything about it is committed.
    public func ack(source: some MailboxSource, now: Date) throws -> AckReport {
        var report = AckReport()
        let status = try source.status()
        while true {
            let rows = try store.pool.read { db in
                try InboundMessage
                    .filter(Column("mailbox") == config.mailbox && Column("uidValidity") == status.uidValidity)
                    .filter(Column("ackedAt") == nil)
                    .filter(Column("state") == InboundMessage.State.imported.rawValue
                            || (["parsed", "held", "quarantined"].contains(Column("state"))
                                && Column("plannedAt") != nil))
                    .select(Column("id"), Column("uid"))
                    .order(Column("uid")).limit(config.fetchBatchSize)
                    .asRequest(of: Row.self).fetchAll(db)
                    .map { (id: $0["id"] as Int64, uid: $0["uid"] as Int64) }
            }
            if rows.isEmpty { break }
            try source.move(uids: rows.map(\.uid), uidValidity: status.uidValidity, to: config.processedFolder)
            try crash.reach("ack.moved")
            try store.pool.write { db in
                for row in rows {
                    try db.execute(sql: "UPDATE inboundMessage SET ackedAt = ? WHERE id = ?", arguments: [now, row.id])
                }
            }
            try crash.reach("ack.committed")
            report.moved += rows.count
            logger.info("processed mail moved", metadata: [
                "imap.folder": "\(config.processedFolder)", "ack.count": "\(rows.count)",
            ])
        }
        return report
    }
}
