import Testing
@testable import Programme

@Suite struct AssignmentTests {
    static let experts = [
        ReviewExpert(email: "a@x.test", name: "А", organisation: "АНО «Кама»", territory: "Пермь"),
        ReviewExpert(email: "b@x.test", name: "Б", organisation: "Фонд Парма", territory: "Кудымкар"),
        ReviewExpert(email: "c@x.test", name: "В", organisation: "МБУ Дом", territory: "Чусовой"),
        ReviewExpert(email: "d@x.test", name: "Г", organisation: "РОО Свет", territory: "Пермь"),
    ]

    static func programmes(_ count: Int, orgOf: (Int) -> String = { "Орг \($0)" }) -> [ReviewProgramme] {
        (1...count).map { ReviewProgramme(number: $0, title: "П\($0)", organisation: orgOf($0), locality: "Пермь") }
    }

    @Test(arguments: [(12, 2), (12, 3), (5, 2), (3, 4)])
    func everyProgrammeGetsNBalanced(count: Int, n: Int) {
        let plan = ExpertAssignment.plan(programmes: Self.programmes(count), experts: Self.experts,
                                         active: [], declined: [], perProgramme: n)
        #expect(plan.short.isEmpty)
        for number in 1...count {
            #expect(plan.added.filter { $0.number == number }.count == n)
            #expect(Set(plan.added.filter { $0.number == number }.map(\.expert)).count == n)
        }
        let loads = Dictionary(grouping: plan.added, by: \.expert).mapValues(\.count)
        #expect((loads.values.max() ?? 0) - (loads.values.min() ?? 0) <= 1, "\(loads)")
    }

    @Test func neverOwnOrganisationNorDeclined() {
        // Programme 1 is expert a's own organisation, written differently.
        let programmes = Self.programmes(4) { $0 == 1 ? "ано \"КАМА\"" : "Орг \($0)" }
        let declined: Set = [AssignmentPair(number: 2, expert: "b@x.test")]
        let plan = ExpertAssignment.plan(programmes: programmes, experts: Self.experts, active: [],
                                         declined: declined, perProgramme: 3)
        #expect(!plan.added.contains(AssignmentPair(number: 1, expert: "a@x.test")))
        #expect(!plan.added.contains(AssignmentPair(number: 2, expert: "b@x.test")))
        #expect(plan.added.count == 12)
    }

    @Test func rerunOnlyTopsUpAndReportsShortage() {
        let programmes = Self.programmes(2)
        let first = ExpertAssignment.plan(programmes: programmes, experts: Self.experts, active: [], declined: [], perProgramme: 2)
        let again = ExpertAssignment.plan(programmes: programmes, experts: Self.experts, active: Set(first.added),
                                          declined: [], perProgramme: 2)
        #expect(again.added.isEmpty)
        // One more for programme 1 (spread), and a replacement for a declared conflict on 2.
        let gone = first.added.first { $0.number == 2 }!
        let topped = ExpertAssignment.plan(programmes: programmes, experts: Self.experts,
                                           active: Set(first.added).subtracting([gone]), declined: [gone],
                                           perProgramme: 2, wanted: [1: 3])
        #expect(topped.added.count == 2)
        #expect(!topped.added.contains(gone))
        let tooMany = ExpertAssignment.plan(programmes: programmes, experts: Self.experts, active: [], declined: [], perProgramme: 5)
        #expect(tooMany.short == [1: 1, 2: 1])
    }
}

@Suite struct AggregationTests {
    static func sheet(_ e: String, _ n: Int, _ s: [Int], conflict: Bool = false) -> ScoreSheet {
        ScoreSheet(expert: e, number: n, scores: s, comment: nil, conflict: conflict)
    }

    @Test func meansTotalSpreadAndMissing() {
        let assigned: Set = [AssignmentPair(number: 1, expert: "a"), AssignmentPair(number: 1, expert: "b"),
                             AssignmentPair(number: 1, expert: "c"), AssignmentPair(number: 2, expert: "a")]
        let sheets = [Self.sheet("a", 1, [8, 7, 6, 9]), Self.sheet("b", 1, [6, 5, 4, 5]),
                      Self.sheet("z", 1, [0, 0, 0, 0]),  // not assigned: ignored
                      Self.sheet("a", 2, [10, 10, 10, 10])]
        let scores = ScoreAggregation.aggregate(numbers: [1, 2, 3], assigned: assigned, sheets: sheets, spreadThreshold: 10)
        #expect(scores[0].means == [7, 6, 5, 7])
        #expect(scores[0].total == 25)
        #expect(scores[0].spread == 10)
        #expect(scores[0].needsAnotherExpert == false)
        #expect(scores[0].missing == ["c"])
        #expect(scores[1].total == 40)
        #expect(scores[2].total == nil)
        let strict = ScoreAggregation.aggregate(numbers: [1], assigned: assigned, sheets: sheets, spreadThreshold: 9)
        #expect(strict[0].needsAnotherExpert)
        #expect(ScoreAggregation.rank(scores).map(\.number) == [2, 1, 3])
    }

    @Test func conflictSheetNeverCounts() {
        let assigned: Set = [AssignmentPair(number: 1, expert: "a"), AssignmentPair(number: 1, expert: "b")]
        let scores = ScoreAggregation.aggregate(
            numbers: [1], assigned: assigned,
            sheets: [Self.sheet("a", 1, [1, 1, 1, 1], conflict: true), Self.sheet("b", 1, [5, 5, 5, 5])],
            spreadThreshold: 10)
        #expect(scores[0].total == 20)
        #expect(scores[0].missing.isEmpty)
    }

    @Test(arguments: [
        (["application_number": "№ 7", "relevance": "8", "practical_benefit": "7", "realism": "6",
          "program_quality": "5", "conflict_of_interest": "нет"], 26 as Int?, false),
        (["application_number": "7", "relevance": "8", "practical_benefit": "7", "realism": "6",
          "program_quality": "5", "conflict_of_interest": "да"], 26, true),
        (["application_number": "7", "relevance": "11", "practical_benefit": "7", "realism": "6",
          "program_quality": "5"], nil, false),
        (["relevance": "1", "practical_benefit": "7", "realism": "6", "program_quality": "5"], nil, false),
    ])
    func sheetFromFields(fields: [String: String], total: Int?, conflict: Bool) {
        let sheet = ScoreSheet(expert: "A@X.test", fields: fields)
        #expect(sheet?.total == total)
        if let sheet { #expect(sheet.conflict == conflict && sheet.expert == "a@x.test" && sheet.number == 7) }
    }
}

@Suite struct DecisionTests {
    static let ranking = ScoreAggregation.rank([
        ProgrammeScore(number: 1, sheets: [], means: [], total: 30, spread: 0, missing: [], needsAnotherExpert: false),
        ProgrammeScore(number: 2, sheets: [], means: [], total: 35.5, spread: 0, missing: [], needsAnotherExpert: false),
        ProgrammeScore(number: 3, sheets: [], means: [], total: nil, spread: 0, missing: [], needsAnotherExpert: false),
        ProgrammeScore(number: 4, sheets: [], means: [], total: 20, spread: 0, missing: [], needsAnotherExpert: false),
    ])

    @Test(arguments: [
        (DecisionRule.winners(2), [1, 2]), (.winners(9), [1, 2, 4]), (.minScore(30), [1, 2]),
        (.minScore(36), []), (.ids([4, 3, 99]), [3, 4]),
    ])
    func select(rule: DecisionRule, want: [Int]) {
        #expect(rule.select(from: Self.ranking) == want)
    }

    @Test func unknownIDs() {
        #expect(DecisionRule.ids([4, 99]).unknownIDs(in: Self.ranking) == [99])
    }

    @Test func releaseOncePerVerdictAndCorrections() {
        let first = ResultRelease.plan(programmes: [1, 2, 3], winners: [2], released: [:])
        #expect(first.map(\.template) == ["result_not_selected", "result_winner", "result_not_selected"])
        let released = Dictionary(uniqueKeysWithValues: first.map { ($0.number, $0.verdict) })
        #expect(ResultRelease.plan(programmes: [1, 2, 3], winners: [2], released: released).isEmpty)
        let changed = ResultRelease.plan(programmes: [1, 2, 3], winners: [2, 3], released: released)
        #expect(changed == [ResultLetter(number: 3, verdict: .winner, kind: .correction, previous: .notSelected)])
    }
}
