import Foundation
import TOMLKit

/// The participants' rules (`[participants]`, optional; every key has a default):
///
///     [participants]
///     min_distance_km = 50          # eligible from this far from Perm (straight line)
///     distance_tolerance_km = 30    # a declared distance further off than this goes to a coordinator
///     programmes_per_person = 1     # K: seats one person may hold
///     answer_days = 5               # days to answer an invitation ДА / НЕТ
///     reminder_days = 3             # reminders to the confirmed this many days before
public struct ParticipantsSettings: Sendable, Equatable {
    public var minimumDistanceKm: Double
    public var distanceToleranceKm: Double
    public var programmesPerPerson: Int
    public var answerDays: Int
    public var reminderDays: Int

    public init(minimumDistanceKm: Double = 50, distanceToleranceKm: Double = 30, programmesPerPerson: Int = 1,
                answerDays: Int = 5, reminderDays: Int = 3) {
        self.minimumDistanceKm = minimumDistanceKm
        self.distanceToleranceKm = distanceToleranceKm
        self.programmesPerPerson = programmesPerPerson
        self.answerDays = answerDays
        self.reminderDays = reminderDays
    }

    public static let standard = ParticipantsSettings()
}

extension SettingsLoader {
    static let participantsKnown: [String: [String]] = [
        "participants": ["min_distance_km", "distance_tolerance_km", "programmes_per_person", "answer_days", "reminder_days"],
    ]

    func participants(_ r: TableReader) -> ParticipantsSettings? {
        let standard = ParticipantsSettings.standard
        func kilometres(_ name: String, _ fallback: Double) -> Double? {
            guard let value = r.table[name] else { return fallback }
            guard let km = value.double ?? value.int.map(Double.init) else {
                r.problem(name, "expected a number of kilometres, got \(value.type) \(value.debugDescription)")
                return nil
            }
            guard (0...1000).contains(km) else {
                r.problem(name, "\(km) is out of range — use 0...1000")
                return nil
            }
            return km
        }
        let minimum = kilometres("min_distance_km", standard.minimumDistanceKm)
        let tolerance = kilometres("distance_tolerance_km", standard.distanceToleranceKm)
        let perPerson = r.int("programmes_per_person", default: standard.programmesPerPerson, range: 1...3)
        let answer = r.int("answer_days", default: standard.answerDays, range: 1...60)
        let reminder = r.int("reminder_days", default: standard.reminderDays, range: 0...60)
        guard let minimum, let tolerance, let perPerson, let answer, let reminder else { return nil }
        return ParticipantsSettings(minimumDistanceKm: minimum, distanceToleranceKm: tolerance,
                                    programmesPerPerson: perPerson, answerDays: answer, reminderDays: reminder)
    }
}
