// What the stages need to know about the campaign; the composition root maps Settings to it.
import Foundation
import Programme

/// The campaign facts the stages decide with. Pure data; the executable fills it from the
/// configuration file.
public struct PipelineConfig: Sendable {
    /// Campaign key, e.g. `perm-2026`; several campaigns share one database.
    public var campaign: String
    /// The IMAP mailbox pickup reads (`INBOX`).
    public var mailbox: String
    /// Where ack moves processed mail.
    public var processedFolder: String
    /// The programme mailbox: From, Reply-To and the loop header's value.
    public var programmeAddress: String
    /// Display name in From, e.g. `Стажировки НКО`.
    public var programmeName: String?
    /// The From address and SMTP envelope sender, when the relay wants another address than
    /// the programme mailbox; nil: the programme mailbox.
    public var fromAddress: String?
    /// Our own addresses (lower-cased), for loop prevention.
    public var ownAddresses: Set<String>
    /// Registered experts' addresses; score sheets from anyone else are held.
    public var experts: [String]
    /// When each form kind is accepted; a kind without an entry is always open.
    public var windows: [String: DateInterval]
    /// The programme's time zone (days for the help limit and the send budget).
    public var timeZone: TimeZone
    /// At most this many messages sent per day (provider limits).
    public var dailySendBudget: Int
    /// On the first run over a mailbox, answer mail already there (default: import silently).
    public var answerExistingOnFirstRun: Bool
    /// Messages per pickup transaction.
    public var fetchBatchSize: Int
    /// Messages per SMTP connection / deliver transaction.
    public var sendBatchSize: Int
    /// Wait before attempt n+1 after n failed attempts; the last entry repeats.
    public var backoff: [Duration]
    /// A message not delivered within this long after enqueue is dead.
    public var lifetime: Duration
    /// Our loop-detection header (RFC 3834 §2 leaves the mechanism to the responder).
    public var loopHeader: String
    /// Replies to one address per day beyond this are queued `held` for a coordinator: a
    /// responder that quotes our acknowledgement without RFC 3834 headers cannot loop.
    public var maxRepliesPerRecipientPerDay: Int
    /// Error replies one sender gets a day at most (each for a different set of errors).
    public var errorRepliesPerDay: Int = 3
    /// Coordinators' addresses (lowercased): like experts, exempt from
    /// `maxRepliesPerRecipientPerDay` (see `Stages.replyLimit`), and they may send
    /// participant score sheets.
    public var coordinators: Set<String> = []
    /// authserv-ids of our receiving servers whose Authentication-Results are believed
    /// (RFC 8601 §5). When set, the kinds in `verifiedKinds` from a sender they do not
    /// verify are held for a coordinator.
    public var trustedAuthservIDs: Set<String> = []
    /// Form kinds that act with authority (score sheets, commands): held unless the sender is
    /// verified (when `trustedAuthservIDs` is set) and never from a failed check.
    public var verifiedKinds: Set<String> = ["score", "motivation"]
    /// The consent text version stored with each submission (152-FZ).
    public var consentVersion: String = "unversioned"
    /// The Perm Krai tables for the participants' eligibility; nil: no check at intake.
    public var places: PlaceTables? = nil
    /// The eligibility thresholds (50 km, declared-distance tolerance).
    public var eligibilityRules = EligibilityRules()

    public init(
        campaign: String, mailbox: String = "INBOX", processedFolder: String = "Processed",
        programmeAddress: String, programmeName: String? = nil, ownAddresses: Set<String> = [],
        experts: [String] = [], windows: [String: DateInterval] = [:],
        timeZone: TimeZone = TimeZone(identifier: "Asia/Yekaterinburg") ?? .current,
        dailySendBudget: Int = 500, answerExistingOnFirstRun: Bool = false,
        fetchBatchSize: Int = 50, sendBatchSize: Int = 20,
        backoff: [Duration] = [.seconds(300), .seconds(900), .seconds(3600), .seconds(14_400)],
        lifetime: Duration = .seconds(5 * 86_400), loopHeader: String = "X-Internships-Loop"
    ) {
        self.campaign = campaign
        self.mailbox = mailbox
        self.processedFolder = processedFolder
        self.programmeAddress = programmeAddress.lowercased()
        self.programmeName = programmeName
        self.fromAddress = nil
        self.ownAddresses = Set(ownAddresses.map { $0.lowercased() }).union([programmeAddress.lowercased()])
        self.experts = experts.map { $0.lowercased() }
        self.windows = windows
        self.timeZone = timeZone
        self.dailySendBudget = dailySendBudget
        self.answerExistingOnFirstRun = answerExistingOnFirstRun
        self.fetchBatchSize = max(1, fetchBatchSize)
        self.sendBatchSize = max(1, sendBatchSize)
        self.backoff = backoff.isEmpty ? [.seconds(300)] : backoff
        self.lifetime = lifetime
        self.loopHeader = loopHeader
        self.maxRepliesPerRecipientPerDay = 10
    }

    /// The programme's calendar (Gregorian, in its time zone).
    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// `yyyy-mm-dd` of `date` in the programme's time zone.
    func day(of date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = parts.year ?? 0, month = parts.month ?? 0, day = parts.day ?? 0
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// The programme-local day containing `date`, as `[start, end)`.
    func dayInterval(containing date: Date) -> DateInterval {
        calendar.dateInterval(of: .day, for: date) ?? DateInterval(start: date, duration: 86_400)
    }

    /// The wait after `attempts` failed attempts.
    func backoff(afterAttempts attempts: Int) -> TimeInterval {
        let step = backoff[min(max(attempts - 1, 0), backoff.count - 1)]
        return step.timeInterval
    }
}

extension Duration {
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
