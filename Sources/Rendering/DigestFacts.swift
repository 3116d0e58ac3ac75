/// What the coordinators' digest reports, as plain data (filled by Pipeline's `DigestSource`
/// from the database, or by hand in tests). Dates are already `dd.mm.yyyy` text.
public struct DigestFacts: Sendable, Hashable {
    public struct KindCount: Sendable, Hashable {
        /// A form kind: `program`, `participant`, `score`, `rsvp`, `feedback`, `idea`.
        public var kind: String
        /// New things (first versions) since the last digest.
        public var new: Int
        /// New versions replacing earlier ones.
        public var replaced: Int
        public init(kind: String, new: Int, replaced: Int) {
            self.kind = kind
            self.new = new
            self.replaced = replaced
        }
    }

    public struct Question: Sendable, Hashable {
        public var id: Int64
        public var sender: String
        public var subject: String?
        /// The first lines of the text, already shortened.
        public var firstLines: String
        public var received: String
        public init(id: Int64, sender: String, subject: String?, firstLines: String, received: String) {
            self.id = id
            self.sender = sender
            self.subject = subject
            self.firstLines = firstLines
            self.received = received
        }
    }

    /// Why a message waits for a person.
    public enum HeldReason: String, Sendable, Hashable {
        /// A score sheet from an address that is not a registered expert.
        case unregisteredExpert = "unregistered_expert"
        /// A score sheet that failed the receiving server's DMARC/SPF/DKIM checks.
        case failedAuthentication = "failed_authentication"
        /// No sender, or past the parser's limits.
        case unreadable
        /// A coordinator's "ОТПРАВИТЬ <batch>" reply the trusted server did not verify.
        case unverifiedCommand = "unverified_command"
    }

    public struct Held: Sendable, Hashable {
        public var inboundID: Int64
        public var sender: String?
        public var subject: String?
        public var reason: HeldReason
        public init(inboundID: Int64, sender: String?, subject: String?, reason: HeldReason) {
            self.inboundID = inboundID
            self.sender = sender
            self.subject = subject
            self.reason = reason
        }
    }

    public struct Correction: Sendable, Hashable {
        public var inboundID: Int64
        public var sender: String
        public var kind: String
        public var problems: Int
        public var received: String
        public init(inboundID: Int64, sender: String, kind: String, problems: Int, received: String) {
            self.inboundID = inboundID
            self.sender = sender
            self.kind = kind
            self.problems = problems
            self.received = received
        }
    }

    public struct ScoreGap: Sendable, Hashable {
        public var programme: Int
        public var title: String
        public var received: Int
        public var expected: Int
        public init(programme: Int, title: String, received: Int, expected: Int) {
            self.programme = programme
            self.title = title
            self.received = received
            self.expected = expected
        }
    }

    /// Something waiting for a coordinator's release (a decision, a batch of mail).
    public struct Batch: Sendable, Hashable {
        public var name: String
        public var count: Int
        /// The command that releases it.
        public var command: String
        /// The command that shows what would go out, when there is one.
        public var preview: String?
        /// The batch's name in a reply "ОТПРАВИТЬ <key>" (see `BatchName`); nil: command only.
        public var key: String?
        public init(name: String, count: Int, command: String, preview: String? = nil, key: String? = nil) {
            self.name = name
            self.count = count
            self.command = command
            self.preview = preview
            self.key = key
        }
    }

    public struct Bounce: Sendable, Hashable {
        public var inboundID: Int64
        /// The address that failed, when the report names it; else the bounce's sender.
        public var address: String
        public var subject: String?
        public init(inboundID: Int64, address: String, subject: String?) {
            self.inboundID = inboundID
            self.address = address
            self.subject = subject
        }
    }

    public struct DeadMail: Sendable, Hashable {
        public var outboxID: Int64
        public var recipient: String
        public var template: String
        public var reply: String?
        public init(outboxID: Int64, recipient: String, template: String, reply: String?) {
            self.outboxID = outboxID
            self.recipient = recipient
            self.template = template
            self.reply = reply
        }
    }

    /// Invitations of one programme (issue 7's `invitation` and `placement` rows).
    public struct RSVPLine: Sendable, Hashable {
        public var programme: Int
        public var title: String
        /// Seats in the programme form.
        public var seats: Int
        /// Invitations sent (any status).
        public var invited: Int
        public var confirmed: Int
        public var declined: Int
        /// Pending: no answer yet.
        public var silent: Int
        /// The earliest deadline among the silent ones (`dd.mm.yyyy`).
        public var silentDeadline: String?
        /// Silent past the deadline: the seat went to the reserve.
        public var expired: Int
        /// Released reserve places not invited yet.
        public var reserveLeft: Int
        /// A ДА after the deadline, the seat gone: first in line for a freed seat.
        public var lateYes: Int
        public init(programme: Int, title: String, seats: Int, invited: Int, confirmed: Int, declined: Int,
                    silent: Int, silentDeadline: String?, expired: Int, reserveLeft: Int, lateYes: Int = 0) {
            self.programme = programme
            self.title = title
            self.seats = seats
            self.invited = invited
            self.confirmed = confirmed
            self.declined = declined
            self.silent = silent
            self.silentDeadline = silentDeadline
            self.expired = expired
            self.reserveLeft = reserveLeft
            self.lateYes = lateYes
        }
    }

    public struct Upcoming: Sendable, Hashable {
        public var date: String
        public var programme: Int
        public var title: String
        public var organisation: String?
        public var venue: String?
        /// Participants who confirmed (ДА); nil before any invitation of the programme.
        public var confirmed: Int?
        public var seats: Int?
        public init(date: String, programme: Int, title: String, organisation: String?, venue: String?,
                    confirmed: Int? = nil, seats: Int? = nil) {
            self.date = date
            self.programme = programme
            self.title = title
            self.organisation = organisation
            self.venue = venue
            self.confirmed = confirmed
            self.seats = seats
        }
    }

    /// A joint project idea received since the last digest.
    public struct Idea: Sendable, Hashable {
        public var number: Int
        public var title: String
        public var sender: String
        public var partners: String?
        public init(number: Int, title: String, sender: String, partners: String?) {
            self.number = number
            self.title = title
            self.sender = sender
            self.partners = partners
        }
    }

    public struct Target: Sendable, Hashable {
        public var label: String
        public var count: Int
        public var target: Int
        public init(label: String, count: Int, target: Int) {
            self.label = label
            self.count = count
            self.target = target
        }
    }

    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Int
        public init(label: String, value: Int) {
            self.label = label
            self.value = value
        }
    }

    /// The day the digest covers, e.g. "29 ноября 2026 г.".
    public var day: String
    /// When the previous digest was queued ("22.11.2026"), or nil for the first.
    public var since: String?
    public var newSubmissions: [KindCount] = []
    public var questions: [Question] = []
    public var held: [Held] = []
    public var corrections: [Correction] = []
    public var missingScores: [ScoreGap] = []
    public var batches: [Batch] = []
    public var bounces: [Bounce] = []
    public var deadMail: [DeadMail] = []
    public var rsvp: [RSVPLine] = []
    public var upcoming: [Upcoming] = []
    /// Ideas received since the last digest (all of them in the first digest).
    public var ideas: [Idea] = []
    public var targets: [Target] = []
    /// Participants (applications) by municipality, for the chart.
    public var chart: [Bar] = []

    public init(day: String, since: String?) {
        self.day = day
        self.since = since
    }

    /// True when something waits for a person; otherwise only a weekly heartbeat is sent.
    /// Upcoming internships, RSVP counts, ideas (also counted as new forms), targets and the
    /// chart are news, not work.
    public var needsHuman: Bool {
        newSubmissions.contains { $0.new + $0.replaced > 0 } || !questions.isEmpty || !held.isEmpty
            || !corrections.isEmpty || !missingScores.isEmpty || !batches.isEmpty || !bounces.isEmpty
            || !deadMail.isEmpty
    }
}
