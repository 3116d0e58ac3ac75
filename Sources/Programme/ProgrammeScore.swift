/// One programme's aggregated review: what `programmes rank` prints and the decision uses.
public struct ProgrammeScore: Sendable, Hashable {
    public var number: Int
    /// The counted sheets (assigned expert, no conflict), by expert address.
    public var sheets: [ScoreSheet]
    /// Mean per criterion over the counted sheets (`ScoreSheet.criteria` order); empty when none.
    public var means: [Double]
    /// Sum of the criterion means (0…40); nil with no counted sheet.
    public var total: Double?
    /// Highest minus lowest sheet total; 0 with fewer than two sheets.
    public var spread: Int
    /// Assigned experts whose sheet has not arrived.
    public var missing: [String]
    /// The spread is above the threshold: one more expert should score it.
    public var needsAnotherExpert: Bool
}

/// Aggregation: only sheets from the programme's assigned experts count, conflicts never.
public enum ScoreAggregation {
    /// - Parameters:
    ///   - assigned: active assignments (declared conflicts already removed).
    ///   - sheets: every current sheet, from anyone; those not from an assigned expert are ignored.
    ///   - spreadThreshold: a spread strictly above it asks for another expert.
    public static func aggregate(numbers: [Int], assigned: Set<AssignmentPair>, sheets: [ScoreSheet],
                                 spreadThreshold: Int) -> [ProgrammeScore] {
        numbers.sorted().map { number in
            let experts = Set(assigned.filter { $0.number == number }.map(\.expert))
            let counted = sheets.filter { $0.number == number && experts.contains($0.expert) && !$0.conflict }
                .sorted { $0.expert < $1.expert }
            var means: [Double] = []
            if !counted.isEmpty {
                means = ScoreSheet.criteria.indices.map { i in
                    Double(counted.map { $0.scores[i] }.reduce(0, +)) / Double(counted.count)
                }
            }
            let totals = counted.map(\.total)
            let spread = (totals.max() ?? 0) - (totals.min() ?? 0)
            let missing = experts.subtracting(counted.map(\.expert)).subtracting(
                sheets.filter { $0.number == number && $0.conflict }.map(\.expert)).sorted()
            return ProgrammeScore(
                number: number, sheets: counted, means: means,
                total: counted.isEmpty ? nil : means.reduce(0, +), spread: spread, missing: missing,
                needsAnotherExpert: counted.count >= 2 && spread > spreadThreshold)
        }
    }

    /// Ranked: highest total first; unscored last; ties by application number.
    public static func rank(_ scores: [ProgrammeScore]) -> [ProgrammeScore] {
        scores.sorted { a, b in
            switch (a.total, b.total) {
            case let (x?, y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.number < b.number
            }
        }
    }
}
