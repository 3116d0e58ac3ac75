// Programme: participant selection — seats per programme, priorities, reserve, reasons.
import Foundation

/// One programme's seats in the selection.
public struct SeatOffer: Sendable, Hashable, Codable {
    public var programme: Int
    public var seats: Int
    public init(programme: Int, seats: Int) {
        self.programme = programme
        self.seats = seats
    }
}

/// One applicant as the selection sees them.
public struct Applicant: Sendable, Hashable, Codable {
    /// The participant application number.
    public var number: Int
    /// The municipality (for the tie-break toward municipalities not yet represented).
    public var municipality: String?
    /// Mean motivation score 0–10; nil when nobody scored the application yet.
    public var motivation: Double?
    public var submittedAt: Date
    /// Programme numbers in the applicant's order of priority (1–3).
    public var priorities: [Int]
    public var eligibility: Eligibility.Outcome

    public init(number: Int, municipality: String?, motivation: Double?, submittedAt: Date, priorities: [Int],
                eligibility: Eligibility.Outcome) {
        self.number = number
        self.municipality = municipality
        self.motivation = motivation
        self.submittedAt = submittedAt
        self.priorities = priorities
        self.eligibility = eligibility
    }
}

/// The selection's settings.
public struct SelectionRules: Sendable, Hashable {
    /// At most this many programmes per person (K).
    public var maxProgrammesPerPerson: Int
    /// Applicants whose eligibility is still `review` take part (a coordinator cleared them
    /// elsewhere); by default they wait.
    public var includeUnderReview: Bool
    public init(maxProgrammesPerPerson: Int = 1, includeUnderReview: Bool = false) {
        self.maxProgrammesPerPerson = max(1, maxProgrammesPerPerson)
        self.includeUnderReview = includeUnderReview
    }
}

/// The result: who sits where, the ordered reserves, and a sentence per person.
public struct Selection: Sendable, Hashable, Codable {
    /// Programme → selected application numbers, in the order they were seated.
    public var seated: [Int: [Int]]
    /// Programme → reserve, best first.
    public var reserve: [Int: [Int]]
    /// Application number → why (Russian, one or more sentences).
    public var reasons: [Int: String]

    public init(seated: [Int: [Int]] = [:], reserve: [Int: [Int]] = [:], reasons: [Int: String] = [:]) {
        self.seated = seated
        self.reserve = reserve
        self.reasons = reasons
    }

    /// Programmes an applicant was seated on.
    public func programmes(of applicant: Int) -> [Int] {
        seated.keys.sorted().filter { seated[$0]?.contains(applicant) == true }
    }
}

extension Selection {
    /// Seats applicants: in priority rounds (every first choice before any second one), each
    /// round in ranking order — motivation (higher first), then a municipality not yet
    /// represented among those seated, then earlier submission, then lower number. A person
    /// holds at most `maxProgrammesPerPerson` seats. Everyone eligible who chose a programme
    /// and was not seated on it is in its reserve, in the same order.
    public static func run(offers: [SeatOffer], applicants: [Applicant], rules: SelectionRules = SelectionRules())
        -> Selection {
        var result = Selection()
        var free: [Int: Int] = [:]
        for offer in offers { free[offer.programme] = max(0, offer.seats); result.seated[offer.programme] = [] }
        let taking = applicants.filter {
            $0.eligibility == .eligible || ($0.eligibility == .review && rules.includeUnderReview)
        }
        var held: [Int: Int] = [:]
        var represented: Set<String> = []
        let maxRound = taking.map(\.priorities.count).max() ?? 0

        for round in 0..<maxRound {
            var waiting = taking.filter { a in
                round < a.priorities.count && free[a.priorities[round]] != nil
                    && !(result.seated[a.priorities[round]]?.contains(a.number) ?? false)
            }
            while let best = pickBest(waiting, represented: represented) {
                waiting.removeAll { $0.number == best.number }
                let programme = best.priorities[round]
                guard held[best.number, default: 0] < rules.maxProgrammesPerPerson,
                      let left = free[programme], left > 0 else { continue }
                free[programme] = left - 1
                result.seated[programme, default: []].append(best.number)
                held[best.number, default: 0] += 1
                if let m = best.municipality { represented.insert(key(m)) }
            }
        }

        for offer in offers {
            let seated = Set(result.seated[offer.programme] ?? [])
            // Only those who could still take a seat: fewer than K seats already.
            var waiting = taking.filter {
                $0.priorities.contains(offer.programme) && !seated.contains($0.number)
                    && held[$0.number, default: 0] < rules.maxProgrammesPerPerson
            }
            var order: [Int] = []
            while let best = pickBest(waiting, represented: represented) {
                waiting.removeAll { $0.number == best.number }
                order.append(best.number)
            }
            result.reserve[offer.programme] = order
        }

        for applicant in applicants {
            result.reasons[applicant.number] = reason(for: applicant, in: result, offers: offers, rules: rules)
        }
        return result
    }

    static func key(_ municipality: String) -> String { PlaceName.municipalityKey(municipality) }

    /// The best of `candidates` by the ranking (deterministic; nil when empty).
    static func pickBest(_ candidates: [Applicant], represented: Set<String>) -> Applicant? {
        candidates.min { a, b in
            let ma = a.motivation ?? -1, mb = b.motivation ?? -1
            if ma != mb { return ma > mb }
            let na = a.municipality.map { !represented.contains(key($0)) } ?? false
            let nb = b.municipality.map { !represented.contains(key($0)) } ?? false
            if na != nb { return na }
            if a.submittedAt != b.submittedAt { return a.submittedAt < b.submittedAt }
            return a.number < b.number
        }
    }

    /// The sentence(s) a person reads about their result.
    static func reason(for applicant: Applicant, in result: Selection, offers: [SeatOffer], rules: SelectionRules)
        -> String {
        switch applicant.eligibility {
        case .ineligible:
            return "Заявка не участвует в отборе: условие об удалённости от Перми не выполнено."
        case .review where !rules.includeUnderReview:
            return "Заявка ждёт проверки координатора (место или расстояние до Перми), поэтому пока не участвует в отборе."
        default: break
        }
        let score = applicant.motivation.map { "оценка мотивации — \(decimal($0)) из 10" } ?? "оценки мотивации пока нет"
        let known = Set(offers.map(\.programme))
        var parts: [String] = []
        for (index, programme) in applicant.priorities.enumerated() {
            let label = "программа № \(programme) (приоритет \(index + 1))"
            if !known.contains(programme) {
                parts.append("\(label) не входит в число программ-победителей")
            } else if result.seated[programme]?.contains(applicant.number) == true {
                parts.append("\(label): вы выбраны")
            } else if let place = result.reserve[programme]?.firstIndex(of: applicant.number) {
                let seats = offers.first { $0.programme == programme }?.seats ?? 0
                parts.append("\(label): резерв, место \(place + 1) — мест \(seats), их заняли участники "
                    + "с более высокой оценкой мотивации или более ранней заявкой")
            } else {
                let limit = rules.maxProgrammesPerPerson
                parts.append("\(label): не рассматривалась — вы уже выбраны на "
                    + (limit == 1 ? "другую программу" : "\(limit) программы, больше нельзя"))
            }
        }
        if parts.isEmpty { return "В заявке не выбрано ни одной программы; \(score)." }
        return parts.joined(separator: "; ").prefix(1).uppercased() + parts.joined(separator: "; ").dropFirst()
            + "; \(score)."
    }

    static func decimal(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        if tenths == tenths.rounded() { return String(Int(tenths)) }
        return String(format: "%.1f", tenths).replacingOccurrences(of: ".", with: ",")
    }
}
