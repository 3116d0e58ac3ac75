/// The verdict a host hears.
public enum Verdict: String, Sendable, Hashable, Codable {
    case winner
    case notSelected = "not_selected"
}

/// One letter `mail release results` queues.
public struct ResultLetter: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The first verdict a host hears.
        case result
        /// The verdict changed after it was released: an explicit correction.
        case correction
    }
    public var number: Int
    public var verdict: Verdict
    public var kind: Kind
    /// The verdict it corrects (corrections only).
    public var previous: Verdict?

    public init(number: Int, verdict: Verdict, kind: Kind, previous: Verdict? = nil) {
        self.number = number
        self.verdict = verdict
        self.kind = kind
        self.previous = previous
    }

    /// The template: result_winner, result_not_selected or result_correction.
    public var template: String {
        switch kind {
        case .correction: return "result_correction"
        case .result: return verdict == .winner ? "result_winner" : "result_not_selected"
        }
    }
}

/// Release: one letter per programme whose host has not heard its current verdict.
public enum ResultRelease {
    /// - Parameters:
    ///   - programmes: every programme number in the decision's scope.
    ///   - winners: the current decision's winners.
    ///   - released: the verdict each host last heard (absent: never heard).
    public static func plan(programmes: [Int], winners: Set<Int>, released: [Int: Verdict]) -> [ResultLetter] {
        programmes.sorted().compactMap { number in
            let verdict: Verdict = winners.contains(number) ? .winner : .notSelected
            switch released[number] {
            case nil: return ResultLetter(number: number, verdict: verdict, kind: .result, previous: nil)
            case let heard? where heard != verdict:
                return ResultLetter(number: number, verdict: verdict, kind: .correction, previous: heard)
            default: return nil
            }
        }
    }
}
