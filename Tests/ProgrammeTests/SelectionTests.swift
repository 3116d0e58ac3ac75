import Foundation
import Testing
@testable import Programme

@Suite struct SelectionTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    /// `number:motivation:municipality:minutesAfterT0:priorities[:outcome]`, e.g. `1:8:A:0:10,20`.
    static func applicant(_ spec: String) -> Applicant {
        let p = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let outcome: Eligibility.Outcome = p.count > 5 ? (Eligibility.Outcome(rawValue: p[5]) ?? .eligible) : .eligible
        return Applicant(number: Int(p[0]) ?? 0, municipality: p[2].isEmpty ? nil : p[2],
                         motivation: Double(p[1]), submittedAt: t0.addingTimeInterval((Double(p[3]) ?? 0) * 60),
                         priorities: p[4].split(separator: ",").compactMap { Int($0) }, eligibility: outcome)
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var offers: [Int: Int]
        var applicants: [String]
        var k = 1
        var seated: [Int: [Int]]
        var reserve: [Int: [Int]]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "motivation ranks", offers: [10: 2],
             applicants: ["1:5:A:0:10", "2:9:B:1:10", "3:7:C:2:10"],
             seated: [10: [2, 3]], reserve: [10: [1]]),
        Case(name: "tie goes to a municipality not yet represented", offers: [10: 2],
             applicants: ["1:9:A:0:10", "2:8:A:1:10", "3:8:B:2:10"],
             seated: [10: [1, 3]], reserve: [10: [2]]),
        Case(name: "then earlier submission", offers: [10: 1],
             applicants: ["1:8:A:5:10", "2:8:B:1:10"],
             seated: [10: [2]], reserve: [10: [1]]),
        Case(name: "equal time: lower number", offers: [10: 1],
             applicants: ["2:8:A:0:10", "1:8:B:0:10"],
             seated: [10: [1]], reserve: [10: [2]]),
        Case(name: "first choices before second ones", offers: [10: 1, 20: 1],
             applicants: ["1:9:A:0:10,20", "2:8:B:0:10,20", "3:3:C:0:20"],
             seated: [10: [1], 20: [3]], reserve: [10: [2], 20: [2]]),
        Case(name: "K=2: the reserve keeps those with one seat", offers: [10: 1, 20: 1],
             applicants: ["1:9:A:0:10,20", "2:8:B:0:20,10"], k: 2,
             seated: [10: [1], 20: [2]], reserve: [10: [2], 20: [1]]),
        Case(name: "second choice when the first is full", offers: [10: 1, 20: 2],
             applicants: ["1:9:A:0:10,20", "2:8:B:0:10,20"],
             seated: [10: [1], 20: [2]], reserve: [10: [], 20: []]),
        Case(name: "K=1: one programme per person", offers: [10: 2, 20: 2],
             applicants: ["1:9:A:0:10,20"],
             seated: [10: [1], 20: []], reserve: [10: [], 20: []]),
        Case(name: "K=2: two programmes", offers: [10: 2, 20: 2],
             applicants: ["1:9:A:0:10,20,30"], k: 2,
             seated: [10: [1], 20: [1]], reserve: [10: [], 20: []]),
        Case(name: "ineligible and under review do not take part", offers: [10: 3],
             applicants: ["1:9:A:0:10:ineligible", "2:9:B:0:10:review", "3:1:C:0:10"],
             seated: [10: [3]], reserve: [10: []]),
        Case(name: "unscored after scored", offers: [10: 1],
             applicants: ["1::A:0:10", "2:0:B:9:10"],
             seated: [10: [2]], reserve: [10: [1]]),
        Case(name: "zero seats", offers: [10: 0],
             applicants: ["1:9:A:0:10"],
             seated: [10: []], reserve: [10: [1]]),
        Case(name: "unknown programme ignored", offers: [10: 1],
             applicants: ["1:9:A:0:99,10"],
             seated: [10: [1]], reserve: [10: []]),
        Case(name: "municipality spelling does not defeat the tie-break", offers: [10: 2],
             applicants: ["1:9:Кудымкарский район:0:10", "2:8:Кудымкарский муниципальный округ:1:10", "3:8:Осинский:2:10"],
             seated: [10: [1, 3]], reserve: [10: [2]]),
    ]

    @Test(arguments: cases)
    func select(c: Case) {
        let got = Selection.run(offers: c.offers.map { SeatOffer(programme: $0.key, seats: $0.value) },
                                applicants: c.applicants.map(Self.applicant),
                                rules: SelectionRules(maxProgrammesPerPerson: c.k))
        #expect(got.seated == c.seated)
        #expect(got.reserve == c.reserve)
        #expect(got.reasons.count == c.applicants.count)
    }

    @Test(arguments: [
        ("1:9:A:0:10,20", "Программа № 10 (приоритет 1): вы выбраны; программа № 20 (приоритет 2): не рассматривалась — вы уже выбраны на другую программу; оценка мотивации — 9 из 10."),
        ("2:7,5:B:0:10", "Программа № 10 (приоритет 1): резерв, место 1 — мест 1, их заняли участники с более высокой оценкой мотивации или более ранней заявкой; оценка мотивации — 7,5 из 10."),
        ("3::C:0:20", "Программа № 20 (приоритет 1): вы выбраны; оценки мотивации пока нет."),
        ("4:9:D:0:10:ineligible", "Заявка не участвует в отборе: условие об удалённости от Перми не выполнено."),
        ("5:9:D:0:10:review", "Заявка ждёт проверки координатора (место или расстояние до Перми), поэтому пока не участвует в отборе."),
        ("6:9:D:0:77", "Программа № 77 (приоритет 1) не входит в число программ-победителей; оценка мотивации — 9 из 10."),
    ])
    func reasons(spec: String, want: String) {
        let applicants = ["1:9:A:0:10,20", "2:7.5:B:0:10", "3::C:0:20", "4:9:D:0:10:ineligible", "5:9:D:0:10:review",
                          "6:9:D:0:77"].map(Self.applicant)
        let got = Selection.run(offers: [SeatOffer(programme: 10, seats: 1), SeatOffer(programme: 20, seats: 1)],
                                applicants: applicants)
        let number = Int(spec.prefix { $0 != ":" }) ?? 0
        #expect(got.reasons[number] == want)
    }

    @Test func reserveIsNeverSeated() {
        // Property over a pseudo-random table: nobody in a reserve is seated there, no programme
        // is over capacity, nobody exceeds K, and every seat is filled when the reserve is not empty.
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) % n }
        for k in 1...3 {
            let offers = (1...6).map { SeatOffer(programme: $0, seats: next(4)) }
            let applicants = (1...40).map { n in
                Applicant(number: n, municipality: "M\(next(8))", motivation: Double(next(11)),
                          submittedAt: Self.t0.addingTimeInterval(Double(next(1000))),
                          priorities: Array(Set((0..<(1 + next(3))).map { _ in 1 + next(6) })).sorted(),
                          eligibility: next(10) == 0 ? .ineligible : .eligible)
            }
            let got = Selection.run(offers: offers, applicants: applicants, rules: SelectionRules(maxProgrammesPerPerson: k))
            for offer in offers {
                let seated = got.seated[offer.programme] ?? []
                #expect(seated.count <= offer.seats)
                #expect(Set(seated).isDisjoint(with: got.reserve[offer.programme] ?? []))
                let reserveCanTake = (got.reserve[offer.programme] ?? []).contains { got.programmes(of: $0).count < k }
                if reserveCanTake { #expect(seated.count == offer.seats) }
            }
            for a in applicants {
                #expect(got.programmes(of: a.number).count <= k)
                if a.eligibility == .ineligible { #expect(got.programmes(of: a.number).isEmpty) }
            }
        }
    }
}
