import Foundation
import Settings
import Testing

/// `[digest]` in internships.toml: defaults, values, and every problem reported.
@Suite struct DigestSettingsTests {
    static let file = URL(fileURLWithPath: "/tmp/internships.toml")

    @Test func absentSectionGivesDefaults() throws {
        let settings = try Settings.digestSettings("[campaign]\nname = \"x\"\n", file: Self.file)
        #expect(settings == .standard)
        #expect(settings.hour == 8 && settings.minute == 0 && settings.heartbeatWeekday == 1)
    }

    @Test func valuesAreRead() throws {
        let settings = try Settings.digestSettings("""
            [digest]
            time = "07:30"
            heartbeat_weekday = 5
            scores_per_programme = 3
            [digest.targets]
            programmes = 20
            participants = 60
            """, file: Self.file)
        #expect(settings == DigestSettings(hour: 7, minute: 30, heartbeatWeekday: 5, scoresPerProgramme: 3,
                                           targets: ["programmes": 20, "participants": 60]))
    }

    @Test(arguments: [
        ("time = \"25:00\"", "[digest] time"),
        ("heartbeat_weekday = 8", "[digest] heartbeat_weekday"),
        ("hour = 8", "[digest] hour"),
        ("[digest.targets]\nparticipant = 5", "[digest.targets] participant"),
    ])
    func problemsNameTheKey(body: String, key: String) {
        do {
            _ = try Settings.digestSettings("[digest]\n" + body + "\n", file: Self.file)
            Issue.record("accepted \(body)")
        } catch {
            #expect(error.problems.map(\.key).contains(key), "\(error.problems)")
        }
    }
}
