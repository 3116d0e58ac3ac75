import Foundation
import Testing
@testable import Programme

@Suite struct SeasonRulesTests {
    static let first = LocalDay(year: 2026, month: 10, day: 15)
    static let last = LocalDay(year: 2026, month: 10, day: 16)
    static let seat = ConfirmedSeat(programme: 2, participant: 7, firstDay: first, lastDay: last)

    /// (today, reminder days, what is due)
    @Test(arguments: [
        ("2026-10-01", 3, ""),
        ("2026-10-11", 3, ""),
        ("2026-10-12", 3, "reminder:2:7"),
        ("2026-10-14", 3, "reminder:2:7"),
        ("2026-10-15", 3, ""),
        ("2026-10-16", 3, ""),
        ("2026-10-17", 3, "feedback_request:2:7"),
        ("2027-01-30", 3, "feedback_request:2:7"),
        ("2026-10-14", 0, ""),                  // 0 turns reminders off
        ("2026-10-13", 1, ""),
        ("2026-09-15", 30, "reminder:2:7"),
        ("2026-09-14", 30, ""),
    ])
    func dueByDay(today: String, days: Int, want: String) throws {
        let day = try #require(LocalDay(iso: today))
        let got = SeasonRules.due(seats: [Self.seat], today: day, reminderDays: days).map(\.dedupeKey).joined(separator: " ")
        #expect(got == want)
    }

    @Test func onlyTheSeatsGivenAndEachOnce() {
        let other = ConfirmedSeat(programme: 1, participant: 3, firstDay: LocalDay(year: 2026, month: 10, day: 13),
                                  lastDay: LocalDay(year: 2026, month: 10, day: 13))
        let got = SeasonRules.due(seats: [Self.seat, other], today: LocalDay(year: 2026, month: 10, day: 14), reminderDays: 3)
        #expect(got.map(\.dedupeKey) == ["feedback_request:1:3", "reminder:2:7"])
        #expect(SeasonRules.due(seats: [], today: Self.first, reminderDays: 3).isEmpty)
    }

    @Test(arguments: [
        ("2026-12-31", "2027-01-01", 1), ("2024-02-28", "2024-03-01", 2), ("2023-02-28", "2023-03-01", 1),
        ("1970-01-01", "1970-01-01", 0), ("2026-10-15", "2027-10-15", 365),
    ])
    func ordinalDifferences(a: String, b: String, days: Int) throws {
        let x = try #require(LocalDay(iso: a)), y = try #require(LocalDay(iso: b))
        #expect(y.ordinal - x.ordinal == days)
    }

    @Test func localDayFollowsTheTimeZone() throws {
        let perm = try #require(TimeZone(identifier: "Asia/Yekaterinburg"))
        // 2026-10-14T20:30Z is already the 15th in Perm (UTC+5).
        let moment = Date(timeIntervalSince1970: 1_792_009_800)
        #expect(LocalDay(moment, in: perm) == LocalDay(year: 2026, month: 10, day: 15))
        #expect(LocalDay(moment, in: TimeZone(secondsFromGMT: 0) ?? perm) == LocalDay(year: 2026, month: 10, day: 14))
        let start = try #require(LocalDay(year: 2026, month: 10, day: 15).at(hour: 1, minute: 30, in: perm))
        #expect(start == moment)
    }

    /// (hours before the start, due?)
    @Test(arguments: [(48.0, false), (24.5, false), (24.0, true), (3.0, true), (0.01, true), (0.0, false), (-1.0, false)])
    func meetingReminderWindow(hoursBefore: Double, want: Bool) {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(SeasonRules.meetingReminderDue(start: start, now: start.addingTimeInterval(-hoursBefore * 3600)) == want)
    }
}
