import Foundation
import Testing
@testable import Settings

@Suite struct ParticipantsSettingsTests {
    /// The example without its [participants] table.
    static var base: String {
        let text = Settings.exampleTOML
        guard let start = text.range(of: "\n[participants]"), let end = text.range(of: "\n[database]") else { return text }
        return String(text[..<start.lowerBound]) + String(text[end.lowerBound...])
    }

    @Test func exampleDocumentsEveryKeyWithItsDefault() throws {
        let s = try Settings.parse(Settings.exampleTOML, file: try Scratch().configFile)
        #expect(s.participants == .standard)
        for key in ["min_distance_km = 50", "distance_tolerance_km = 30", "programmes_per_person = 1", "answer_days = 5",
                    "reminder_days = 3"] {
            #expect(Settings.exampleTOML.contains(key), "\(key)")
        }
        #expect(!Self.base.contains("[participants]"))
        #expect(try Settings.parse(Self.base, file: try Scratch().configFile).participants == .standard)
    }

    @Test func valuesAreRead() throws {
        let text = Self.base + """

            [participants]
            min_distance_km = 60.5
            distance_tolerance_km = 20
            programmes_per_person = 2
            answer_days = 3
            reminder_days = 1

            """
        let s = try Settings.parse(text, file: try Scratch().configFile)
        #expect(s.participants == ParticipantsSettings(minimumDistanceKm: 60.5, distanceToleranceKm: 20, programmesPerPerson: 2,
                                                       answerDays: 3, reminderDays: 1))
    }

    @Test(arguments: [
        ("min_distance_km = \"50\"", "[participants] min_distance_km", "expected a number"),
        ("min_distance_km = -1", "[participants] min_distance_km", "out of range"),
        ("programmes_per_person = 0", "[participants] programmes_per_person", "out of range"),
        ("answer_days = 0", "[participants] answer_days", "out of range"),
        ("reminder_days = 61", "[participants] reminder_days", "out of range"),
        ("answer_day = 5", "[participants] answer_day", "did you mean 'answer_days'"),
    ])
    func badValuesAreReported(snippet: String, key: String, says: String) throws {
        let text = Self.base + "\n[participants]\n" + snippet + "\n"
        let error = try #require(throws: ConfigError.self) { try Settings.parse(text, file: try Scratch().configFile) }
        let match = error.problems.first { $0.key == key }
        #expect(match?.message.contains(says) == true, "got \(error.problems)")
    }
}
