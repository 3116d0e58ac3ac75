/// Days from `first` to `last`, both inclusive, in the campaign's time zone.
public struct DateWindow: Sendable, Hashable {
    public var first: CalendarDay
    public var last: CalendarDay

    public init(first: CalendarDay, last: CalendarDay) {
        self.first = first
        self.last = last
    }

    /// Where `day` falls relative to the window; picks the `not_open` / `closed` reply.
    public func position(of day: CalendarDay) -> Position {
        if day < first { return .notOpenYet }
        if last < day { return .closed }
        return .open
    }

    public enum Position: Sendable, Hashable {
        case notOpenYet, open, closed
    }
}
