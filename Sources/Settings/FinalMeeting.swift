import Foundation

/// The final online meeting (`[campaign.final_meeting]`).
public struct FinalMeeting: Sendable, Hashable {
    public var date: CalendarDay
    public var time: ClockTime
    /// Where people join (https).
    public var link: URL

    public init(date: CalendarDay, time: ClockTime, link: URL) {
        self.date = date
        self.time = time
        self.link = link
    }
}
