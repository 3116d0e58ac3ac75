// The composition root every subcommand uses: configuration file → settings (exit 78 with the
// file and line), logger, clock, secrets from file or environment (never logged), store,
// templates, stages, mailbox and relay adapters.
import Foundation
import Forms
import Logging
import MailTransport
import Pipeline
import Settings
import Store

/// Everything a command built from the configuration file.
struct AppContext {
    let settings: Settings
    let logger: Logger
    let now: Date
    let environment: [String: String]

    /// Loads and validates the configuration of `options` (exit 78 on any problem).
    static func load(_ options: CommonOptions, label: String) throws -> AppContext {
        try load(config: options.config, now: options.moment, level: options.level, label: label)
    }

    /// Loads and validates `config` (nil: `$INTERNSHIPS_CONFIG`, else ./internships.toml).
    /// Throws `ConfigError` (exit 78 through `CLIFailure`), naming the file and, for a syntax
    /// error, the line (`Settings.load` runs `TOMLPrecheck` before the TOML parser).
    static func load(config: String?, now: Date, level: Logger.Level = .notice, label: String) throws -> AppContext {
        StderrLogHandler.bootstrap(level: level)
        ProcessMemory.returnLargeBlocksToTheSystem()
        var logger = Logger(label: "internships.\(label)")
        logger.logLevel = level
        let environment = ProcessInfo.processInfo.environment
        let settings = try Settings.load(from: configURL(config, environment: environment))
        return AppContext(settings: settings, logger: logger, now: now, environment: environment)
    }

    /// `--config`, else a non-empty `$INTERNSHIPS_CONFIG`, else ./internships.toml.
    static func configURL(_ config: String?, environment: [String: String]) -> URL {
        let path = config ?? environment["INTERNSHIPS_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? "internships.toml"
        return URL(fileURLWithPath: path).standardizedFileURL
    }

    /// The stages' view of the configuration (campaign key = `[campaign] name`).
    var pipeline: PipelineConfig { PipelineConfig(settings: settings) }

    /// Opens (creating and migrating) the database; a missing folder is exit 73.
    func openStore() throws -> Store {
        let path = settings.databasePath.path
        let folder = settings.databasePath.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIFailure(status: CLIFailure.cannotCreate,
                             message: "the database folder \(folder) does not exist — create it or change [database] path")
        }
        do {
            return try Store(path: path)
        } catch let error as StoreError {
            throw error
        } catch {
            throw CLIFailure(status: CLIFailure.cannotCreate,
                             message: "cannot open the database \(path): \(error) — check the file and its folder's permissions")
        }
    }

    /// The mail templates of `[templates] dir` (exit 78 when they do not load).
    func renderer() throws -> TemplateReplyRenderer {
        try TemplateReplyRenderer(directory: settings.templatesDirectory, campaignTitle: settings.campaign.name,
                                  timeZone: settings.campaign.timeZone)
    }

    func stages(store: Store, answerExisting: Bool = false) throws -> Stages {
        let config = PipelineConfig(settings: settings, answerExistingOnFirstRun: answerExisting)
        let wording = try FormWordingFile.load(templatesDirectory: settings.templatesDirectory)
        return Stages(store: store, config: config,
                      reader: StandardMessageReader.standard(config: config, formReader: FormReader(wording: wording)),
                      renderer: try renderer(), logger: logger)
    }

    /// The participants' desk over `store` for this campaign.
    func participantDesk(store: Store) -> ParticipantDesk {
        ParticipantDesk(store: store, campaign: pipeline.campaign)
    }

    func imapSettings() throws -> IMAPSettings {
        let reading = try settings.mailboxPassword(environment: environment)
        for warning in reading.warnings { logger.warning("\(warning)") }
        return settings.mailbox.imapSettings(password: reading.secret)
    }

    func smtpSettings() throws -> SMTPSettings {
        let reading = try settings.smtpPassword(environment: environment)
        for warning in reading?.warnings ?? [] { logger.warning("\(warning)") }
        return settings.smtp.smtpSettings(password: reading?.secret)
    }

    func mailboxSource() throws -> IMAPMailboxSource {
        try IMAPMailboxSource(settings: imapSettings(), mailbox: settings.mailbox.folder, logger: logger)
    }

    func mailSender() throws -> SMTPMailSender {
        try SMTPMailSender(settings: smtpSettings(), logger: logger)
    }
}
