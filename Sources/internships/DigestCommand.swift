// `internships digest [--now] [--dry-run]`: queue the coordinators' digest for today's window
// through the outbox (`internships run` / `send` delivers it). Safe to re-run: one digest per
// coordinator and day (dedupe key `digest:<coordinator>:<yyyy-mm-dd>`).
import ArgumentParser
import Foundation
import Pipeline
import Rendering
import Settings
import Store

struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Queue the coordinators' digest (what needs a human) for today.",
        discussion: """
            Without --now the digest is queued only from [digest] time (programme-local) and only \
            when something needs a human; on [digest] heartbeat_weekday a short heartbeat goes out \
            instead. --now ignores both. A coordinator gets at most one digest per day either way. \
            --dry-run prints the digest and queues nothing. Exit 0, 78 on a configuration or \
            template problem, 75 when the database is busy.
            """)

    @Option(name: .long, help: ArgumentHelp("The configuration file (default: $INTERNSHIPS_CONFIG, else ./internships.toml).", valueName: "path"))
    var config: String?

    @Flag(name: .long, help: "Queue it now: ignore the configured hour and the 'only when something needs a human' rule.")
    var now = false

    @Flag(name: .customLong("dry-run"), help: "Print the digest (text part) instead of queueing it.")
    var dryRun = false

    @Flag(name: .long, help: "With --dry-run: print the HTML part instead of the text.")
    var html = false

    @Option(name: .long, help: ArgumentHelp("Pretend it is this moment, ISO 8601 (2027-09-29T09:00:00+05:00).", valueName: "iso8601"))
    var at: String?

    func validate() throws {
        if let at, CommonOptions.parseDate(at) == nil {
            throw ValidationError("--at '\(at ?? "")' is not an ISO 8601 date-time — write e.g. 2027-09-29T09:00:00+05:00")
        }
        if html && !dryRun { throw ValidationError("--html only goes with --dry-run") }
    }

    func run() throws {
        try reportingFailures("digest") {
            let context = try AppContext.load(config: config, now: at.flatMap(CommonOptions.parseDate) ?? Date(),
                                              level: .warning, label: "digest")
            let store = try context.openStore()
            let pass: DigestPass
            do {
                pass = try DigestPass(settings: context.settings, store: store, config: context.pipeline)
            } catch {
                // `[digest]`, `[review]` or a template the digest needs: all in the operator's files.
                throw CLIFailure(status: CLIFailure.configuration, message: "\(error)")
            }
            let stages = Stages(store: store, config: context.pipeline,
                                reader: StandardMessageReader.standard(config: context.pipeline), logger: context.logger)
            let report: DigestReport
            do {
                report = try stages.digest(source: pass.source, digest: pass.config, renderer: pass.renderer,
                                           now: context.now, force: now, dryRun: dryRun)
            } catch let error as PipelineError {
                throw CLIFailure.from(error)
            } catch {
                throw CLIFailure(status: CLIFailure.temporary, message: "\(error) — try again later")
            }
            show(report, coordinators: pass.config.coordinators)
        }
    }

    private func show(_ report: DigestReport, coordinators: [DigestConfig.Recipient]) {
        for coordinator in coordinators {
            let outcome = report.outcomes[coordinator.email]?.rawValue ?? "skipped"
            print("\(coordinator.email): \(outcome)")
            if dryRun, let mail = report.mails[coordinator.email] {
                print("Subject: \(mail.subject)\n")
                print(html ? (mail.html ?? "(no HTML part)") : mail.text)
            }
        }
    }
}

extension DigestPass {
    /// The digest as configured: `[digest]`, the coordinators, the templates folder.
    /// `internships run` passes it to `Runner(stages:digest:)` so each run queues the day's
    /// digest after plan. Throws `ConfigError` or the template problems (exit 78).
    init(settings: Settings, store: Store, config: PipelineConfig) throws {
        let digestSettings = try Settings.digestSettings(from: settings.file)
        let campaign = settings.campaign
        let scoresDue = Calendar.campaign(campaign.timeZone)
            .date(from: DateComponents(year: campaign.programCall.last.year, month: campaign.programCall.last.month,
                                       day: campaign.programCall.last.day))
            .map { $0.addingTimeInterval(86_400) }
        let digestConfig = DigestConfig(
            coordinators: settings.coordinators.map { DigestConfig.Recipient(name: $0.name, email: $0.email) },
            campaignTitle: campaign.name, hour: digestSettings.hour, minute: digestSettings.minute,
            heartbeatWeekday: digestSettings.heartbeatWeekday, targets: digestSettings.targets,
            scoresPerProgramme: digestSettings.scoresPerProgramme, scoresDueFrom: scoresDue,
            publicityList: try ReviewSettings.load(from: settings.file).publicityList.map { $0.lowercased() })
        self.init(source: StoreDigestSource(store: store, config: config, digest: digestConfig), config: digestConfig,
                  renderer: try DigestTemplates.load(settings.templatesDirectory))
    }
}

/// Reads the templates folder the way the reply renderer does (every top-level `*.mustache`).
enum DigestTemplates {
    static func load(_ directory: URL) throws -> TemplateSet {
        var sources: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".mustache") {
            sources[String(name.dropLast(".mustache".count))] =
                try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }
        return try TemplateSet(sources: sources)
    }
}
