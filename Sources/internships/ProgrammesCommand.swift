// `internships programmes assign|remind|rank|decide`: the expert review, from the command
// line. assign/remind/decide write rows and queue mail in one transaction each (re-running
// queues only what is missing); rank only reads. Mail goes out with the next `run`.
import ArgumentParser
import Foundation
import Pipeline
import Programme

struct ProgrammesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programmes", abstract: "The expert review of the host NGOs' programmes.",
        subcommands: [Assign.self, Remind.self, Rank.self, Decide.self])

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give each programme its experts and queue their mails (re-run: only tops up).",
            discussion: """
                Records declared conflicts of interest, gives each programme [review] \
                experts_per_programme non-conflicted experts (never their own organisation), one \
                more where the sheets disagree by more than spread_threshold, and queues one mail \
                per expert with pre-filled score sheets. Refused before the programme call closes.
                """)
        @OptionGroup var options: CommonOptions
        @Flag(name: .long, help: "Assign even though the programme call has not closed.")
        var force = false

        func run() throws {
            try reportingFailures("programmes assign") {
                let context = try AppContext.load(options, label: "programmes")
                let store = try context.openStore()
                let review = try context.review(store: store)
                if !force, let closes = review.review.programCallClosesAt, context.now < closes {
                    throw ReviewError.callStillOpen
                }
                let report = try review.assign(now: context.now)
                for pair in report.conflicts { print("conflict declared: № \(pair.number) by \(pair.expert) — excluded") }
                for number in report.extraForSpread { print("№ \(number): sheets disagree — one more expert") }
                for pair in report.added { print("assigned: № \(pair.number) -> \(pair.expert)") }
                for (number, missing) in report.short.sorted(by: { $0.key < $1.key }) {
                    print("№ \(number): \(missing) expert(s) short — add experts to the config")
                }
                print("\(report.added.count) assignment(s), \(report.mails) mail(s) queued")
                if !report.short.isEmpty { throw ExitCode(65) }
            }
        }
    }

    struct Remind: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue a reminder to each expert with missing sheets (once a day, before the review closes).")
        @OptionGroup var options: CommonOptions

        func run() throws {
            try reportingFailures("programmes remind") {
                let context = try AppContext.load(options, label: "programmes")
                let store = try context.openStore()
                let count = try context.review(store: store).remind(now: context.now)
                print("\(count) reminder(s) queued")
            }
        }
    }

    struct Rank: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the ranked programmes: criterion means, total, spread, each score, who is missing.")
        @OptionGroup var options: CommonOptions
        @Flag(name: .long, help: "Print CSV instead of a table.")
        var csv = false

        func run() throws {
            try reportingFailures("programmes rank") {
                let context = try AppContext.load(options, label: "programmes")
                let store = try context.openStore()
                let ranked = try context.review(store: store).ranking()
                print(csv ? RankTable.csv(ranked) : RankTable.text(ranked), terminator: "")
            }
        }
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a decision revision: the top N, everything at or above a score, or given numbers.")
        @OptionGroup var options: CommonOptions
        @Option(name: .long, help: "The top N programmes win.") var winners: Int?
        @Option(name: .customLong("min-score"), help: "Programmes with a total of at least X (0–40) win.") var minScore: Double?
        @Option(name: .long, parsing: .upToNextOption, help: "These application numbers win.") var ids: [Int] = []

        func validate() throws {
            let given = [winners != nil, minScore != nil, !ids.isEmpty].filter { $0 }.count
            if given != 1 { throw ValidationError("Give exactly one of --winners N, --min-score X, --ids N...") }
            if let winners, winners < 0 { throw ValidationError("--winners must be 0 or more") }
        }

        func run() throws {
            let rule: DecisionRule = winners.map { .winners($0) } ?? minScore.map { .minScore($0) } ?? .ids(ids)
            try reportingFailures("programmes decide") {
                let context = try AppContext.load(options, label: "programmes")
                let store = try context.openStore()
                let decision = try context.review(store: store).decide(rule, now: context.now)
                print("decision revision \(decision.revision) (\(decision.rule)): winners \(decision.winners.map { "№ \($0)" }.joined(separator: ", "))")
                print("nothing is sent until `internships mail release results`")
            }
        }
    }
}
