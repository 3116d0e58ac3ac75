// Settings (the file) → PipelineConfig (what the stages decide with).
import Foundation
import Pipeline
import Settings

extension PipelineConfig {
    init(settings: Settings) {
        let campaign = settings.campaign
        let zone = campaign.timeZone
        var windows: [String: DateInterval] = [:]
        if let program = Self.interval(campaign.programCall.first, campaign.programCall.last, zone) {
            windows["program"] = program
        }
        if let participant = Self.interval(campaign.participantCall.first, campaign.participantCall.last, zone) {
            windows["participant"] = participant
        }
        // Score sheets: from the programme call's opening until expert review closes.
        if let score = Self.interval(campaign.programCall.first, campaign.expertReviewCloses, zone) {
            windows["score"] = score
        }
        let delivery = settings.delivery
        self.init(
            campaign: String(campaign.year),
            mailbox: settings.mailbox.folder,
            processedFolder: settings.mailbox.processedFolder,
            programmeAddress: settings.smtp.from.address,
            programmeName: settings.smtp.from.displayName,
            ownAddresses: [settings.smtp.from.address, settings.smtp.replyTo.address, settings.mailbox.user.lowercased()]
                .filter { $0.contains("@") }.reduce(into: Set<String>()) { $0.insert($1) },
            experts: settings.experts.map(\.email),
            windows: windows,
            timeZone: zone,
            dailySendBudget: settings.smtp.dailyBudget,
            backoff: delivery.retrySchedule,
            lifetime: delivery.lifetime)
    }

    /// `[first 00:00, the day after last 00:00)` in `zone`.
    static func interval(_ first: CalendarDay, _ last: CalendarDay, _ zone: TimeZone) -> DateInterval? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard let start = calendar.date(from: DateComponents(year: first.year, month: first.month, day: first.day)),
              let lastStart = calendar.date(from: DateComponents(year: last.year, month: last.month, day: last.day)),
              let end = calendar.date(byAdding: .day, value: 1, to: lastStart), end > start
        else { return nil }
        return DateInterval(start: start, end: end)
    }
}
