// The config-loading helper the database commands share: `--config FILE` and `--now TIME`,
// Settings → PipelineConfig (main's `PipelineConfig(settings:)`) and ReviewConfig, the store
// and the templates. Reads the config,
// the templates folder and opens (migrating) the database; changes nothing else.
import ArgumentParser
import Foundation
import Logging
import Pipeline
import Programme
import Rendering
import Settings
import Store

/// Options every command that works on the database takes.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file.")
    var config: String = "internships.toml"

    @Option(name: .long, help: "Act as if it were this moment (ISO 8601, e.g. 2027-08-16T09:00:00+05:00 or 2027-08-16).")
    var now: String?

    /// `--now`, or the clock.
    func moment() throws -> Date {
        guard let now else { return Date() }
        let full = ISO8601DateFormatter()
        if let date = full.date(from: now) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: now) { return date }
        throw ValidationError("--now '\(now)' is not an ISO 8601 time — write e.g. 2027-08-16T09:00:00+05:00")
    }
}

/// What a database command works with.
struct CommandContext {
    var settings: Settings
    var store: Store
    var pipeline: PipelineConfig
    var now: Date
    var logger: Logger

    /// Loads the config (exit 78 on problems) and opens the store.
    static func open(_ options: ConfigOptions, label: String) throws -> CommandContext {
        var logger = Logger(label: "internships.\(label)")
        logger.logLevel = .warning
        let settings: Settings
        do {
            settings = try Settings.load(from: URL(fileURLWithPath: options.config))
        } catch {
            FileHandle.standardError.write(Data("internships: \(error)\n".utf8))
            throw ExitCode(78)
        }
        let store = try Store(path: settings.databasePath.path)
        return CommandContext(settings: settings, store: store, pipeline: PipelineConfig(settings: settings),
                              now: try options.moment(), logger: logger)
    }

    /// The start of the day after `day` in the campaign's zone: the end of a window that
    /// includes `day`.
    func endOf(_ day: CalendarDay) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = settings.campaign.timeZone
        let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? now
        return calendar.date(byAdding: .day, value: 1, to: start) ?? start
    }

    static func text(_ day: CalendarDay) -> String {
        RussianText.date(year: day.year, month: day.month, day: day.day) ?? day.description
    }

    /// The review over this store, with the templates of `[templates] dir`.
    func review() throws -> Review {
        let review: ReviewSettings
        do {
            review = try ReviewSettings.load(from: settings.file)
        } catch {
            FileHandle.standardError.write(Data("internships: \(error)\n".utf8))
            throw ExitCode(78)
        }
        let dir = settings.templatesDirectory
        let renderer = try TemplateReplyRenderer(directory: dir, campaignTitle: settings.campaign.name,
                                                 timeZone: settings.campaign.timeZone)
        let blank = (try? String(contentsOf: dir.appendingPathComponent("forms/score.txt"), encoding: .utf8)) ?? ""
        let campaign = settings.campaign
        let config = ReviewConfig(
            experts: settings.experts.map { ReviewExpert(email: $0.email, name: $0.name, organisation: $0.organisation,
                                                         territory: $0.territory) },
            perProgramme: review.perProgramme, spreadThreshold: review.spreadThreshold,
            resultsIncludeScores: review.resultsIncludeScores, publicityList: review.publicityList,
            programCallClosesAt: endOf(campaign.programCall.last), reviewClosesAt: endOf(campaign.expertReviewCloses),
            reviewClosesText: Self.text(campaign.expertReviewCloses),
            participantCallText: "С \(Self.text(campaign.participantCall.first)) по \(Self.text(campaign.participantCall.last))",
            blankScoreSheet: blank)
        return Review(store: store, config: pipeline, review: config, templates: renderer.templates,
                      campaignTitle: campaign.name, logger: logger)
    }
}

/// Prints `error` for the operator and exits with its status (78 config, 65 data, 1 other).
func fail(_ command: String, _ error: any Error) -> ExitCode {
    FileHandle.standardError.write(Data("internships \(command): \(error)\n".utf8))
    switch error {
    case PipelineError.temporary: return ExitCode(75)
    case PipelineError.configuration: return ExitCode(78)
    case is ReviewError: return ExitCode(65)
    case let exit as ExitCode: return exit
    default: return ExitCode(1)
    }
}
