// Options every command that reads the configuration takes: --config, --now, --log-level.
import ArgumentParser
import Foundation
import Logging

struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The configuration file (default: $INTERNSHIPS_CONFIG, else ./internships.toml).", valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp(
        "Pretend it is this moment, ISO 8601 (2027-07-15T10:00:00+05:00, or a day: 2027-07-15 = 00:00 UTC); for rehearsals and tests.",
        valueName: "iso8601"))
    var now: String?

    @Option(name: .customLong("log-level"), help: ArgumentHelp(
        "trace, debug, info, notice, warning, error or critical (stderr).", valueName: "level"))
    var logLevel: String = "notice"

    func validate() throws {
        if let now, Self.parseDate(now) == nil {
            throw ValidationError("--now '\(now)' is not an ISO 8601 date-time — write e.g. 2027-07-15T10:00:00+05:00")
        }
        if Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level '\(logLevel)' is not one of trace, debug, info, notice, warning, error, critical")
        }
    }

    /// The configuration file to load.
    var configURL: URL {
        AppContext.configURL(config, environment: ProcessInfo.processInfo.environment)
    }

    /// `--now`, else the clock. The only place the executable reads the clock.
    var moment: Date {
        now.flatMap(Self.parseDate) ?? Date()
    }

    var level: Logger.Level { Logger.Level(rawValue: logLevel) ?? .notice }

    /// An ISO 8601 date-time (with or without fractional seconds), or a bare day (its start
    /// in UTC, as `mail`, `programmes` and `participants` have always read it).
    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds],
                                                      [.withFullDate]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
