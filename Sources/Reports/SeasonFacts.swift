/// What a season's report counts, as plain rows. The shell fills it from the database
/// (`ReportSource` in Pipeline); tests fill it by hand.
public struct SeasonFacts: Sendable, Hashable {
    public struct Programme: Sendable, Hashable {
        public var number: Int
        public var title: String
        public var organisation: String
        public var selected: Bool
        public init(number: Int, title: String, organisation: String, selected: Bool) {
            self.number = number
            self.title = title
            self.organisation = organisation
            self.selected = selected
        }
    }

    public struct Applicant: Sendable, Hashable {
        public var number: Int
        public var organisation: String
        public var municipality: String
        public var distanceKm: Double?
        public var selected: Bool
        public var attended: Bool
        public init(number: Int, organisation: String, municipality: String, distanceKm: Double?,
                    selected: Bool, attended: Bool) {
            self.number = number
            self.organisation = organisation
            self.municipality = municipality
            self.distanceKm = distanceKm
            self.selected = selected
            self.attended = attended
        }
    }

    public struct Feedback: Sendable, Hashable {
        public var rating: Double?
        public var competenceBefore: Double?
        public var competenceAfter: Double?
        public init(rating: Double?, competenceBefore: Double?, competenceAfter: Double?) {
            self.rating = rating
            self.competenceBefore = competenceBefore
            self.competenceAfter = competenceAfter
        }
    }

    public struct Idea: Sendable, Hashable {
        public var title: String
        public var partners: String?
        public init(title: String, partners: String?) {
            self.title = title
            self.partners = partners
        }
    }

    public var programmes: [Programme]
    public var applicants: [Applicant]
    public var feedback: [Feedback]
    public var ideas: [Idea]

    public init(programmes: [Programme], applicants: [Applicant], feedback: [Feedback], ideas: [Idea]) {
        self.programmes = programmes
        self.applicants = applicants
        self.feedback = feedback
        self.ideas = ideas
    }
}
