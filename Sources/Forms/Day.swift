// Forms: a calendar day without time zone, for expanding date ranges.

/// A calendar day of the proleptic Gregorian calendar, with no time zone.
struct Day: Hashable, Comparable, Sendable {
    var year: Int
    var month: Int
    var day: Int

    init?(year: Int, month: Int, day: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month), day >= 1,
              day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    func next() -> Day {
        var d = self
        d.day += 1
        if d.day > Day.daysIn(month: d.month, year: d.year) {
            d.day = 1
            d.month += 1
            if d.month > 12 { d.month = 1; d.year += 1 }
        }
        return d
    }

    static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    var iso: String {
        let y = String(year), m = month < 10 ? "0\(month)" : "\(month)", d = day < 10 ? "0\(day)" : "\(day)"
        return "\(y)-\(m)-\(d)"
    }
}
