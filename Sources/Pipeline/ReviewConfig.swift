// What the review and results commands need to know; the executable fills it from the config.
import Foundation
import Programme

/// The expert review's settings (`[[experts]]`, `[review]`, `[campaign]` dates). Pure data.
public struct ReviewConfig: Sendable {
    public var experts: [ReviewExpert]
    /// Non-conflicted experts per programme (`[review] experts_per_programme`, default 2).
    public var perProgramme: Int
    /// A spread of sheet totals (0…40 scale) above this asks for one more expert.
    public var spreadThreshold: Int
    /// Result letters carry the criterion means and anonymised comments.
    public var resultsIncludeScores: Bool
    /// Where the winners' catalogue is mailed.
    public var publicityList: [String]
    /// End of the programme call: `assign` refuses before it.
    public var programCallClosesAt: Date?
    /// End of the review (exclusive): no reminders from then on.
    public var reviewClosesAt: Date
    /// The review's last day as people read it ("15 августа 2027 г.").
    public var reviewClosesText: String
    /// The participant call as people read it, for the catalogue's "how to apply".
    public var participantCallText: String
    /// The blank `score` form (mail-templates/forms/score.txt).
    public var blankScoreSheet: String

    public init(experts: [ReviewExpert], perProgramme: Int = 2, spreadThreshold: Int = 10,
                resultsIncludeScores: Bool = false, publicityList: [String] = [],
                programCallClosesAt: Date? = nil, reviewClosesAt: Date, reviewClosesText: String,
                participantCallText: String, blankScoreSheet: String) {
        self.experts = experts
        self.perProgramme = max(1, perProgramme)
        self.spreadThreshold = spreadThreshold
        self.resultsIncludeScores = resultsIncludeScores
        self.publicityList = publicityList.map { $0.lowercased() }
        self.programCallClosesAt = programCallClosesAt
        self.reviewClosesAt = reviewClosesAt
        self.reviewClosesText = reviewClosesText
        self.participantCallText = participantCallText
        self.blankScoreSheet = blankScoreSheet
    }
}
