import Foundation

/// The final online meeting (`[campaign.final_meeting]`).
public struct FinalMeeting: Sendable, Hashable {
    public var date: CalendarDay
    public var time: ClockTime
    /// Where people join (https).
    public var link: URL
    /// What the meeting will cover, shown in the announcement (optional `agenda`).
    public var agenda: String?

    public init(date: CalendarDay, time: ClockTime, link: URL, agenda: String? = nil) {
        self.date = date
        self.time = time
        self.link = link
        self.agenda = agenda
    }
}
