import Testing
@testable import Forms

@Test(arguments: [
    ("8 (34260) 4-12-34", "+73426041234"),
    ("+7 912 345-67-89", "+79123456789"),
    ("89123456789", "+79123456789"),
    ("8-912-345-67-89 (моб.)", "+79123456789"),
    ("912 345 67 89", "+79123456789"),
    ("+7(342)212-34-56 доб. 105", "+73422123456"),
    ("8 342 212 34 56, 8 912 345 67 89", "+73422123456"),
    ("тел. 8 (342) 2-12-34-56 или 89123456789", "+73422123456"),
    ("7 912 3456789", "+79123456789"),
])
func phoneNormalised(got: String, want: String) {
    #expect(PhoneNumber.normalize(got) == want)
}

@Test(arguments: ["4-12-34", "12345", "+375 29 123-45-67", "нет телефона", "8 912 345 67"])
func phoneRejected(got: String) {
    #expect(PhoneNumber.normalize(got) == nil)
}

@Test(arguments: [
    ("Anna.Petrova@Mail.RU", "anna.petrova@mail.ru"),
    ("Анна Петрова <anna@yandex.ru>", "anna@yandex.ru"),
    ("mailto:Info@NKO-perm.ru", "info@nko-perm.ru"),
    ("<mailto:x@y.ru>", "x@y.ru"),
    ("ivan@mail.ru (рабочий)", "ivan@mail.ru"),
    ("ivan@mail.ru.", "ivan@mail.ru"),
    ("почта: centr@пермь.рф", "centr@пермь.рф"),
])
func emailNormalised(got: String, want: String) {
    #expect(EmailAddress.normalize(got) == want)
}

@Test(arguments: ["ivan@mail", "ivan.mail.ru", "@mail.ru", "ivan@mail,ru", ""])
func emailRejected(got: String) {
    #expect(EmailAddress.normalize(got) == nil)
}

@Test(arguments: [
    ("15.09.2023", ["2023-09-15"]),
    ("15 сентября 2023", ["2023-09-15"]),
    ("15 сентября 2023 г.", ["2023-09-15"]),
    ("2023-09-15", ["2023-09-15"]),
    ("29-30 сентября 2023", ["2023-09-29", "2023-09-30"]),
    ("29–30 сентября 2023 года", ["2023-09-29", "2023-09-30"]),
    ("22 и 23 сентября 2023 г.", ["2023-09-22", "2023-09-23"]),
    ("15.09.2023 – 16.09.2023", ["2023-09-15", "2023-09-16"]),
    ("15.09.2023, 16.09.2023", ["2023-09-15", "2023-09-16"]),
    ("29 сентября – 1 октября 2023", ["2023-09-29", "2023-09-30", "2023-10-01"]),
    ("с 30 ноября по 1 декабря 2023 г.", ["2023-11-30", "2023-12-01"]),
    ("15.09.23", ["2023-09-15"]),
    ("15/09/2023", ["2023-09-15"]),
    ("15-16.09.2023", ["2023-09-15", "2023-09-16"]),
    ("12 октября 2023, 10:00–17:00", ["2023-10-12"]),
    ("31 декабря 2023 — 1 января 2024", ["2023-12-31", "2024-01-01"]),
    ("29 февраля 2024", ["2024-02-29"]),
])
func datesNormalised(got: String, want: [String]) {
    #expect(DateList.parse(got) == want)
}

@Test(arguments: ["31 сентября 2023", "29 февраля 2023", "в сентябре", "уточним позже", "15 сентября", "1.01.2023 - 30.06.2023", ""])
func datesRejected(got: String) {
    #expect(DateList.parse(got) == nil)
}

@Test func dateWithoutYearUsesCampaignYear() {
    #expect(DateList.parse("15 и 16 сентября", defaultYear: 2023) == ["2023-09-15", "2023-09-16"])
}

@Test(arguments: [
    ("10 человек", 10), ("2 (два)", 2), ("два", 2), ("десять", 10), ("двадцать пять мест", 25), ("до 12", 12),
    ("15", 15), ("1 день", 1),
])
func integersNormalised(got: String, want: Int) {
    #expect(NumberParsing.integer(got) == want)
}

@Test(arguments: ["85,5", "много", ""])
func integersRejected(got: String) {
    #expect(NumberParsing.integer(got) == nil)
}

@Test(arguments: [("около 120 км", 120.0), ("85,5", 85.5), ("85.5 км", 85.5), ("сто", 100), ("~ 210 км по трассе", 210)])
func decimalsNormalised(got: String, want: Double) {
    #expect(NumberParsing.decimal(got) == want)
}

@Test(arguments: [("8/10", 8), ("7 баллов", 7), ("9 из 10", 9), ("10", 10), ("0", 0), ("восемь", 8), ("6 (шесть)", 6)])
func scoresNormalised(got: String, want: Int) {
    #expect(NumberParsing.score(got, in: 0...10) == want)
}

@Test(arguments: ["11", "7,5", "отлично", "-", "12/10"])
func scoresRejected(got: String) {
    #expect(NumberParsing.score(got, in: 0...10) == nil)
}

@Test(arguments: [("№ 017", 17), ("заявка № 5", 5), ("17", 17), ("№5", 5), ("Заявка 023", 23)])
func applicationNumbers(got: String, want: Int) {
    #expect(NumberParsing.applicationNumber(got) == want)
}

@Test(arguments: [
    ("[x]", true), ("[х]", true), ("[X] согласен", true), ("☒", true), ("да", true), ("Да, согласна", true),
    ("согласна", true), ("Согласен", true), ("даю согласие", true), ("[ ]", false), ("☐", false), ("нет", false),
    ("не согласен", false), ("☐ да ☒ нет", false), ("☒ да ☐ нет", true), ("да [ ] нет [x]", false),
    ("да (являюсь членом правления)", true), ("нет, не имею", false), ("Нет конфликта", false),
])
func booleansNormalised(got: String, want: Bool) {
    #expect(BooleanParsing.parse(got) == want)
}

@Test(arguments: ["возможно", "☐ да ☐ нет", "?"])
func booleansRejected(got: String) {
    #expect(BooleanParsing.parse(got) == nil)
}

@Test(arguments: [
    ("сотрудник", "employee"), ("Сотрудник (методист)", "employee"), ("волонтёр", "volunteer"),
    ("Волонтер", "volunteer"), ("доброволец", "volunteer"), ("руководитель проекта", "employee"),
    ("волонтёр, в штат не входит", "volunteer"),
])
func positionsNormalised(got: String, want: String) {
    #expect(PositionParsing.parse(got) == want)
}

@Test func positionRejected() {
    #expect(PositionParsing.parse("пенсионерка") == nil)
}

@Test(arguments: [
    ("5902123456", "5902123456"), ("5902 123456", "5902123456"), ("5902123456 / 590201001", "5902123456"),
    ("590212345678", "590212345678"),
])
func innNormalised(got: String, want: String) {
    #expect(TextValues.inn(got) == want)
}

@Test(arguments: ["590212345", "5902123456789", "нет"])
func innRejected(got: String) {
    #expect(TextValues.inn(got) == nil)
}

@Test(arguments: [("«Школа волонтёра»", "Школа волонтёра"), ("\"Тропа\"", "Тропа"), ("“Тропа”", "Тропа"),
                  ("Экотропа «Урал»", "Экотропа «Урал»")])
func titlesUnquoted(got: String, want: String) {
    #expect(TextValues.title(got) == want)
}

let catalogue = [2: "Инклюзивный туризм", 5: "Школа волонтёра", 12: "Фандрайзинг для сельских НКО", 7: "Медиацентр НКО"]

@Test(arguments: [
    ("1. №2 «Инклюзивный туризм»\n2. №5 «Школа волонтёра»", [catalogue] as [[Int: String]],
     [ProgramChoice(number: 2, title: "Инклюзивный туризм"), ProgramChoice(number: 5, title: "Школа волонтёра")]),
    ("5, 12", [catalogue], [ProgramChoice(number: 5, title: "Школа волонтёра"),
                            ProgramChoice(number: 12, title: "Фандрайзинг для сельских НКО")]),
    ("Инклюзивный туризм; Школа волонтера", [catalogue],
     [ProgramChoice(number: 2, title: "Инклюзивный туризм"), ProgramChoice(number: 5, title: "Школа волонтёра")]),
    ("1) фандрайзинг для сельских нко\n2) медиацентр", [catalogue],
     [ProgramChoice(number: 12, title: "Фандрайзинг для сельских НКО"), ProgramChoice(number: 7, title: "Медиацентр НКО")]),
    ("Инклюзивный турзм", [catalogue], [ProgramChoice(number: 2, title: "Инклюзивный туризм")]),
    ("1. №2 «Инклюзивный туризм»", [[:]], [ProgramChoice(number: 2, title: "Инклюзивный туризм")]),
    ("5, 12", [[:]], [ProgramChoice(number: 5, title: nil), ProgramChoice(number: 12, title: nil)]),
    ("Школа волонтёра", [[:]], [ProgramChoice(number: nil, title: "Школа волонтёра")]),
])
func programChoices(got: String, catalogueBox: [[Int: String]], want: [ProgramChoice]) {
    let outcome = ProgramChoiceParsing.parse(got, catalogue: catalogueBox[0])
    #expect(outcome.unknown.isEmpty)
    #expect(outcome.choices == want)
}

@Test func programChoiceNotInCatalogueIsReported() {
    let outcome = ProgramChoiceParsing.parse("№2, №99", catalogue: catalogue)
    #expect(outcome.choices == [ProgramChoice(number: 2, title: "Инклюзивный туризм")])
    #expect(outcome.unknown == ["№99"])
}
