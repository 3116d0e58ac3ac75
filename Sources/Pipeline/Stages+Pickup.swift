// input:  the IMAP mailbox (status, UIDs above the cursor, raw bytes).
// output: inboundMessage rows (raw, sha256, state new|imported) and mailboxCursor, advanced
//         in the SAME transaction as the rows, one transaction per fetch batch (at most
//         fetchBatchSize messages, cut once it holds pickupBatchBytes); the next batch is
//         fetched (and hashed) on a thread of its own while this one is stored.
// crash:  leaves whole batches committed with the cursor after them; a fetched, uncommitted
//         batch (or the one fetched ahead) is simply lost and fetched again.
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
        try pickup(from: source, now: now, afterEachBatch: {})
    }

    /// Pickup that calls `afterEachBatch` after every committed batch (and its crash point),
    /// while the next batch is fetched in the background: the run parses there (P1). An error
    /// it throws stops pickup after the fetch in flight has finished.
    public func pickup(from source: some MailboxSource, now: Date,
                       afterEachBatch: () throws -> Void) throws -> PickupReport {
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
        let uidValidity = status.uidValidity
        let batchSize = config.fetchBatchSize
        // One fetch at a time touches the source: the next starts only after this one is
        // collected, and every exit waits for the one in flight. A batch ends at
        // `fetchBatchSize` messages or once it holds `pickupBatchBytes` (P5).
        nonisolated(unsafe) let mailboxSource = source
        func fetchAhead(_ start: Int) -> FetchAhead<(picked: [PickedMessage], through: Int64)>? {
            guard start < uids.count else { return nil }
            let chunk = Array(uids[start..<min(uids.count, start + batchSize)])
            return FetchAhead {
                let batch = try mailboxSource.fetch(uids: chunk, uidValidity: uidValidity, byteBudget: Stages.pickupBatchBytes)
                return (batch.messages.map(PickedMessage.init), batch.throughUID ?? chunk.last ?? lastUid)
            }
        }
        var next = fetchAhead(0)
        defer { next?.finish() }
        var position = 0
        while let inFlight = next {
            next = nil
            let batch = try inFlight.wait()
            let batchMax = batch.through
            // The UIDs after the cut (if any) start the next batch.
            position = uids[position...].firstIndex { $0 > batchMax } ?? uids.count
            let rest = position
            let counts = try commitBatch(batch.picked, through: batchMax, start: start, uidValidity: uidValidity,
                                         now: now, startingNext: { next = fetchAhead(rest) })
            report.fetched += counts.fetched
            report.stored += counts.stored
            report.imported += counts.imported
            report.duplicates += counts.duplicates
            logger.info("pickup batch committed", metadata: [
                "imap.mailbox": "\(mailbox)", "imap.last_uid": "\(batchMax)",
                "pickup.stored": "\(counts.stored)", "pickup.duplicates": "\(counts.duplicates)",
            ])
            // The batch's bytes are gone by now: parse reads them back from the store.
            try afterEachBatch()
        }
        return report
    }
}
