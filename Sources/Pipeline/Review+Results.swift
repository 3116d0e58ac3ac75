// input:  the ranking (Review.swift), decision revisions and result notices.
// output: a reviewDecision revision (decide); result letters as outboxMessage + resultNotice
//         rows (release), one transaction for the whole release.
// crash:  a release is committed whole or not at all; nothing goes out before release.
// rerun:  a host who already heard the current verdict gets nothing; a changed verdict gets
//         exactly one correction letter.
import Foundation
import GRDB
import Programme
import Rendering
import Store

/// What `mail preview results` shows and `mail release results` does.
public struct ResultsPlan: Sendable {
    public var revision: Int
    public var letters: [ResultLetter]
    /// Template → how many letters.
    public var counts: [String: Int] {
        Dictionary(grouping: letters, by: \.template).mapValues(\.count)
    }
}

/// Things that stop a results command; the text says what to do.
public enum ReviewError: Error, CustomStringConvertible, Sendable {
    case noDecision
    case unknownProgrammes([Int])
    case callStillOpen

    public var description: String {
        switch self {
        case .noDecision: return "no decision recorded — run `internships programmes decide` first"
        case .unknownProgrammes(let numbers):
            return "no programme with number \(numbers.map(String.init).joined(separator: ", ")) — see `internships programmes rank`"
        case .callStillOpen: return "the programme call has not closed yet — assign experts after it closes"
        }
    }
}

extension Review {
    /// Records the next decision revision from `rule` over the current ranking.
    public func decide(_ rule: DecisionRule, now: Date) throws -> ReviewDecision {
        try store.pool.write { db in
            let ranked = rank(try snapshot(db)).map(\.score)
            let unknown = rule.unknownIDs(in: ranked)
            guard unknown.isEmpty else { throw ReviewError.unknownProgrammes(unknown) }
            return try ReviewDecision.record(db, campaign: config.campaign, rule: rule.description,
                                             winners: rule.select(from: ranked), now: now)
        }
    }

    /// The letters a release would queue now, without queueing them.
    public func resultsPlan() throws -> ResultsPlan {
        try store.pool.read { try resultsPlan($0) }
    }

    func resultsPlan(_ db: Database) throws -> ResultsPlan {
        guard let decision = try ReviewDecision.latest(db, campaign: config.campaign) else { throw ReviewError.noDecision }
        let numbers = try snapshot(db).entries.map(\.programme.number)
        let released = try ResultNotice.released(db, campaign: config.campaign).compactMapValues(Verdict.init(rawValue:))
        return ResultsPlan(revision: decision.revision,
                           letters: ResultRelease.plan(programmes: numbers, winners: Set(decision.winners), released: released))
    }

    /// Renders the first letter of each template, as `mail preview results` shows them.
    public func sampleResults() throws -> [(template: String, recipient: String, mail: RenderedMail)] {
        try store.pool.read { db in
            let plan = try resultsPlan(db)
            let data = try snapshot(db)
            let ranked = rank(data)
            var seen: Set<String> = []
            var out: [(String, String, RenderedMail)] = []
            for letter in plan.letters where seen.insert(letter.template).inserted {
                guard let entry = data.entry(letter.number) else { continue }
                out.append((letter.template, entry.host, try render(letter.template, resultContext(letter, entry, ranked))))
            }
            return out
        }
    }

    /// Queues every letter of the plan with its notice; returns the plan released.
    public func releaseResults(now: Date) throws -> ResultsPlan {
        try store.pool.write { try releaseResults($0, now: now) }
    }

    /// `releaseResults(now:)` inside the caller's transaction (a release by reply commits it
    /// together with its answer).
    public func releaseResults(_ db: Database, now: Date) throws -> ResultsPlan {
        let plan = try resultsPlan(db)
        let data = try snapshot(db)
        let ranked = rank(data)
        for letter in plan.letters {
            guard let entry = data.entry(letter.number) else { continue }
            let key = "result:\(config.campaign):\(letter.number):r\(plan.revision)"
            guard let outboxID = try queue(db, dedupeKey: key, template: letter.template, to: entry.host,
                                           context: resultContext(letter, entry, ranked),
                                           cause: "command:mail-release-results", now: now) else { continue }
            var notice = ResultNotice(campaign: config.campaign, programmeNumber: letter.number,
                                      verdict: letter.verdict.rawValue, kind: letter.kind.rawValue,
                                      decisionRevision: plan.revision, outboxMessageID: outboxID, createdAt: now)
            try notice.insert(db)
        }
        return plan
    }

    func resultContext(_ letter: ResultLetter, _ entry: Entry,
                       _ ranked: [(entry: Entry, score: ProgrammeScore)]) -> [String: TemplateValue] {
        var context: [String: TemplateValue] = [
            "name": .optional(entry.fields["contact_person"]), "number": .number(letter.number),
            "title": .text(entry.programme.title), "winner": .flag(letter.verdict == .winner),
            "previous_winner": .flag(letter.previous == .winner), "scores": .none,
        ]
        if review.resultsIncludeScores, let score = ranked.first(where: { $0.score.number == letter.number })?.score,
           let total = score.total {
            // Anonymised: no names, comments in text order, not the experts' order.
            let comments = score.sheets.compactMap(\.comment).sorted()
            context["scores"] = TemplateValue.object([
                "total": .text(Self.decimal(total)),
                "criteria": .list(zip(ScoreSheet.criterionNames, score.means).map { name, mean -> TemplateValue in
                    ["name": .text(name), "mean": .text(Self.decimal(mean))]
                }),
                "comments": comments.isEmpty ? .none : .list(comments.map { TemplateValue.text($0) }),
            ])
        }
        return context
    }

    /// "7,5": one decimal, Russian comma.
    public static func decimal(_ value: Double) -> String {
        String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",")
    }
}
