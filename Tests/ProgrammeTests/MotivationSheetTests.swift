import Testing
@testable import Programme

@Suite struct MotivationSheetTests {
    @Test(arguments: [
        ("application_number,motivation,comment\n17,8,хорошо\n5,10,\n", [17, 5], [8, 10], 0),
        ("Номер заявки;Мотивация;Комментарий\n№ 17;8/10;\"да, очень\"\n", [17], [8], 0),
        ("\u{FEFF}motivation,application_number\n7,3\n", [3], [7], 0),
        ("application_number,motivation\n17,11\nx,5\n4,\n2,6\n", [2], [6], 3),
        ("application_number,motivation\n\n,\n1,0\n", [1], [0], 0),
    ])
    func parse(text: String, numbers: [Int], scores: [Int], problems: Int) {
        let got = MotivationSheet.parse(text)
        #expect(got.rows.map(\.applicationNumber) == numbers)
        #expect(got.rows.map(\.motivation) == scores)
        #expect(got.problems.count == problems)
    }

    @Test func commentWithSeparatorSurvives() {
        let got = MotivationSheet.parse("Номер заявки;Мотивация;Комментарий;Эксперт\n17;8;\"да; очень\";Иванова\n")
        #expect(got.rows.first?.comment == "да; очень")
        #expect(got.rows.first?.scorer == "Иванова")
    }

    @Test(arguments: ["", "a,b\n1,2\n", "motivation\n5\n"])
    func missingColumnsReportedOnLineOne(text: String) {
        let got = MotivationSheet.parse(text)
        #expect(got.rows.isEmpty)
        #expect(!got.problems.isEmpty && got.problems.allSatisfy { $0.line == 1 })
    }
}

@Suite struct ChoiceTextTests {
    @Test(arguments: [
        ("№ 2 «Инклюзивный туризм»; № 5", [2, 5]),
        ("«Волонтёрский центр»; № 2 «Инклюзивный туризм»", [7, 2]),
        ("«волонтерский центр»", [7]),
        ("№ 2; № 2 «Инклюзивный туризм»", [2]),
        ("«Неизвестная»; № 3", [3]),
        ("", []),
    ])
    func numbers(stored: String, want: [Int]) {
        #expect(ChoiceText.programmes(stored, titles: [2: "Инклюзивный туризм", 7: "Волонтёрский центр"]) == want)
    }
}
