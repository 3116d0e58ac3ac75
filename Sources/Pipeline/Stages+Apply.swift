// input:  parsed | held | quarantined inbound rows not yet applied (appliedAt IS NULL).
// output: disposition + appliedAt on each row; for a valid form in its window a submission
//         version (new number, or the same number and version+1 replacing the current one),
//         the organisation/programme/participant it describes, and audit rows — one
//         transaction per batch.
// crash:  leaves whole batches applied; the rest have appliedAt NULL and no submission.
// rerun:  reads only rows with appliedAt NULL; submission.inboundMessageID is UNIQUE, so a
//         message can never be counted twice.
import Foundation
import GRDB
import Logging
import Store

/// What one apply did.
public struct ApplyReport: Sendable, Hashable {
    public var submitted = 0
    public var replaced = 0
    public var other: [String: Int] = [:]
    public init() {}
}

extension Stages {
    /// Decides what every parsed message is and records valid forms as submission versions.
    public func apply(now: Date) throws -> ApplyReport {
        var report = ApplyReport()
        while true {
            let rows = try store.pool.read { db in
                // Not the raw bytes: apply reads what parse recorded (P5).
                try InboundMessage.select(InboundMessage.leanSelection)
                    .filter(["parsed", "held", "quarantined"].contains(Column("state")))
                    .filter(Column("appliedAt") == nil)
                    .order(Column("id")).limit(config.fetchBatchSize).fetchAll(db)
            }
            if rows.isEmpty { break }
            let batch = try store.pool.write { db -> ApplyReport in
                var batch = ApplyReport()
                for var row in rows {
                    var form = JSON.decode(FormResult.self, row.formJSON)
                    if let checked = try checkedMotivation(db, form: form) {
                        form = checked
                        row.formJSON = JSON.encode(checked)
                    }
                    let disposition = dispositionFor(row: row, form: form)
                    if disposition == .submitted, let form, let sender = row.sender {
                        let replaced = try record(db, form: form, sender: sender, row: row, now: now)
                        batch.submitted += 1
                        if replaced { batch.replaced += 1 }
                    } else {
                        batch.other[disposition.rawValue, default: 0] += 1
                    }
                    row.disposition = disposition
                    row.appliedAt = now
                    try row.update(db, columns: ["disposition", "appliedAt", "formJSON"])
                    try AuditEntry.record(db, at: now, cause: row.cause, entity: "inboundMessage",
                                          entityID: row.id, change: "applied: \(disposition.rawValue)")
                }
                return batch
            }
            try crash.reach("apply.committed")
            report.submitted += batch.submitted
            report.replaced += batch.replaced
            report.other.merge(batch.other, uniquingKeysWith: +)
        }
        logger.info("apply done", metadata: [
            "apply.submitted": "\(report.submitted)", "apply.replaced": "\(report.replaced)",
        ])
        return report
    }

    /// Pure: what a parsed message is.
    func dispositionFor(row: InboundMessage, form: FormResult?) -> InboundMessage.Disposition {
        switch row.state {
        case .quarantined: return .quarantined
        case .held: return .held
        default: break
        }
        // RFC 3834 §2: never answer automatic mail.
        guard row.class == "human" else { return .robot }
        guard let form else { return .noForm }
        if let window = config.windows[form.kind] {
            if row.fetchedAt < window.start { return .notOpen }
            if row.fetchedAt >= window.end { return .closed }
        }
        return form.errors.isEmpty ? .submitted : .invalid
    }

    /// What makes two forms the same thing (product.md: same sender and organisation for
    /// `program`, same sender for `participant`, same expert and application for `score`).
    static func key(kind: String, sender: String, form: FormResult) -> String {
        func normal(_ text: String?) -> String {
            (text ?? "").lowercased().replacingOccurrences(of: "ё", with: "е")
                .split(whereSeparator: { $0.isWhitespace || $0 == "\"" || $0 == "«" || $0 == "»" })
                .joined(separator: " ")
        }
        switch kind {
        case "program": return "\(sender)|\(normal(form.value("organization")))"
        case "score", "motivation":
            let digits = (form.value("application_number") ?? "").filter(\.isNumber)
            return "\(sender)|\(Int(digits).map(String.init) ?? digits)"
        // One person may propose several ideas: a new version only for the same title.
        case "idea": return "\(sender)|\(normal(form.value("title")))"
        default: return sender
        }
    }

    /// Inserts the submission version and the domain rows; true when it replaced a version.
    private func record(_ db: Database, form: FormResult, sender: String, row: InboundMessage,
                        now: Date) throws -> Bool {
        let inboundID = row.id ?? 0
        if try Submission.caused(by: inboundID, db) != nil { return false }
        let campaign = config.campaign
        var key = Self.key(kind: form.kind, sender: sender, form: form)
        // Feedback answers one request: with K > 1 a participant reviews each programme apart.
        if form.kind == "feedback", let token = Self.feedbackToken(inSubject: row.subject) { key += "|FB-\(token.programme)" }
        let number: Int
        let version: Int
        var previous = try Submission.current(db, campaign: campaign, kind: form.kind, key: key)
        if var old = previous {
            number = old.number
            version = (try Submission.versions(db, campaign: campaign, kind: form.kind, number: number)
                .map(\.version).max() ?? old.version) + 1
            old.isCurrent = false
            try old.update(db)
            previous = old
        } else {
            number = try Submission.nextNumber(db, campaign: campaign, kind: form.kind)
            version = 1
        }
        var fields: [String: String] = [:]
        for field in form.fields { if let value = field.value { fields[field.id] = value } }
        var submission = Submission(
            campaign: campaign, kind: form.kind, number: number, version: version, key: key,
            inboundMessageID: inboundID, sender: sender, fieldsJSON: JSON.encode(fields),
            isCurrent: true, createdAt: now)
        try submission.insert(db)
        let submissionID = submission.id ?? 0
        try recordConsent(db, submissionID: submissionID, form: form, now: now)
        try AuditEntry.record(db, at: now, cause: row.cause, entity: "submission", entityID: submissionID,
                              change: previous.map { "\(form.kind) № \(number) v\(version) replaces v\($0.version)" }
                                  ?? "\(form.kind) № \(number) v1")
        switch form.kind {
        case "program":
            var organisationID: Int64?
            let inn = (form.value("inn") ?? "").filter(\.isNumber)
            if inn.count == 10 || inn.count == 12 {
                organisationID = try Organisation.upsert(
                    db, campaign: campaign, inn: inn, name: form.value("organization") ?? "",
                    locality: form.value("locality"))
            }
            try Programme.upsert(db, Programme(
                campaign: campaign, number: number, organisationID: organisationID,
                title: form.value("program_title") ?? "", submissionID: submissionID))
        case "participant":
            try Participant.upsert(db, Participant(
                campaign: campaign, email: sender, fullName: form.value("full_name") ?? "",
                number: number, submissionID: submissionID))
            try recordEligibility(db, submissionID: submissionID, number: number, fields: fields, row: row, now: now)
        case "rsvp":
            try recordRSVP(db, fields: fields, row: row, now: now)
        case "motivation":
            try recordMotivation(db, fields: fields, sender: sender, row: row, now: now)
        case "feedback":
            try recordFeedback(db, submission: submission, fields: fields, row: row, now: now)
        case "idea":
            try recordIdea(db, submission: submission, fields: fields, row: row, now: now)
        default:
            break
        }
        return previous != nil
    }
}
