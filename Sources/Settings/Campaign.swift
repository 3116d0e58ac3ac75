import Foundation

/// One year's programme: its name, time zone and the dates of each stage (`[campaign]`).
public struct Campaign: Sendable, Equatable {
    /// Shown to people in mail, e.g. "Стажировки НКО Прикамья — 2026".
    public var name: String
    public var year: Int
    /// The zone stage dates are read in; Perm is `Asia/Yekaterinburg` (UTC+5).
    public var timeZone: TimeZone
    /// Host NGOs send `program` forms.
    public var programCall: DateWindow
    /// Experts send `score` sheets until this day (inclusive).
    public var expertReviewCloses: CalendarDay
    /// Participants send `participant` forms.
    public var participantCall: DateWindow
    /// Internships take place on days in this window.
    public var internships: DateWindow
    /// The final online meeting, once it is known (`[campaign.final_meeting]` is optional).
    public var finalMeeting: FinalMeeting?

    public init(
        name: String, year: Int, timeZone: TimeZone, programCall: DateWindow,
        expertReviewCloses: CalendarDay, participantCall: DateWindow, internships: DateWindow,
        finalMeeting: FinalMeeting?
    ) {
        self.name = name
        self.year = year
        self.timeZone = timeZone
        self.programCall = programCall
        self.expertReviewCloses = expertReviewCloses
        self.participantCall = participantCall
        self.internships = internships
        self.finalMeeting = finalMeeting
    }
}
