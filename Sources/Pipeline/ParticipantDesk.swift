// input:  the store (current participant and programme submissions, eligibility, scores) and
//         a coordinator's command (import-scores rows, select).
// output: motivationScore rows; a draft selection (placement + selectionReason rows) with
//         audit rows — each command in one transaction.
// crash:  a command's transaction commits whole or not at all.
// rerun:  an import replaces each scorer's score (same result); select replaces the draft
//         and refuses once a selection has been released.
import Foundation
import GRDB
import Programme
import Store

/// What an import did.
public struct ScoreImportReport: Sendable, Hashable {
    public var recorded = 0
    public var replaced = 0
    /// Rows skipped with the reason (unknown application number, …) and the file's problems.
    public var problems: [String] = []
}

/// The coordinators' participant commands over the store (no mail is sent here).
public struct ParticipantDesk {
    public var store: Store
    public var campaign: String

    public init(store: Store, campaign: String) {
        self.store = store
        self.campaign = campaign
    }

    /// Records motivation scores from a CSV (`participants import-scores`); rows naming an
    /// application that does not exist are reported, never recorded.
    public func importScores(csv: String, defaultScorer: String, now: Date) throws -> ScoreImportReport {
        let sheet = MotivationSheet.parse(csv)
        var report = ScoreImportReport()
        report.problems = sheet.problems.map(\.description)
        try store.pool.write { db in
            let known = Set(try Int.fetchAll(db, sql: """
                SELECT DISTINCT number FROM submission WHERE campaign = ? AND kind = 'participant'
                """, arguments: [campaign]))
            for row in sheet.rows {
                guard known.contains(row.applicationNumber) else {
                    report.problems.append("line \(row.line): no participant application № \(row.applicationNumber) in \(campaign)")
                    continue
                }
                let score = MotivationScore(
                    campaign: campaign, participantNumber: row.applicationNumber,
                    scorer: row.scorer ?? defaultScorer, score: row.motivation, comment: row.comment,
                    source: "csv", createdAt: now)
                if try MotivationScore.record(db, score) { report.replaced += 1 } else { report.recorded += 1 }
            }
            try AuditEntry.record(db, at: now, cause: "command:participants import-scores", entity: "motivationScore",
                                  entityID: nil, change: "imported \(report.recorded) new, \(report.replaced) replaced")
        }
        return report
    }

    /// The seats on offer: every current programme (or only `winners`), seats from its form.
    public func offers(winners: Set<Int>?) throws -> (offers: [SeatOffer], titles: [Int: String]) {
        try store.pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT p.number, p.title, s.fieldsJSON FROM programme p JOIN submission s ON s.id = p.submissionID
                WHERE p.campaign = ? ORDER BY p.number
                """, arguments: [campaign])
            var offers: [SeatOffer] = []
            var titles: [Int: String] = [:]
            for row in rows {
                let number: Int = row["number"]
                titles[number] = row["title"]
                if let winners, !winners.contains(number) { continue }
                let fields = JSON.decode([String: String].self, row["fieldsJSON"]) ?? [:]
                let seats = Int((fields["seats"] ?? "").filter(\.isNumber)) ?? 0
                offers.append(SeatOffer(programme: number, seats: seats))
            }
            return (offers, titles)
        }
    }

    /// The applicants as the selection sees them (current version of each application).
    public func applicants(titles: [Int: String]) throws -> [Applicant] {
        try store.pool.read { db in
            let means = try MotivationScore.means(db, campaign: campaign)
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.id, s.number, s.fieldsJSON,
                       (SELECT MIN(v.createdAt) FROM submission v
                         WHERE v.campaign = s.campaign AND v.kind = s.kind AND v.number = s.number) AS firstAt
                FROM submission s WHERE s.campaign = ? AND s.kind = 'participant' AND s.isCurrent
                ORDER BY s.number
                """, arguments: [campaign])
            return try rows.map { row in
                let id: Int64 = row["id"]
                let number: Int = row["number"]
                let fields = JSON.decode([String: String].self, row["fieldsJSON"]) ?? [:]
                let decision = try EligibilityRecord.find(db, submissionID: id)
                return Applicant(
                    number: number, municipality: decision?.municipality ?? fields["municipal_district"],
                    motivation: means[number], submittedAt: row["firstAt"],
                    priorities: ChoiceText.programmes(fields["selected_programs"] ?? "", titles: titles),
                    // No decision recorded (tables not configured): a coordinator must look.
                    eligibility: decision.flatMap { Eligibility.Outcome(rawValue: $0.outcome) } ?? .review)
            }
        }
    }

    /// Runs the selection and stores it as the draft (`participants select`).
    /// - Throws: `PipelineError.notYet` once a selection was released.
    @discardableResult
    public func select(winners: Set<Int>?, rules: SelectionRules, now: Date) throws -> Selection {
        let (offers, titles) = try offers(winners: winners)
        let applicants = try applicants(titles: titles)
        let selection = Selection.run(offers: offers, applicants: applicants, rules: rules)
        try store.pool.write { db in
            if try Placement.filter(Column("campaign") == campaign && Column("releasedAt") != nil).fetchCount(db) > 0 {
                throw PipelineError.notYet(
                    "the selection for \(campaign) was already released — changes now go through invitations and the reserve")
            }
            try Placement.filter(Column("campaign") == campaign).deleteAll(db)
            try SelectionReason.filter(Column("campaign") == campaign).deleteAll(db)
            for (programme, numbers) in selection.seated {
                for (index, number) in numbers.enumerated() {
                    var row = Placement(campaign: campaign, programmeNumber: programme, participantNumber: number,
                                        status: "seated", rank: index + 1, decidedAt: now)
                    try row.insert(db)
                }
            }
            for (programme, numbers) in selection.reserve {
                for (index, number) in numbers.enumerated() {
                    var row = Placement(campaign: campaign, programmeNumber: programme, participantNumber: number,
                                        status: "reserve", rank: index + 1, decidedAt: now)
                    try row.insert(db)
                }
            }
            for (number, reason) in selection.reasons {
                try SelectionReason(campaign: campaign, participantNumber: number, reason: reason, decidedAt: now).insert(db)
            }
            let seated = selection.seated.values.map(\.count).reduce(0, +)
            let reserve = selection.reserve.values.map(\.count).reduce(0, +)
            try AuditEntry.record(db, at: now, cause: "command:participants select", entity: "placement", entityID: nil,
                                  change: "draft: \(seated) seated, \(reserve) in reserve, \(applicants.count) applicants")
        }
        return selection
    }

    /// The draft (or released) selection as lines a coordinator reads before release.
    public func preview() throws -> [String] {
        try store.pool.read { db in
            var lines: [String] = []
            let placements = try Placement.filter(Column("campaign") == campaign)
                .order(Column("programmeNumber"), Column("status").desc, Column("rank")).fetchAll(db)
            let names = Dictionary(try Row.fetchAll(db, sql: "SELECT number, fullName FROM participant WHERE campaign = ?",
                                                    arguments: [campaign]).map { ($0["number"] as Int, $0["fullName"] as String) },
                                   uniquingKeysWith: { a, _ in a })
            var current: Int?
            for p in placements {
                if p.programmeNumber != current {
                    current = p.programmeNumber
                    lines.append("Программа № \(p.programmeNumber)")
                }
                let what = p.status == "seated" ? "место" : "резерв"
                lines.append("  \(what) \(p.rank): № \(p.participantNumber) \(names[p.participantNumber] ?? "")")
            }
            for reason in try SelectionReason.filter(Column("campaign") == campaign).order(Column("participantNumber")).fetchAll(db) {
                lines.append("№ \(reason.participantNumber): \(reason.reason)")
            }
            return lines
        }
    }
}
