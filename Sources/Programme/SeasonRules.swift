// Programme: what the season mails after the invitations — reminders before an internship,
// feedback requests after it, the final meeting's reminder — given `now`.
import Foundation

/// One confirmed seat with the internship's first and last day (local calendar days).
public struct ConfirmedSeat: Sendable, Hashable {
    public var programme: Int
    public var participant: Int
    public var firstDay: LocalDay
    public var lastDay: LocalDay

    public init(programme: Int, participant: Int, firstDay: LocalDay, lastDay: LocalDay) {
        self.programme = programme
        self.participant = participant
        self.firstDay = firstDay
        self.lastDay = lastDay
    }
}

/// A calendar day in the programme's time zone.
public struct LocalDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `yyyy-MM-dd`, as stored in the programme forms' `dates`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// The day `moment` falls on in `timeZone`.
    public init(_ moment: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: moment)
        self.init(year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0)
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences.
    public var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The moment `hour:minute` of this day begins in `timeZone`.
    public func at(hour: Int, minute: Int, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (a: LocalDay, b: LocalDay) -> Bool { a.ordinal < b.ordinal }
}

/// A mail the season owes a participant for one programme.
public struct SeasonMail: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// `reminder` — N days before the first day, until the day before it.
        case reminder
        /// `feedback_request` — from the day after the last day.
        case feedbackRequest = "feedback_request"
    }
    public var kind: Kind
    public var programme: Int
    public var participant: Int

    public init(kind: Kind, programme: Int, participant: Int) {
        self.kind = kind
        self.programme = programme
        self.participant = participant
    }

    /// The outbox dedupe key: one such mail per participant and programme, ever.
    public var dedupeKey: String { "\(kind.rawValue):\(programme):\(participant)" }
}

public enum SeasonRules {
    /// The reminders and feedback requests due on `today` for the confirmed seats (only
    /// confirmed seats are ever passed in: the declined, expired and the reserve get none).
    /// A reminder is due from `reminderDays` before the first day up to the day before it (a
    /// late confirmer still gets one; 0 turns reminders off); a feedback request from the day
    /// after the last day.
    /// The caller skips what it already queued (dedupe keys), so asking again is harmless.
    public static func due(seats: [ConfirmedSeat], today: LocalDay, reminderDays: Int) -> [SeasonMail] {
        var out: [SeasonMail] = []
        for seat in seats.sorted(by: { ($0.programme, $0.participant) < ($1.programme, $1.participant) }) {
            let untilFirst = seat.firstDay.ordinal - today.ordinal
            if untilFirst >= 1 && untilFirst <= reminderDays {
                out.append(SeasonMail(kind: .reminder, programme: seat.programme, participant: seat.participant))
            }
            if today.ordinal > seat.lastDay.ordinal {
                out.append(SeasonMail(kind: .feedbackRequest, programme: seat.programme, participant: seat.participant))
            }
        }
        return out
    }

    /// True while the final meeting's reminder is due: within `before` of its start, not after.
    public static func meetingReminderDue(start: Date, now: Date, before: Duration = .seconds(86_400)) -> Bool {
        now < start && now >= start.addingTimeInterval(-TimeInterval(before.components.seconds))
    }

    /// True while the meeting mail still makes sense to send (it has not started yet).
    public static func meetingAhead(start: Date, now: Date) -> Bool { now < start }
}
