import Foundation
import TOMLKit

/// The expert review's settings (`[review]`, optional; every key has a default):
///
///     [review]
///     experts_per_programme = 2      # non-conflicted experts per programme
///     spread_threshold = 10          # sheet totals (0–40) further apart ask for one more expert
///     results_include_scores = false # result letters carry means and anonymised comments
///     publicity_list = ["news@example.org"]  # where the winners' catalogue is mailed
public struct ReviewSettings: Sendable, Equatable {
    public var perProgramme: Int
    public var spreadThreshold: Int
    public var resultsIncludeScores: Bool
    public var publicityList: [String]

    public init(perProgramme: Int = 2, spreadThreshold: Int = 10, resultsIncludeScores: Bool = false,
                publicityList: [String] = []) {
        self.perProgramme = perProgramme
        self.spreadThreshold = spreadThreshold
        self.resultsIncludeScores = resultsIncludeScores
        self.publicityList = publicityList
    }

    /// Reads `[review]` of the config file (already validated as a whole by `Settings.load`).
    public static func load(from file: URL) throws(ConfigError) -> ReviewSettings {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw ConfigError(file: file, problems: [ConfigProblem(key: "file", message: "cannot be read")])
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: URL) throws(ConfigError) -> ReviewSettings {
        guard let root = try? TOMLTable(string: text) else {
            throw ConfigError(file: file, problems: [ConfigProblem(key: "syntax", message: "not valid TOML")])
        }
        guard let value = root["review"] else { return ReviewSettings() }
        let problems = ProblemList()
        guard let table = value.table else {
            throw ConfigError(file: file, problems: [ConfigProblem(key: "[review]", message: "expected a table [review]")])
        }
        let r = TableReader(table, label: "[review]",
                            known: ["experts_per_programme", "spread_threshold", "results_include_scores", "publicity_list"],
                            problems: problems)
        let per = r.int("experts_per_programme", default: 2, range: 1...10)
        let spread = r.int("spread_threshold", default: 10, range: 0...40)
        let scores = r.bool("results_include_scores", default: false)
        var list: [String] = []
        if let raw = table["publicity_list"] {
            if let array = raw.array {
                for item in array {
                    if let s = item.string, let address = NamedAddress.normalised(s) {
                        list.append(address.lowercased())
                    } else {
                        r.problem("publicity_list", "'\(item)' is not an email address — write user@example.org")
                    }
                }
            } else {
                r.problem("publicity_list", "expected a list of addresses, e.g. [\"news@example.org\"]")
            }
        }
        guard let per, let spread, let scores, problems.items.isEmpty else {
            throw ConfigError(file: file, problems: problems.items)
        }
        return ReviewSettings(perProgramme: per, spreadThreshold: spread, resultsIncludeScores: scores, publicityList: list)
    }
}
