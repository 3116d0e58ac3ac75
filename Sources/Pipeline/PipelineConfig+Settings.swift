// The pipeline's view of the configuration file.
import Foundation
import Programme
import Settings

extension PipelineConfig {
    /// Maps the validated configuration to what the stages decide with. Stage windows:
    /// `program` = programme call, `participant` = participant call, `score` = from the
    /// programme call's first day to the expert review's last day (days inclusive, in the
    /// campaign's time zone).
    public init(settings: Settings, answerExistingOnFirstRun: Bool = false) {
        let campaign = settings.campaign
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = campaign.timeZone
        func start(_ day: CalendarDay) -> Date {
            calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? .distantPast
        }
        func end(_ day: CalendarDay) -> Date {
            calendar.date(byAdding: .day, value: 1, to: start(day)) ?? .distantFuture
        }
        var windows: [String: DateInterval] = [:]
        windows["program"] = DateInterval(start: start(campaign.programCall.first), end: end(campaign.programCall.last))
        windows["participant"] = DateInterval(start: start(campaign.participantCall.first),
                                              end: end(campaign.participantCall.last))
        let scoreStart = start(campaign.programCall.first), scoreEnd = end(campaign.expertReviewCloses)
        if scoreEnd > scoreStart { windows["score"] = DateInterval(start: scoreStart, end: scoreEnd) }
        var own: Set<String> = [settings.smtp.from.address.lowercased(), settings.smtp.replyTo.address.lowercased()]
        if settings.mailbox.user.contains("@") { own.insert(settings.mailbox.user.lowercased()) }
        self.init(
            campaign: campaign.name, mailbox: settings.mailbox.folder,
            processedFolder: settings.mailbox.processedFolder,
            programmeAddress: settings.smtp.replyTo.address, programmeName: settings.smtp.from.displayName,
            ownAddresses: own, experts: settings.experts.map(\.email), windows: windows,
            timeZone: campaign.timeZone, dailySendBudget: settings.smtp.dailyBudget,
            answerExistingOnFirstRun: answerExistingOnFirstRun,
            backoff: settings.delivery.retrySchedule, lifetime: settings.delivery.lifetime)
        coordinators = Set(settings.coordinators.map { $0.email.lowercased() })
        trustedAuthservIDs = Set(settings.security.trustedAuthservIDs)
        consentVersion = settings.privacy.consentVersion
        places = .bundled // participants' eligibility at intake (data/perm-krai-*.csv, compiled in)
        eligibilityRules = EligibilityRules(minimumDistanceKm: settings.participants.minimumDistanceKm,
                                            declaredDistanceToleranceKm: settings.participants.distanceToleranceKm)
        if settings.smtp.from.address.lowercased() != settings.smtp.replyTo.address.lowercased() {
            fromAddress = settings.smtp.from.address
        }
    }
}
