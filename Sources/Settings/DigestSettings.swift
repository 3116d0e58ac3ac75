import Foundation
import TOMLKit

/// The coordinators' digest (`[digest]`, optional):
/// ```toml
/// [digest]
/// time = "08:00"            # programme-local time from which the day's digest is due
/// heartbeat_weekday = 1     # 1 = Monday … 7 = Sunday: a short note when nothing needs a human
/// scores_per_programme = 2  # missing expert scores are listed below this count
/// [digest.targets]          # counts against the campaign's targets (all optional)
/// programmes = 20
/// participants = 60
/// organisations = 50
/// feedback = 40
/// ideas = 5
/// ```
public struct DigestSettings: Sendable, Hashable {
    /// Programme-local hour and minute from which the day's digest is due.
    public var hour: Int
    public var minute: Int
    public var heartbeatWeekday: Int
    public var scoresPerProgramme: Int
    public var targets: [String: Int]

    public static let targetKeys = ["programmes", "participants", "organisations", "feedback", "ideas"]

    public static let standard = DigestSettings(
        hour: 8, minute: 0, heartbeatWeekday: 1,
        scoresPerProgramme: 2, targets: [:])

    public init(hour: Int, minute: Int, heartbeatWeekday: Int, scoresPerProgramme: Int, targets: [String: Int]) {
        self.hour = hour
        self.minute = minute
        self.heartbeatWeekday = heartbeatWeekday
        self.scoresPerProgramme = scoresPerProgramme
        self.targets = targets
    }
}

extension Settings {
    /// Reads `[digest]` of the configuration file (defaults when it is absent). Every problem
    /// is reported at once (exit 78), like `Settings.load`.
    public static func digestSettings(from file: URL) throws(ConfigError) -> DigestSettings {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw ConfigError(file: file, problems: [ConfigProblem(key: "file", message: "cannot be read — check the path")])
        }
        return try digestSettings(text, file: file)
    }

    /// Reads `[digest]` from TOML text.
    public static func digestSettings(_ text: String, file: URL) throws(ConfigError) -> DigestSettings {
        guard let root = try? TOMLTable(string: text) else {
            throw ConfigError(file: file, problems: [ConfigProblem(key: "syntax", message: "not valid TOML — run `internships doctor`")])
        }
        guard let value = root["digest"] else { return .standard }
        let problems = ProblemList()
        guard let table = value.table else {
            throw ConfigError(file: file, problems: [ConfigProblem(key: "[digest]", message: "expected a table [digest]")])
        }
        let r = TableReader(table, label: "[digest]", known: ["time", "heartbeat_weekday", "scores_per_programme", "targets"],
                            problems: problems)
        var time = ClockTime(hour: DigestSettings.standard.hour, minute: DigestSettings.standard.minute)
        if let text = r.string("time", required: false) {
            time = ClockTime(text: text)
            if time == nil { r.problem("time", "\"\(text)\" is not a time — write HH:MM, e.g. \"08:00\"") }
        }
        let weekday = r.int("heartbeat_weekday", default: 1, range: 1...7)
        let scores = r.int("scores_per_programme", default: 2, range: 1...10)
        var targets: [String: Int] = [:]
        if let t = r.table("targets", known: DigestSettings.targetKeys, required: false) {
            for key in DigestSettings.targetKeys where t.table[key] != nil {
                if let n = t.int(key, range: 0...100_000) { targets[key] = n }
            }
        }
        guard let time, let weekday, let scores, problems.items.isEmpty else {
            throw ConfigError(file: file, problems: problems.items)
        }
        return DigestSettings(hour: time.hour, minute: time.minute, heartbeatWeekday: weekday, scoresPerProgramme: scores, targets: targets)
    }
}
