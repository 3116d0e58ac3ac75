// The expert review and the campaign's days as the review, mail, programmes and export
// commands use them: `[review]`, the experts, the templates of `[templates] dir`.
import Foundation
import Pipeline
import Programme
import Rendering
import Settings
import Store

extension AppContext {
    /// The review over `store`, with the templates of `[templates] dir`; `config` defaults to
    /// `pipeline` (`run` passes its stages' own). Throws `ConfigError` for `[review]` and
    /// `PipelineError.configuration` for the templates (both exit 78).
    func review(store: Store, config pipeline: PipelineConfig? = nil) throws -> Review {
        let review = try ReviewSettings.load(from: settings.file)
        let dir = settings.templatesDirectory
        let renderer = try renderer()
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
        return Review(store: store, config: pipeline ?? self.pipeline, review: config, templates: renderer.templates,
                      campaignTitle: campaign.name, logger: logger)
    }

    /// The start of `day` in the campaign's zone.
    func startOf(_ day: CalendarDay) -> Date? {
        Calendar.campaign(settings.campaign.timeZone).date(from: DateComponents(year: day.year, month: day.month, day: day.day))
    }

    /// The start of the day after `day` in the campaign's zone: the end of a window that
    /// includes `day`.
    func endOf(_ day: CalendarDay) -> Date {
        let start = startOf(day) ?? now
        return Calendar.campaign(settings.campaign.timeZone).date(byAdding: .day, value: 1, to: start) ?? start
    }

    /// `day` in Russian ("20 августа 2027 г." style), for letters.
    static func text(_ day: CalendarDay) -> String {
        RussianText.date(year: day.year, month: day.month, day: day.day) ?? day.description
    }
}

extension Calendar {
    /// The Gregorian calendar in `zone`.
    static func campaign(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}
