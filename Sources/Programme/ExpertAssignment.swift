/// One expert asked to score one programme.
public struct AssignmentPair: Sendable, Hashable, Comparable {
    public var number: Int
    public var expert: String

    public init(number: Int, expert: String) {
        self.number = number
        self.expert = expert.lowercased()
    }

    public static func < (a: AssignmentPair, b: AssignmentPair) -> Bool {
        (a.number, a.expert) < (b.number, b.expert)
    }
}

/// What `programmes assign` adds, and the programmes it could not cover (too few experts).
public struct AssignmentPlan: Sendable, Hashable {
    public var added: [AssignmentPair]
    /// Programme number → how many more non-conflicted experts it still needs.
    public var short: [Int: Int]
}

/// The assignment rule: each programme gets `wanted` non-conflicted experts, never one from
/// its own organisation nor one who declared a conflict; load is balanced (fewest programmes
/// first), then experts from another territory are preferred; ties by address, so the
/// result is deterministic. Existing assignments are kept: re-running only tops up.
public enum ExpertAssignment {
    /// True when `expert` may never score `programme` (same organisation).
    public static func conflicted(_ expert: ReviewExpert, _ programme: ReviewProgramme) -> Bool {
        let a = NameKey.of(expert.organisation), b = NameKey.of(programme.organisation)
        return !a.isEmpty && a == b
    }

    /// - Parameters:
    ///   - active: current assignments that still count (not declared conflicts).
    ///   - declined: pairs where the expert declared a conflict: never assigned again.
    ///   - wanted: how many experts each programme needs (default `perProgramme`).
    public static func plan(programmes: [ReviewProgramme], experts: [ReviewExpert],
                            active: Set<AssignmentPair>, declined: Set<AssignmentPair>,
                            perProgramme: Int, wanted: [Int: Int] = [:]) -> AssignmentPlan {
        var load: [String: Int] = [:]
        for expert in experts { load[expert.email] = 0 }
        for pair in active { load[pair.expert, default: 0] += 1 }
        var added: [AssignmentPair] = []
        var short: [Int: Int] = [:]
        for programme in programmes.sorted(by: { $0.number < $1.number }) {
            let need = wanted[programme.number] ?? perProgramme
            var have = Set(active.filter { $0.number == programme.number }.map(\.expert))
            let place = NameKey.of(programme.locality)
            while have.count < need {
                let candidates = experts.filter { expert in
                    !have.contains(expert.email)
                        && !declined.contains(AssignmentPair(number: programme.number, expert: expert.email))
                        && !conflicted(expert, programme)
                }
                let best = candidates.min { a, b in
                    let ka = (load[a.email] ?? 0, NameKey.of(a.territory) == place ? 1 : 0, a.email)
                    let kb = (load[b.email] ?? 0, NameKey.of(b.territory) == place ? 1 : 0, b.email)
                    return ka < kb
                }
                guard let best else {
                    short[programme.number] = need - have.count
                    break
                }
                have.insert(best.email)
                load[best.email, default: 0] += 1
                added.append(AssignmentPair(number: programme.number, expert: best.email))
            }
        }
        return AssignmentPlan(added: added, short: short)
    }
}
