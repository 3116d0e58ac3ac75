// `internships participants import-scores|select|preview|check-place`: the coordinators'
// participant commands. Input: the configuration, the database, a CSV. Output: motivation
// scores, the selection draft (no mail is sent: release is a separate step), printed lines.
// Each command is one transaction; re-running gives the same state (select refuses once released).
import ArgumentParser
import Foundation
import Pipeline
import Programme
import Settings
import Store

struct ParticipantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participants", abstract: "Participants: motivation scores, selection, eligibility checks.",
        subcommands: [ImportScores.self, Select.self, Preview.self, Release.self, Invite.self, CheckPlace.self])

    /// The configuration and the participants' desk over the database (exit 78 / 73 as every command).
    static func open(_ options: CommonOptions) throws -> (context: AppContext, desk: ParticipantDesk) {
        let context = try AppContext.load(options, label: "participants")
        return (context, context.participantDesk(store: try context.openStore()))
    }

    struct ImportScores: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-scores",
            abstract: "Record motivation scores (0–10) from a CSV: application_number,motivation[,comment][,scorer].",
            discussion: "A later score from the same scorer replaces the earlier one. Exit 65 when some rows were rejected (the rest are recorded).")

        @OptionGroup var options: CommonOptions

        @Option(name: .long, help: "Scorer recorded for rows without a scorer column.")
        var scorer = "coordinator"

        @Argument(help: "The CSV file (UTF-8; `,` or `;` separated).")
        var file: String

        func run() throws {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("cannot read \(file) as UTF-8 text — save the table as CSV UTF-8")
            }
            try reportingFailures("participants import-scores") {
                let (context, desk) = try ParticipantsCommand.open(options)
                let report = try desk.importScores(csv: text, defaultScorer: scorer, now: context.now)
                print("recorded \(report.recorded), replaced \(report.replaced), rejected \(report.problems.count)")
                for problem in report.problems { print("  \(problem)") }
                if !report.problems.isEmpty { throw ExitCode(65) }
            }
        }
    }

    struct Select: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "select",
            abstract: "Draft the selection on the released winning programmes: seats per programme, priorities, reserve, a reason per person.",
            discussion: "Replaces the previous draft; refused once the selection was released. Prints the draft; `internships mail preview selection` shows the letters, `mail release selection` sends them.")

        @OptionGroup var options: CommonOptions

        @Option(name: .customLong("max-per-person"), help: "At most this many programmes per person (K); default [participants] programmes_per_person.")
        var maxPerPerson: Int?

        @Option(name: .long, parsing: .upToNextOption,
                help: "Seat on these programme numbers instead of the winners released with `mail release results`.")
        var programmes: [Int] = []

        @Flag(name: .customLong("include-review"), help: "Let applications flagged for a coordinator take part.")
        var includeReview = false

        func run() throws {
            try reportingFailures("participants select") {
                let (context, desk) = try ParticipantsCommand.open(options)
                // No released winners yet: PipelineError.notYet, exit 65.
                let winners = try desk.selectionProgrammes(override: programmes.isEmpty ? nil : Set(programmes))
                try desk.select(winners: winners,
                                rules: SelectionRules(
                                    maxProgrammesPerPerson: maxPerPerson ?? context.settings.participants.programmesPerPerson,
                                    includeUnderReview: includeReview),
                                now: context.now)
                for line in try desk.preview() { print(line) }
            }
        }
    }

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "preview", abstract: "Print the selection draft and every person's reason (alias of part of `mail preview selection`).")

        @OptionGroup var options: CommonOptions

        func run() throws {
            try reportingFailures("participants preview") {
                for line in try ParticipantsCommand.open(options).desk.preview() { print(line) }
            }
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "release",
            abstract: "Queue the selection letters and freeze the selection (alias of `mail release selection`).",
            discussion: "The next `internships run` (or send) delivers them. Re-running queues nothing twice.")

        @OptionGroup var options: CommonOptions

        func run() throws {
            try reportingFailures("participants release") {
                let (context, desk) = try ParticipantsCommand.open(options)
                let report = try desk.release(templates: try context.renderer().templates,
                                              campaignTitle: context.settings.campaign.name,
                                              config: context.pipeline, now: context.now)
                print("queued \(report.queued) selection letters (\(report.alreadyQueued) already queued)")
            }
        }
    }

    struct Invite: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "invite",
            abstract: "Invite the selected; expire silent invitations past their deadline and invite the next in reserve.",
            discussion: "`internships run` does this by itself after `mail release selection`; this runs the same step alone. Re-running invites nobody twice.")

        @OptionGroup var options: CommonOptions

        @Option(name: .customLong("answer-days"), help: "Days a participant has to answer ДА/НЕТ; default [participants] answer_days.")
        var answerDays: Int?

        @Option(name: .customLong("max-per-person"), help: "At most this many programmes per person (K); default [participants] programmes_per_person.")
        var maxPerPerson: Int?

        func run() throws {
            try reportingFailures("participants invite") {
                let (context, desk) = try ParticipantsCommand.open(options)
                let participants = context.settings.participants
                let report = try desk.invite(
                    templates: try context.renderer().templates, campaignTitle: context.settings.campaign.name,
                    config: context.pipeline,
                    settings: InvitationSettings(answerWithin: .seconds((answerDays ?? participants.answerDays) * 86_400),
                                                 maxPerPerson: maxPerPerson ?? participants.programmesPerPerson),
                    now: context.now)
                print("invited \(report.invited), expired \(report.expired), host lists queued \(report.hostLists)")
            }
        }
    }

    struct CheckPlace: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-place",
            abstract: "Show what the eligibility check says about a place (no configuration needed).")

        @Option(name: .long, help: "Municipality as written.")
        var district: String?

        @Option(name: .long, help: "Declared distance to Perm, km.")
        var km: Double?

        @Argument(help: "Settlement as written, e.g. \"с. Юсьва\".")
        var locality: String

        func run() {
            let decision = Eligibility.assess(
                ParticipantApplication(locality: locality, municipalDistrict: district, declaredDistanceKm: km,
                                       position: "employee", consent: true),
                tables: .bundled)
            print("\(decision.outcome.rawValue): \(decision.sentence)")
            if !decision.flags.isEmpty { print("flags: \(decision.flags.map(\.rawValue).joined(separator: ", "))") }
        }
    }
}
