// input:  the IMAP mailbox (status, UIDs above the cursor, raw bytes).
// output: inboundMessage rows (raw, sha256, state new|imported) and mailboxCursor, advanced
//         in the SAME transaction as the rows, one transaction per fetch batch.
// crash:  leaves whole batches committed with the cursor after them; a fetched, uncommitted
//         batch is simply lost and fetched again.
// rerun:  starts from the committed cursor; a message already stored (same Message-ID and
//         sha256, e.g. after a UIDVALIDITY change) is skipped, so nothing is stored twice.
import Foundation
import GRDB
import Logging
import MailMessage
import Store

/// What one pickup did.
public struct PickupReport: Sendable, Hashable {
    public var fetched = 0
    public var stored = 0
    public var imported = 0
    public var duplicates = 0
    public var uidValidityChanged = false
    public init() {}
}

extension Stages {
    /// Fetches new mail into the store. Throws the source's error (nothing committed for the
    /// batch in flight).
    public func pickup(from source: some MailboxSource, now: Date) throws -> PickupReport {
        var report = PickupReport()
        let mailbox = config.mailbox
        let status = try source.status()
        var cursor = try store.pool.read { try MailboxCursor.find($0, mailbox: mailbox) }
        if let existing = cursor, existing.uidValidity == status.uidValidity {
            // The usual case: carry on after lastUid.
        } else {
            // First run, or RFC 3501 §2.3.1.1: UIDVALIDITY changed, old UIDs mean nothing —
            // re-scan from 1; the (Message-ID, sha256) check skips what we already have.
            report.uidValidityChanged = cursor != nil
            var importThrough: Int64 = 0
            if cursor == nil && !config.answerExistingOnFirstRun {
                importThrough = try source.searchUIDs(from: 1).max() ?? 0
            }
            let fresh = MailboxCursor(mailbox: mailbox, uidValidity: status.uidValidity, lastUid: 0,
                                      importThroughUid: importThrough, updatedAt: now)
            let previous = cursor
            try store.pool.write { db in
                try fresh.save(db)
                try AuditEntry.record(db, at: now, cause: "command:pickup", entity: "mailboxCursor",
                                      entityID: nil,
                                      change: previous == nil
                                          ? "\(mailbox) first seen, uidValidity \(status.uidValidity), importing through uid \(importThrough)"
                                          : "\(mailbox) uidValidity \(previous?.uidValidity ?? 0) -> \(status.uidValidity), rescan")
            }
            logger.notice("mailbox cursor reset", metadata: [
                "imap.mailbox": "\(mailbox)", "imap.uidvalidity": "\(status.uidValidity)",
                "imap.import_through": "\(importThrough)",
            ])
            try crash.reach("pickup.cursor")
            cursor = fresh
        }
        guard let start = cursor else { return report }
        let lastUid = start.lastUid
        // `UID SEARCH UID n:*` always includes the highest UID, even below n: filter.
        let uids = try source.searchUIDs(from: lastUid + 1).filter { $0 > lastUid }.sorted()
        for chunk in uids.chunked(config.fetchBatchSize) {
            let messages = try source.fetch(uids: Array(chunk), uidValidity: status.uidValidity)
            try crash.reach("pickup.fetched")
            let batchMax = chunk.last ?? lastUid
            let counts = try store.pool.write { db -> (stored: Int, imported: Int, duplicates: Int) in
                var stored = 0, imported = 0, duplicates = 0
                for message in messages {
                    let sha = SHA256.hex(message.raw)
                    let messageID = RawHeaders.messageID(in: message.raw)
                    if var known = try InboundMessage.duplicate(db, messageID: messageID, sha256: sha) {
                        duplicates += 1
                        if known.ackedAt == nil && known.uidValidity != status.uidValidity {
                            // Still in the mailbox under a new UID: let ack find it there.
                            known.uidValidity = status.uidValidity
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
                            mailbox: mailbox, uidValidity: status.uidValidity, uid: message.uid,
                            messageID: messageID, sha256: sha, raw: Stages.borrowedData(buffer), fetchedAt: now,
                            state: isImport ? .imported : .new)
                        try row.insert(db)
                        row.raw = Data()
                        return row
                    }
                    try AuditEntry.record(db, at: now, cause: row.cause, entity: "inboundMessage",
                                          entityID: row.id, change: "stored as \(row.state.rawValue)")
                    if isImport { imported += 1 } else { stored += 1 }
                }
                var advanced = start
                advanced.lastUid = batchMax
                advanced.updatedAt = now
                try advanced.update(db)
                return (stored, imported, duplicates)
            }
            try crash.reach("pickup.committed")
            report.fetched += messages.count
            report.stored += counts.stored
            report.imported += counts.imported
            report.duplicates += counts.duplicates
            logger.info("pickup batch committed", metadata: [
                "imap.mailbox": "\(mailbox)", "imap.last_uid": "\(batchMax)",
                "pickup.stored": "\(counts.stored)", "pickup.duplicates": "\(counts.duplicates)",
            ])
        }
        return report
    }
}
