// The season desk (reminders, feedback requests, the final meeting) from the configuration.
import Foundation
import Pipeline
import Programme
import Settings
import Store

extension AppContext {
    /// Reminder days from `[participants] reminder_days`, the meeting from
    /// `[campaign.final_meeting]`; internship hours as in the invitations (10:00–17:00).
    var seasonSettings: SeasonSettings {
        var season = SeasonSettings(reminderDays: settings.participants.reminderDays)
        if let meeting = settings.campaign.finalMeeting {
            season.meeting = MeetingPlan(
                day: LocalDay(year: meeting.date.year, month: meeting.date.month, day: meeting.date.day),
                hour: meeting.time.hour, minute: meeting.time.minute, link: meeting.link.absoluteString,
                agenda: meeting.agenda)
        }
        return season
    }

    func seasonDesk(store: Store, config: PipelineConfig) throws -> SeasonDesk {
        let renderer = try renderer()
        return SeasonDesk(store: store, campaignTitle: settings.campaign.name, config: config,
                          templates: renderer.templates, settings: seasonSettings,
                          blankFeedbackForm: renderer.blankFormsByKind["feedback"] ?? "ОТЗЫВ О СТАЖИРОВКЕ\nНомер заявки:")
    }
}
