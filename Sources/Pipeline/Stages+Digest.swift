// input:  everything the digest reports (a `DigestSource`), the coordinators, and `now`.
// output: at most one `digest` outboxMessage per coordinator and programme-local day (UNIQUE
//         dedupeKey `digest:<coordinator>:<yyyy-mm-dd>`), queued from the configured hour,
//         only when something needs a human — else a heartbeat on the configured weekday.
// crash:  each coordinator's row is one transaction: committed whole or not at all.
// rerun:  a window whose key exists is skipped, so a digest is never queued twice for the
//         same day; "new since" counts from the previous digest's enqueue time.
import Foundation
import GRDB
import Logging
import MailMessage
import Rendering
import Store

/// What one digest pass did, per coordinator.
public struct DigestReport: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable {
        case queued, heartbeat, notDue = "not_due", alreadySent = "already_sent", nothingToReport = "nothing_to_report"
        case dryRun = "dry_run"
    }
    public var outcomes: [String: Outcome] = [:]
    /// The rendered mail per coordinator (also for a dry run).
    public var mails: [String: RenderedMail] = [:]
    public init() {}
}

/// Renders the digest; `TemplateSet` in production.
public protocol DigestRenderer: Sendable {
    func renderDigest(_ context: [String: TemplateValue]) throws -> RenderedMail
}

extension TemplateSet: DigestRenderer {
    public func renderDigest(_ context: [String: TemplateValue]) throws -> RenderedMail {
        try render("digest", context: context)
    }
}

extension Stages {
    /// Queues the day's digest for every coordinator that is due one.
    /// - Parameters:
    ///   - force: ignore the hour and the "only when something needs a human" rule (`--now`);
    ///     the day's window still holds, so a forced digest is not sent twice either.
    ///   - dryRun: render and report, queue nothing (also for a window already sent).
    public func digest(source: some DigestSource, digest settings: DigestConfig, renderer: some DigestRenderer,
                       now: Date, force: Bool = false, dryRun: Bool = false) throws -> DigestReport {
        var report = DigestReport()
        let calendar = config.calendar
        let parts = calendar.dateComponents([.hour, .minute, .weekday], from: now)
        let beforeHour = ((parts.hour ?? 0), (parts.minute ?? 0)) < (settings.hour, settings.minute)
        // Calendar weekday: 1 = Sunday … 7 = Saturday; ISO: 1 = Monday … 7 = Sunday.
        let isoWeekday = ((parts.weekday ?? 1) + 5) % 7 + 1
        let window = config.day(of: now)
        for coordinator in settings.coordinators {
            let key = "digest:\(coordinator.email):\(window)"
            if !force && beforeHour {
                report.outcomes[coordinator.email] = .notDue
                continue
            }
            // A dry run previews even a window already sent (it queues nothing).
            if !dryRun, try store.pool.read({ try OutboxMessage.exists($0, dedupeKey: key) }) {
                report.outcomes[coordinator.email] = .alreadySent
                continue
            }
            let since = try store.pool.read { db in
                try Date.fetchOne(db, sql: """
                    SELECT MAX(createdAt) FROM outboxMessage WHERE template = 'digest' AND recipient = ?
                    """, arguments: [coordinator.email])
            }
            let facts = try source.digestFacts(since: since, now: now)
            if !facts.needsHuman && !force && isoWeekday != settings.heartbeatWeekday {
                report.outcomes[coordinator.email] = .nothingToReport
                continue
            }
            let mail: RenderedMail
            do {
                mail = try renderer.renderDigest(facts.context(campaign: settings.campaignTitle, coordinator: coordinator.name))
            } catch {
                throw PipelineError.configuration("template digest failed to render: \(error) — check the templates folder")
            }
            report.mails[coordinator.email] = mail
            if dryRun {
                report.outcomes[coordinator.email] = .dryRun
                continue
            }
            let messageID = "digest-\(UUID().uuidString.lowercased())@\(domain(of: config.programmeAddress))"
            let raw = try Self.composeDigest(mail, to: coordinator, config: config, messageID: messageID, now: now)
            let queued = try store.pool.write { db -> Bool in
                // The read above may race another run: the UNIQUE key decides.
                if try OutboxMessage.exists(db, dedupeKey: key) { return false }
                var row = OutboxMessage(dedupeKey: key, template: "digest", recipient: coordinator.email,
                                        messageID: messageID, raw: Data(raw), causeInboundID: nil, createdAt: now)
                try row.insert(db)
                try AuditEntry.record(db, at: now, cause: "command:digest", entity: "outboxMessage", entityID: row.id,
                                      change: facts.needsHuman ? "queued digest \(window)" : "queued heartbeat \(window)")
                return true
            }
            try crash.reach("digest.committed")
            report.outcomes[coordinator.email] = queued ? (facts.needsHuman ? .queued : .heartbeat) : .alreadySent
        }
        logger.info("digest done", metadata: ["digest.window": "\(window)",
                                              "digest.outcomes": "\(report.outcomes.values.map(\.rawValue).sorted())"])
        return report
    }

    /// The digest as a message: automatic (RFC 3834 §5: `auto-generated`, not a reply),
    /// carrying our loop header so a returned copy is never processed as a form.
    static func composeDigest(_ mail: RenderedMail, to coordinator: DigestConfig.Recipient, config: PipelineConfig,
                              messageID: String, now: Date) throws -> [UInt8] {
        let message = OutgoingMessage(
            from: Address(name: config.programmeName, address: config.programmeAddress),
            to: [Address(name: coordinator.name, address: coordinator.email)],
            replyTo: [Address(address: config.programmeAddress)],
            subject: mail.subject, messageID: messageID, date: now, timeZone: config.timeZone,
            extraHeaders: [
                OutgoingHeader(name: "Auto-Submitted", value: "auto-generated"),
                OutgoingHeader(name: config.loopHeader, value: config.programmeAddress),
            ],
            textBody: mail.text, htmlBody: mail.html)
        return try message.generate()
    }
}
