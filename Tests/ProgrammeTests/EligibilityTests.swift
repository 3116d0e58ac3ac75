import Foundation
import Testing
@testable import Programme

@Suite struct PlaceTableTests {
    @Test func tablesLoadCompletely() {
        #expect(ReferenceData.tables.municipalities.count == 43)
        #expect(ReferenceData.tables.settlements.count == 88)
    }

    @Test(arguments: [
        ("a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]]),
        ("a,\"b,c\",d\r\n", [["a", "b,c", "d"]]),
        ("\"say \"\"hi\"\"\",x", [["say \"hi\"", "x"]]),
        ("\"two\nlines\",y\n\n", [["two\nlines", "y"]]),
        ("a,,\n", [["a", "", ""]]),
    ])
    func csv(text: String, want: [[String]]) {
        #expect(CSVText.rows(text) == want)
    }

    @Test(arguments: [
        ("г. Кудымкар", "Кудымкар"),
        ("КУДЫМКАР", "Кудымкар"),
        ("с.Барда", "Барда"),
        ("пос. Кукуштан", "Кукуштан"),
        ("пгт Полазна", "Полазна"),
        ("Кочево", "Кочёво"),
        ("усть качка", "Усть-Качка"),
        ("Юго Камский", "Юго-Камский"),
        ("город Чайковский", "Чайковский"),
    ])
    func settlementNames(written: String, want: String) {
        #expect(ReferenceData.tables.settlements(named: written).map(\.name) == [want])
    }

    @Test(arguments: [
        ("Кудымкарский", "Кудымкарский муниципальный округ"),
        ("Кудымкарский район", "Кудымкарский муниципальный округ"),
        ("кудымкарский МО", "Кудымкарский муниципальный округ"),
        ("Пермский район", "Пермский муниципальный округ"),
        ("Пермский муниципальный округ", "Пермский муниципальный округ"),
        ("город Пермь", "Пермский городской округ"),
        ("Березниковский городской округ", "Городской округ «Город Березники»"),
        ("ЗАТО Звездный", "ЗАТО Звёздный"),
        ("Добрянский", "Добрянский городской округ"),
    ])
    func municipalityNames(written: String, want: String) {
        #expect(ReferenceData.tables.municipality(named: written)?.name == want)
    }

    @Test(arguments: ["Неверный округ", "", "Пермский"])
    func unmatchedOrAmbiguousMunicipality(written: String) {
        // `Пермский` alone names both the city okrug and the municipal okrug.
        #expect(ReferenceData.tables.municipality(named: written) == nil)
    }

    @Test(arguments: [
        ("Пермский муниципальный округ", true), ("Добрянский городской округ", true),
        ("Нытвенский городской округ", true), ("Кудымкарский муниципальный округ", false),
        ("Краснокамский городской округ", false), ("Пермский городской округ", false),
    ])
    func straddling(name: String, want: Bool) throws {
        let m = try #require(ReferenceData.tables.municipalities.first { $0.name == name })
        #expect(ReferenceData.tables.straddles(m, thresholdKm: 50) == want)
    }
}

@Suite struct EligibilityTests {
    struct Case: Sendable, CustomStringConvertible {
        var locality: String?
        var district: String?
        var declared: Double?
        var position: String? = "employee"
        var consent = true
        var outcome: Eligibility.Outcome
        var flags: [Eligibility.Flag] = []
        var km: Double?
        var sentence: String
        var description: String { "\(locality ?? "-") / \(district ?? "-")" }
    }

    static let cases: [Case] = [
        Case(locality: "Кудымкар", district: "Кудымкарский", declared: 150, outcome: .eligible, km: 145.2,
             sentence: "Кудымкар — 145 км от Перми по прямой, условие 50 км выполнено"),
        Case(locality: "г. Кудымкар", district: nil, declared: nil, outcome: .eligible, km: 145.2,
             sentence: "Кудымкар — 145 км от Перми по прямой, условие 50 км выполнено"),
        // Straddling municipalities decided per settlement.
        Case(locality: "Добрянка", district: "Добрянский", declared: 60, outcome: .eligible, km: 51.4,
             sentence: "Добрянка — 51 км от Перми по прямой, условие 50 км выполнено"),
        Case(locality: "пгт Полазна", district: "Добрянский район", declared: 40, outcome: .ineligible, km: 32.8,
             sentence: "Полазна — 33 км от Перми по прямой, условие 50 км не выполнено"),
        Case(locality: "Юго-Камский", district: "Пермский район", declared: 50, outcome: .eligible, km: 51.9,
             sentence: "Юго-Камский — 52 км от Перми по прямой, условие 50 км выполнено"),
        Case(locality: "Кондратово", district: "Пермский муниципальный округ", declared: 10, outcome: .ineligible, km: 9.1,
             sentence: "Кондратово — 9 км от Перми по прямой, условие 50 км не выполнено"),
        Case(locality: "Новоильинский", district: "Нытвенский", declared: 47, outcome: .ineligible, km: 47.2,
             sentence: "Новоильинский — 47 км от Перми по прямой, условие 50 км не выполнено"),
        Case(locality: "Нытва", district: "Нытвенский", declared: 54, outcome: .eligible, km: 54.2,
             sentence: "Нытва — 54 км от Перми по прямой, условие 50 км выполнено"),
        // A village not in the table, in a municipality wholly on one side: the centre decides.
        Case(locality: "Пешнигорт", district: "Кудымкарский муниципальный округ", declared: 130, outcome: .eligible, km: 145.2,
             sentence: "Пешнигорт (Кудымкарский муниципальный округ, центр — Кудымкар, 145 км от Перми по прямой): условие 50 км выполнено"),
        // ... but in a straddling one, a coordinator.
        Case(locality: "Ванюки", district: "Пермский район", declared: 60, outcome: .review, flags: [.settlementNeeded],
             sentence: "не удалось найти населённый пункт «Ванюки» в справочнике, а Пермский муниципальный округ лежит по обе стороны от границы 50 км, заявку проверит координатор"),
        Case(locality: "Нигдеевка", district: "Нигдейский", declared: 100, outcome: .review, flags: [.unknownPlace],
             sentence: "не удалось найти населённый пункт «Нигдеевка, Нигдейский» в справочнике, заявку проверит координатор"),
        // Declared distance far from the computed one.
        Case(locality: "Кудымкар", district: "Кудымкарский", declared: 60, outcome: .review, flags: [.declaredDistanceFar], km: 145.2,
             sentence: "Кудымкар — 145 км от Перми по прямой, условие 50 км выполнено; в заявке указано 60 км — расстояние проверит координатор"),
        // The settlement is elsewhere than the municipality written.
        Case(locality: "Кудымкар", district: "Чайковский", declared: 145, outcome: .review, flags: [.municipalityMismatch], km: 145.2,
             sentence: "Кудымкар — 145 км от Перми по прямой, условие 50 км выполнено"),
        // In the table without coordinates, municipality on one side: its centre decides.
        Case(locality: "Всеволодо-Вильва", district: nil, declared: 150, outcome: .eligible, km: 148.8,
             sentence: "Всеволодо-Вильва (Александровский муниципальный округ, центр — Александровск, 149 км от Перми по прямой): условие 50 км выполнено"),
        Case(locality: "Кудымкар", district: nil, declared: nil, position: nil, outcome: .review, flags: [.positionUnknown], km: 145.2,
             sentence: "Кудымкар — 145 км от Перми по прямой, условие 50 км выполнено"),
        Case(locality: "Кудымкар", district: nil, declared: nil, consent: false, outcome: .review, flags: [.consentMissing], km: 145.2,
             sentence: "Кудымкар — 145 км от Перми по прямой, условие 50 км выполнено"),
        Case(locality: "Пермь", district: "г. Пермь", declared: 0, outcome: .ineligible, km: 0,
             sentence: "Пермь — 0 км от Перми по прямой, условие 50 км не выполнено"),
    ]

    @Test(arguments: cases)
    func assess(c: Case) {
        let got = Eligibility.assess(
            ParticipantApplication(locality: c.locality, municipalDistrict: c.district, declaredDistanceKm: c.declared,
                                   position: c.position, consent: c.consent),
            tables: ReferenceData.tables)
        #expect(got.outcome == c.outcome)
        #expect(got.flags == c.flags)
        #expect(got.distanceKm == c.km)
        #expect(got.sentence == c.sentence)
    }

    @Test(arguments: [(49.6, "49,6"), (50.4, "50"), (145.2, "145"), (49.96, "50,0"), (0, "0")])
    func kilometres(value: Double, want: String) {
        #expect(Eligibility.km(value, threshold: 50) == want)
    }

    @Test func thresholdIsASetting() {
        let app = ParticipantApplication(locality: "Нытва", municipalDistrict: nil, declaredDistanceKm: 54,
                                         position: "volunteer", consent: true)
        let got = Eligibility.assess(app, tables: ReferenceData.tables, rules: EligibilityRules(minimumDistanceKm: 60))
        #expect(got.outcome == .ineligible)
        #expect(got.sentence == "Нытва — 54 км от Перми по прямой, условие 60 км не выполнено")
    }

    @Test func fromStoredFields() {
        let app = ParticipantApplication(fields: [
            "locality": "Оса", "municipal_district": "Осинский", "distance_to_perm_km": "93,5",
            "position": "volunteer", "consent": "да",
        ])
        #expect(app.declaredDistanceKm == 93.5)
        #expect(app.consent)
        #expect(Eligibility.assess(app, tables: ReferenceData.tables).outcome == .eligible)
    }
}
