// One pickup batch: the fetched messages, hashed off the storing thread, committed with the
// cursor after them (see Stages+Pickup.swift for what a crash leaves and why a rerun is safe).
import Foundation
import MailTransport
import GRDB
import Store

/// A fetched message with what pickup derives from its bytes alone, computed on the fetching
/// thread (SHA-256 of a 4 MB message is milliseconds the storing thread need not wait for).
struct PickedMessage: Sendable {
    var message: FetchedMessage
    var sha256: String
    var messageID: String?

    init(_ message: FetchedMessage) {
        self.message = message
        sha256 = SHA256.hex(message.raw)
        messageID = RawHeaders.messageID(in: message.raw)
    }
}

/// What one committed batch added.
struct PickupBatchCounts {
    var fetched = 0
    var stored = 0
    var imported = 0
    var duplicates = 0
}

extension Stages {
    /// Commits one fetched batch and the cursor after it in one transaction. `startingNext`
    /// runs once the batch is in hand and before anything is written: the caller starts the
    /// next fetch there. The batch's bytes are released when this returns.
    func commitBatch(_ messages: [PickedMessage], through batchMax: Int64, start: MailboxCursor, uidValidity: Int64,
                     now: Date, startingNext: () -> Void) throws -> PickupBatchCounts {
        startingNext()
        try crash.reach("pickup.fetched")
        let mailbox = config.mailbox
        var counts = try store.pool.write { db -> PickupBatchCounts in
            var counts = PickupBatchCounts()
            for picked in messages {
                let message = picked.message
                let sha = picked.sha256
                let messageID = picked.messageID
                if var known = try InboundMessage.duplicate(db, messageID: messageID, sha256: sha) {
                    counts.duplicates += 1
                    if known.ackedAt == nil && known.uidValidity != uidValidity {
                        // Still in the mailbox under a new UID: let ack find it there.
                        known.uidValidity = uidValidity
                        known.uid = message.uid
                        try known.update(db, columns: ["uidValidity", "uid"])
                    }
                    continue
                }
                let isImport = message.uid <= start.importThroughUid
                // SQLite copies the bytes when they are bound: the row borrows the fetched
                // buffer instead of copying it into a Data first (P5).
                let row = try message.raw.withUnsafeBytes { buffer in
                    var row = InboundMessage(
                        mailbox: mailbox, uidValidity: uidValidity, uid: message.uid,
                        messageID: messageID, sha256: sha, raw: Stages.borrowedData(buffer), fetchedAt: now,
                        state: isImport ? .imported : .new)
                    try row.insert(db)
                    row.raw = Data()
                    return row
                }
                try AuditEntry.record(db, at: now, cause: row.cause, entity: "inboundMessage",
                                      entityID: row.id, change: "stored as \(row.state.rawValue)")
                if isImport { counts.imported += 1 } else { counts.stored += 1 }
            }
            var advanced = start
            advanced.lastUid = batchMax
            advanced.updatedAt = now
            try advanced.update(db)
            return counts
        }
        try crash.reach("pickup.committed")
        counts.fetched = messages.count
        return counts
    }
}
