// input:  applied inbound rows of class `bounce` not read yet (no deliveryFailure row).
// output: deliveryFailure rows (one per failed recipient, tied to our outbox row by the
//         Message-ID the report quotes), undeliverable rows, audit rows — one transaction per batch.
// crash:  leaves whole batches read; the rest have no deliveryFailure row.
// rerun:  a bounce that has a deliveryFailure row is skipped, so each is read exactly once.
import Foundation
import GRDB
import Logging
import MailMessage
import Store

/// What one bounce pass did.
public struct BounceReport: Sendable, Hashable {
    /// Bounces read.
    public var read = 0
    /// Failed recipients tied to one of our outgoing messages.
    public var tied = 0
    /// Recipients newly or again marked undeliverable.
    public var undeliverable = 0
    public init() {}
}

extension Stages {
    /// Reads every new bounce (RFC 3464, or a heuristic one). A recipient is marked
    /// undeliverable only when the report quotes the Message-ID of a message WE sent to that
    /// recipient and the failure is permanent (status 5.x.x, or a heuristic bounce): a forged
    /// or stray bounce (backscatter) is recorded but marks no one.
    public func readBounces(now: Date) throws -> BounceReport {
        var report = BounceReport()
        while true {
            let rows = try store.pool.read { db in
                try InboundMessage.fetchAll(db, sql: """
                    SELECT *, (SELECT raw FROM inboundRaw WHERE inboundID = inboundMessage.id) AS raw FROM inboundMessage
                    WHERE class = 'bounce' AND appliedAt IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM deliveryFailure f WHERE f.inboundMessageID = inboundMessage.id)
                    ORDER BY id LIMIT ?
                    """, arguments: [config.fetchBatchSize])
            }
            if rows.isEmpty { break }
            let batch = try store.pool.write { db -> BounceReport in
                var batch = BounceReport()
                for row in rows { try readBounce(db, row: row, now: now, into: &batch) }
                return batch
            }
            try crash.reach("bounces.committed")
            report.read += batch.read
            report.tied += batch.tied
            report.undeliverable += batch.undeliverable
        }
        if report.read > 0 {
            logger.info("bounces read", metadata: [
                "bounce.read": "\(report.read)", "bounce.tied": "\(report.tied)",
                "bounce.undeliverable": "\(report.undeliverable)",
            ])
        }
        return report
    }

    private func readBounce(_ db: Database, row: InboundMessage, now: Date, into report: inout BounceReport) throws {
        let inboundID = row.id ?? 0
        report.read += 1
        let parsed = Message.parse([UInt8](row.raw)).deliveryReport
        let outbox = try Self.quotedOutbox(db, parsed?.originalMessageID)
        let failed = (parsed?.recipients ?? []).filter { $0.action == nil || $0.action == "failed" }
        if failed.isEmpty {
            var nothing = DeliveryFailure(inboundMessageID: inboundID, outboxMessageID: outbox?.id, recipient: nil,
                                          status: nil, diagnostic: nil, heuristic: parsed?.isHeuristic ?? true,
                                          createdAt: now)
            try nothing.insert(db)
            return
        }
        var seen = Set<String>()
        for recipient in failed {
            let address = recipient.finalRecipient.lowercased()
            guard seen.insert(address).inserted else { continue }
            // Tied: the quoted Message-ID is ours and that message went to this recipient.
            let tied = outbox.flatMap { $0.recipient.lowercased() == address ? $0 : nil }
            var failure = DeliveryFailure(
                inboundMessageID: inboundID, outboxMessageID: tied?.id, recipient: address,
                status: recipient.status, diagnostic: recipient.diagnosticCode.map { String($0.prefix(500)) },
                heuristic: parsed?.isHeuristic ?? false, createdAt: now)
            try failure.insert(db)
            guard let tied else { continue }
            report.tied += 1
            let permanent = recipient.status.map { $0.hasPrefix("5") } ?? (parsed?.isHeuristic ?? false)
            guard permanent else { continue }
            try Undeliverable.mark(db, address: address, outboxMessageID: tied.id, status: recipient.status,
                                   diagnostic: failure.diagnostic, at: now)
            report.undeliverable += 1
            try AuditEntry.record(db, at: now, cause: row.cause, entity: "outboxMessage", entityID: tied.id,
                                  change: "bounced (\(recipient.status ?? "heuristic")): recipient undeliverable")
        }
    }

    /// Our outbox row with the quoted Message-ID (angle brackets optional), if any.
    static func quotedOutbox(_ db: Database, _ messageID: String?) throws -> OutboxMessage? {
        guard let messageID else { return nil }
        let bare = messageID.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
        guard !bare.isEmpty else { return nil }
        return try OutboxMessage.filter(Column("messageID") == bare).fetchOne(db)
    }
}
