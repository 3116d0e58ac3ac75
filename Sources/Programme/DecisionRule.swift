/// How the coordinators pick the winners (`programmes decide`).
public enum DecisionRule: Sendable, Hashable, CustomStringConvertible {
    /// The top N of the ranking.
    case winners(Int)
    /// Every programme whose total is at least X.
    case minScore(Double)
    /// Exactly these application numbers.
    case ids([Int])

    /// The winning application numbers, ascending. Unscored programmes never win by score.
    public func select(from ranking: [ProgrammeScore]) -> [Int] {
        switch self {
        case .winners(let n):
            return ranking.filter { $0.total != nil }.prefix(max(0, n)).map(\.number).sorted()
        case .minScore(let x):
            return ranking.filter { ($0.total ?? -1) >= x - 1e-9 }.map(\.number).sorted()
        case .ids(let numbers):
            let known = Set(ranking.map(\.number))
            return Array(Set(numbers).intersection(known)).sorted()
        }
    }

    /// Application numbers in `.ids` that are not programmes.
    public func unknownIDs(in ranking: [ProgrammeScore]) -> [Int] {
        guard case .ids(let numbers) = self else { return [] }
        let known = Set(ranking.map(\.number))
        return Array(Set(numbers).subtracting(known)).sorted()
    }

    public var description: String {
        switch self {
        case .winners(let n): return "winners \(n)"
        case .minScore(let x): return "min-score \(x)"
        case .ids(let numbers): return "ids \(numbers.map(String.init).joined(separator: ","))"
        }
    }
}
