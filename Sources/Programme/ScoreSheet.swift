import Foundation

/// One expert's current score sheet for one programme, as the rules count it.
public struct ScoreSheet: Sendable, Hashable {
    /// The criteria of the `score` form, in its order.
    public static let criteria = ["relevance", "practical_benefit", "realism", "program_quality"]
    /// Their Russian names (the form's labels without the range).
    public static let criterionNames = ["Актуальность", "Практическая польза", "Реалистичность", "Качество программы"]

    public var expert: String
    public var number: Int
    /// One score 0…10 per criterion, in `criteria` order.
    public var scores: [Int]
    public var comment: String?
    /// The expert declared a conflict of interest: the sheet never counts.
    public var conflict: Bool

    public init(expert: String, number: Int, scores: [Int], comment: String?, conflict: Bool) {
        self.expert = expert.lowercased()
        self.number = number
        self.scores = scores
        self.comment = comment
        self.conflict = conflict
    }

    /// From a stored `score` submission's fields (display text by field id); nil when the
    /// application number or a criterion is missing (such a sheet was answered with errors).
    public init?(expert: String, fields: [String: String]) {
        guard let number = Int((fields["application_number"] ?? "").filter(\.isNumber)) else { return nil }
        var scores: [Int] = []
        for id in Self.criteria {
            guard let value = fields[id].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), (0...10).contains(value)
            else { return nil }
            scores.append(value)
        }
        let conflict = (fields["conflict_of_interest"] ?? "").lowercased().hasPrefix("да")
        let comment = fields["comment"].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        self.init(expert: expert, number: number, scores: scores, comment: comment, conflict: conflict)
    }

    /// The sheet's total (sum of the criteria, 0…40).
    public var total: Int { scores.reduce(0, +) }
}
