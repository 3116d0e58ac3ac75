import Foundation

/// The whole configuration (`internships.toml`), validated, with paths made absolute.
/// Secrets are not in here, only where they come from (`SecretSource`).
public struct Settings: Sendable, Equatable {
    /// The file this was loaded from; relative paths in it resolve against its folder.
    public var file: URL
    public var campaign: Campaign
    public var mailbox: MailboxSettings
    public var smtp: RelaySettings
    public var coordinators: [Coordinator]
    public var experts: [Expert]
    /// The SQLite database (`[database] path`, default `internships.sqlite`).
    public var databasePath: URL
    /// The mail templates folder (`[templates] dir`, default `mail-templates`).
    public var templatesDirectory: URL
    public var delivery: DeliverySettings
    /// `[security]`; defaults when absent.
    public var security: SecuritySettings = .standard
    /// `[privacy]`; defaults when absent.
    public var privacy: PrivacySettings = .standard
    /// `[participants]`; defaults when absent.
    public var participants: ParticipantsSettings = .standard

    public init(
        file: URL, campaign: Campaign, mailbox: MailboxSettings, smtp: RelaySettings,
        coordinators: [Coordinator], experts: [Expert], databasePath: URL, templatesDirectory: URL,
        delivery: DeliverySettings
    ) {
        self.file = file
        self.campaign = campaign
        self.mailbox = mailbox
        self.smtp = smtp
        self.coordinators = coordinators
        self.experts = experts
        self.databasePath = databasePath
        self.templatesDirectory = templatesDirectory
        self.delivery = delivery
    }
}
