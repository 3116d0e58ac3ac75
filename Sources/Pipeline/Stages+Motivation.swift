// input:  a `motivation` form (participant score sheet) being applied, from a sender parse
//         let through (a registered expert or a coordinator; anyone else is held).
// output: an `unknown:application_number` error on the form when no such participant
//         application exists; otherwise the scorer's motivationScore (source `mail`, the
//         latest sheet per scorer and application wins) and an audit row — in apply's
//         transaction; plan reads the scores back for the acknowledgement.
// crash:  nothing of its own: it commits or rolls back with apply's batch.
// rerun:  a score is keyed by (campaign, application, scorer): recording it again changes nothing.
import Foundation
import GRDB
import Store

/// What the acknowledgement of a participant score sheet says was recorded.
public struct MotivationEcho: Sendable, Hashable {
    /// The participant application scored.
    public var number: Int
    /// This scorer's score as recorded.
    public var score: Int
    /// How many scorers scored the application so far (this one included).
    public var scorers: Int
    /// Their mean, which the selection ranks by.
    public var mean: Double

    /// The mean as a person reads it: `7,5`, `8`.
    public var meanText: String {
        let tenths = (mean * 10).rounded() / 10
        if tenths == tenths.rounded() { return String(Int(tenths)) }
        return String(format: "%.1f", tenths).replacingOccurrences(of: ".", with: ",")
    }
}

extension PipelineConfig {
    /// Participant score sheets come from registered experts or coordinators; expert score
    /// sheets from registered experts only. Other kinds: anyone.
    func mayScore(kind: String, sender: String) -> Bool {
        switch kind {
        case "score": return experts.contains(sender)
        case "motivation": return experts.contains(sender) || coordinators.contains(sender)
        default: return true
        }
    }
}

extension Stages {
    /// The form with an error added when a participant score sheet names no existing
    /// application; nil when nothing changes.
    func checkedMotivation(_ db: Database, form: FormResult?) throws -> FormResult? {
        guard var form, form.kind == "motivation", !form.errors.contains(where: { $0.code.hasPrefix("unknown:") }),
              let text = form.value("application_number"), let number = Int(text.filter(\.isNumber)) else { return nil }
        let known = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM submission WHERE campaign = ? AND kind = 'participant' AND number = ? AND isCurrent
            """, arguments: [config.campaign, number]) ?? 0
        if known > 0 { return nil }
        form.errors.append(FormProblem(
            code: "unknown:application_number",
            message: "Заявки участника № \(number) нет в этом наборе. Проверьте номер заявки (он есть в теме письма-подтверждения участнику) и пришлите оценку ещё раз."))
        return form
    }

    /// Records the scorer's motivation score from an applied sheet.
    func recordMotivation(_ db: Database, fields: [String: String], sender: String, row: InboundMessage, now: Date) throws {
        guard let number = fields["application_number"].flatMap({ Int($0.filter(\.isNumber)) }),
              let score = fields["motivation_score"].flatMap({ Int($0) }) else { return }
        let replaced = try MotivationScore.record(db, MotivationScore(
            campaign: config.campaign, participantNumber: number, scorer: sender, score: score,
            comment: fields["comment"], source: "mail", createdAt: now))
        try AuditEntry.record(db, at: now, cause: row.cause, entity: "motivationScore", entityID: nil,
                              change: "participant № \(number): \(score)\(replaced ? " (replaces this scorer's earlier score)" : "")")
    }

    /// What plan echoes for an applied sheet: the score recorded and the mean over scorers.
    func motivationEcho(_ db: Database, submission: Submission) throws -> MotivationEcho? {
        guard submission.kind == "motivation",
              let fields = JSON.decode([String: String].self, submission.fieldsJSON),
              let number = fields["application_number"].flatMap({ Int($0.filter(\.isNumber)) }),
              let score = fields["motivation_score"].flatMap({ Int($0) }) else { return nil }
        let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS scorers, AVG(score) AS mean FROM motivationScore WHERE campaign = ? AND participantNumber = ?
            """, arguments: [config.campaign, number])
        return MotivationEcho(number: number, score: score, scorers: row?["scorers"] ?? 1,
                              mean: row?["mean"] ?? Double(score))
    }
}
