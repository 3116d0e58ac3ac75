// The composition root: configuration → store, stages, mailbox and relay adapters.
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

    /// Loads and validates the configuration (exit 78 on any problem).
    static func load(_ options: CommonOptions, label: String) throws -> AppContext {
        StderrLogHandler.bootstrap(level: options.level)
        ProcessMemory.returnLargeBlocksToTheSystem()
        var logger = Logger(label: "internships.\(label)")
        logger.logLevel = options.level
        let settings = try Settings.load(from: options.configURL)
        return AppContext(settings: settings, logger: logger, now: options.moment,
                          environment: ProcessInfo.processInfo.environment)
    }

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
