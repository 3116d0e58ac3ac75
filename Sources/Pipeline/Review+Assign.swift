// input:  programmes, current score sheets, assignments (Review.swift's snapshot).
// output: conflict marks, new reviewAssignment rows, one expert_assignment mail per expert
//         and run, expert_reminder mails — each with its rows in one transaction.
// crash:  an assignment is committed together with its mail, or not at all.
// rerun:  only tops up: existing assignments are kept, reminders are once a day per expert.
import Forms
import Foundation
import GRDB
import Programme
import Rendering
import Store

/// What one `programmes assign` did.
public struct AssignReport: Sendable, Hashable {
    public var added: [AssignmentPair] = []
    /// Assignments whose expert declared a conflict of interest in this run.
    public var conflicts: [AssignmentPair] = []
    /// Programmes given one more expert because the sheets disagree.
    public var extraForSpread: [Int] = []
    /// Programme number → experts still missing (too few eligible experts).
    public var short: [Int: Int] = [:]
    public var mails = 0
}

extension Review {
    /// Records declared conflicts, then gives each programme its experts and mails them.
    public func assign(now: Date) throws -> AssignReport {
        let cause = "command:programmes-assign"
        return try store.pool.write { db in
            var report = AssignReport()
            var data = try snapshot(db)
            // A sheet saying "конфликт интересов: да" from an assigned expert: recorded, excluded.
            for sheet in data.sheets where sheet.conflict {
                guard var row = data.assignments.first(where: {
                    $0.programmeNumber == sheet.number && $0.expert == sheet.expert && $0.state == .active
                }) else { continue }
                row.state = .conflict
                try row.update(db)
                try AuditEntry.record(db, at: now, cause: cause, entity: "reviewAssignment", entityID: row.id,
                                      change: "conflict of interest declared for № \(sheet.number)")
                report.conflicts.append(AssignmentPair(number: sheet.number, expert: sheet.expert))
            }
            data.assignments = try ReviewAssignment.all(db, campaign: config.campaign)
            var wanted: [Int: Int] = [:]
            for (_, score) in rank(data) where score.needsAnotherExpert {
                wanted[score.number] = review.perProgramme + 1
                report.extraForSpread.append(score.number)
            }
            let plan = ExpertAssignment.plan(
                programmes: data.entries.map(\.programme), experts: review.experts, active: data.active,
                declined: data.declined, perProgramme: review.perProgramme, wanted: wanted)
            report.added = plan.added
            report.short = plan.short
            let byExpert = Dictionary(grouping: plan.added, by: \.expert)
            for (email, pairs) in byExpert.sorted(by: { $0.key < $1.key }) {
                guard let expert = review.experts.first(where: { $0.email == email }) else { continue }
                let numbers = pairs.map(\.number).sorted()
                let programmes = numbers.compactMap { data.entry($0) }.map { assignmentItem($0, expert: expert) }
                let key = "assign:\(config.campaign):\(email):\(numbers.map(String.init).joined(separator: ","))"
                let outboxID = try queue(db, dedupeKey: key, template: "expert_assignment", to: email, context: [
                    "name": .text(expert.name), "deadline": .text(review.reviewClosesText),
                    "count": .number(numbers.count), "programmes": .list(programmes),
                ], cause: cause, now: now)
                if outboxID != nil { report.mails += 1 }
                for number in numbers {
                    var row = ReviewAssignment(campaign: config.campaign, programmeNumber: number, expert: email,
                                               assignedAt: now, outboxMessageID: outboxID)
                    try row.insert(db)
                    try AuditEntry.record(db, at: now, cause: cause, entity: "reviewAssignment", entityID: row.id,
                                          change: "№ \(number) assigned")
                }
            }
            return report
        }
    }

    /// Reminds each expert of their missing sheets, at most once a programme day, before the
    /// review closes. Returns the number of reminders queued.
    public func remind(now: Date) throws -> Int {
        guard now < review.reviewClosesAt else { return 0 }
        return try store.pool.write { db in
            let data = try snapshot(db)
            let scores = ScoreAggregation.aggregate(numbers: data.entries.map(\.programme.number), assigned: data.active,
                                                    sheets: data.sheets, spreadThreshold: review.spreadThreshold)
            var missing: [String: [Int]] = [:]
            for score in scores { for email in score.missing { missing[email, default: []].append(score.number) } }
            var queued = 0
            for (email, numbers) in missing.sorted(by: { $0.key < $1.key }) {
                guard let expert = review.experts.first(where: { $0.email == email }) else { continue }
                let items = numbers.sorted().compactMap { data.entry($0) }.map { assignmentItem($0, expert: expert) }
                let key = "remind:\(config.campaign):\(email):\(config.day(of: now))"
                if try queue(db, dedupeKey: key, template: "expert_reminder", to: email, context: [
                    "name": .text(expert.name), "deadline": .text(review.reviewClosesText),
                    "count": .number(items.count), "programmes": .list(items),
                ], cause: "command:programmes-remind", now: now) != nil { queued += 1 }
            }
            return queued
        }
    }

    /// One programme in an expert's mail, with its score sheet pre-filled.
    func assignmentItem(_ entry: Entry, expert: ReviewExpert) -> TemplateValue {
        let sheet = FormPrefill.fill(blank: review.blankScoreSheet, kind: .score, fields: [
            "expert": .text(expert.name), "application_number": .integer(entry.programme.number),
        ])
        return [
            "number": .number(entry.programme.number), "title": .text(entry.programme.title),
            "organisation": .text(entry.programme.organisation), "locality": .optional(entry.fields["locality"]),
            "description": .optional(entry.fields["program_description"]), "dates": .optional(entry.fields["dates"]),
            "seats": .optional(entry.fields["seats"]), "sheet": .text(sheet),
        ]
    }
}
