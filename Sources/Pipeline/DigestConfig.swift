// What the digest stage needs to know; the composition root fills it from `[digest]`.
import Foundation

/// When and to whom the coordinators' digest goes, and the campaign's targets.
public struct DigestConfig: Sendable {
    public struct Recipient: Sendable, Hashable {
        public var name: String?
        public var email: String
        public init(name: String?, email: String) {
            self.name = name
            self.email = email.lowercased()
        }
    }

    public var coordinators: [Recipient]
    /// The campaign's name as people read it.
    public var campaignTitle: String
    /// Programme-local time of day from which the day's digest is due.
    public var hour: Int
    public var minute: Int
    /// ISO weekday (1 = Monday … 7 = Sunday) of the heartbeat sent when nothing needs a human.
    public var heartbeatWeekday: Int
    /// Targets by key: `programmes`, `participants`, `organisations`, `feedback`, `ideas`.
    public var targets: [String: Int]
    /// Score sheets each programme needs (product.md: at least 2).
    public var scoresPerProgramme: Int
    /// Missing scores are listed from this moment (the programme call's close); nil: always.
    public var scoresDueFrom: Date?
    /// `[review] publicity_list`: the catalogue waits for release while one of them lacks it.
    public var publicityList: [String]

    public init(coordinators: [Recipient], campaignTitle: String, hour: Int = 8, minute: Int = 0,
                heartbeatWeekday: Int = 1, targets: [String: Int] = [:], scoresPerProgramme: Int = 2,
                scoresDueFrom: Date? = nil, publicityList: [String] = []) {
        self.coordinators = coordinators
        self.campaignTitle = campaignTitle
        self.hour = min(max(hour, 0), 23)
        self.minute = min(max(minute, 0), 59)
        self.heartbeatWeekday = min(max(heartbeatWeekday, 1), 7)
        self.targets = targets
        self.scoresPerProgramme = max(1, scoresPerProgramme)
        self.scoresDueFrom = scoresDueFrom
        self.publicityList = publicityList.map { $0.lowercased() }
    }

    /// Russian labels of the target keys, in the order the digest lists them.
    static let targetLabels: [(String, String)] = [
        ("programmes", "Заявки на программы"), ("participants", "Заявки участников"),
        ("organisations", "Организации охвачены"), ("feedback", "Отзывы"), ("ideas", "Идеи совместных проектов"),
    ]
}
