// What `digest` and `export` build from the configuration file. Kept apart from the other
// commands' composition so the branches merge cleanly; the campaign key (`String(year)`) and
// the programme address (`[smtp] from`) match the CLI's PipelineConfig mapping.
import ArgumentParser
import Foundation
import Logging
import Pipeline
import Settings
import Store

struct ReportingSetup {
    let settings: Settings
    let store: Store
    let config: PipelineConfig
    let logger: Logger

    /// Loads the configuration and opens the database; prints the problem and exits 78 / 73.
    static func load(configPath: String?, label: String) throws -> ReportingSetup {
        let path = configPath ?? ProcessInfo.processInfo.environment["INTERNSHIPS_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "internships.toml"
        let file = URL(fileURLWithPath: path).standardizedFileURL
        let settings: Settings
        do {
            settings = try Settings.load(from: file)
        } catch {
            fail(label, error.description, status: ConfigError.exitCode)
        }
        var logger = Logger(label: "internships.\(label)")
        logger.logLevel = .warning
        let store: Store
        do {
            store = try Store(path: settings.databasePath.path)
        } catch {
            fail(label, "cannot open the database \(settings.databasePath.path): \(error) — check [database] path", status: 73)
        }
        let campaign = settings.campaign
        let config = PipelineConfig(
            campaign: String(campaign.year), mailbox: settings.mailbox.folder,
            processedFolder: settings.mailbox.processedFolder, programmeAddress: settings.smtp.from.address,
            programmeName: settings.smtp.from.displayName, experts: settings.experts.map(\.email),
            timeZone: campaign.timeZone)
        return ReportingSetup(settings: settings, store: store, config: config, logger: logger)
    }

    static func fail(_ label: String, _ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data("internships \(label): \(message)\n".utf8))
        Foundation.exit(status)
    }

    /// Parses `--at` (ISO 8601), else the clock — the only clock read of these commands.
    static func moment(_ text: String?) -> Date? {
        guard let text else { return Date() }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// The start of `day` in `zone`.
    static func start(of day: CalendarDay, in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
    }
}
