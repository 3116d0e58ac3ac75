import Foundation
import Testing
@testable import Settings

@Suite struct ReviewSettingsTests {
    static let file = URL(fileURLWithPath: "/tmp/internships.toml")

    @Test func defaultsWithoutTheSection() throws {
        #expect(try ReviewSettings.parse("[campaign]\nname = \"x\"\n", file: Self.file) == ReviewSettings())
    }

    @Test func readsEveryKey() throws {
        let text = """
            [review]
            experts_per_programme = 3
            spread_threshold = 8
            results_include_scores = true
            publicity_list = ["News@Example.org", "tv@example.org"]
            """
        #expect(try ReviewSettings.parse(text, file: Self.file) == ReviewSettings(
            perProgramme: 3, spreadThreshold: 8, resultsIncludeScores: true,
            publicityList: ["news@example.org", "tv@example.org"]))
    }

    @Test(arguments: [
        ("[review]\nexperts_per_programme = 0\n", "experts_per_programme"),
        ("[review]\npublicity_list = [\"not an address\"]\n", "publicity_list"),
        ("[review]\nspread = 3\n", "spread"),
    ])
    func reportsProblems(text: String, key: String) {
        do {
            _ = try ReviewSettings.parse(text, file: Self.file)
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.problems.contains { $0.key.contains(key) }, "\(error)")
        }
    }
}
