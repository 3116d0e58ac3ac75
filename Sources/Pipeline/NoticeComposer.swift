// Builds and queues a mail the programme starts itself (assignments, reminders, results,
// catalogue, selection results, invitations, host lists, season mail): not a reply, so
// Auto-Submitted is auto-generated (RFC 3834 §5). One place for the headers, the Message-ID
// domain, the template-failure wording and the outbox row with its audit entry.
import Foundation
import GRDB
import MailMessage
import Rendering
import Store

enum NoticeComposer {
    /// The domain of the programme's address, for Message-IDs and calendar UIDs.
    static func domain(_ config: PipelineConfig) -> String {
        config.programmeAddress.split(separator: "@").last.map(String.init) ?? "localhost"
    }

    /// A fresh Message-ID in the programme's domain.
    static func messageID(_ config: PipelineConfig) -> String {
        "\(UUID().uuidString.lowercased())@\(domain(config))"
    }

    /// `thread`: Message-IDs a later mail about the same thing goes under (In-Reply-To and
    /// References, RFC 5322 §3.6.4) — still a notice, not a response.
    static func compose(config: PipelineConfig, to recipient: String, subject: String, text: String,
                        html: String?, messageID: String, date: Date, thread: [String] = [],
                        calendar: OutgoingCalendar? = nil) throws -> [UInt8] {
        let message = OutgoingMessage(
            from: Address(name: config.programmeName, address: config.fromAddress ?? config.programmeAddress),
            to: [Address(address: recipient)],
            replyTo: [Address(address: config.programmeAddress)],
            subject: subject, messageID: messageID, date: date, timeZone: config.timeZone,
            inReplyTo: thread, references: thread,
            extraHeaders: [
                OutgoingHeader(name: "Auto-Submitted", value: "auto-generated"),
                OutgoingHeader(name: config.loopHeader, value: config.programmeAddress),
            ],
            textBody: text, htmlBody: html, calendar: calendar)
        return try message.generate()
    }

    /// Renders `template` with `context` (a failure is the operator's: exit 78 naming the
    /// template), builds the notice and inserts its outbox row and audit entry in the caller's
    /// transaction. Returns the inserted row (its `messageID` threads later mail).
    @discardableResult
    static func queue(_ db: Database, config: PipelineConfig, templates: TemplateSet, template: String,
                      context: [String: TemplateValue], to recipient: String, dedupeKey: String,
                      thread: [String] = [], calendar: OutgoingCalendar? = nil,
                      cause: String, change: String, now: Date) throws -> OutboxMessage {
        let mail: RenderedMail
        do {
            mail = try templates.render(template, context: context)
        } catch {
            throw PipelineError.configuration("template \(template) failed to render: \(error) — check the templates folder")
        }
        let messageID = messageID(config)
        let raw = try compose(config: config, to: recipient, subject: mail.subject, text: mail.text, html: mail.html,
                              messageID: messageID, date: now, thread: thread, calendar: calendar)
        var outbox = OutboxMessage(dedupeKey: dedupeKey, template: template, recipient: recipient, messageID: messageID,
                                   raw: Data(raw), causeInboundID: nil, createdAt: now)
        try outbox.insert(db)
        try AuditEntry.record(db, at: now, cause: cause, entity: "outboxMessage", entityID: outbox.id, change: change)
        return outbox
    }
}
