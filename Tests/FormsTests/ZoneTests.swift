import Testing
@testable import Forms

private func zones(_ text: String) -> [String] {
    TextZones.split(text).map { "\($0.zone.rawValue):\($0.text)" }
}

@Test func gmailAttributionAndQuote() {
    let z = zones("Ответ\n\nOn Mon, Jul 3, 2023 at 10:15 AM Programme <p@example.org> wrote:\n> ФИО:\n>> Телефон:\nниже")
    #expect(z == ["body:Ответ", "body:", "quoteHeader:On Mon, Jul 3, 2023 at 10:15 AM Programme <p@example.org> wrote:",
                  "quoted:ФИО:", "quoted:Телефон:", "body:ниже"])
}

@Test func yandexAndMailRuAttributions() {
    for line in ["пн, 3 июл. 2023 г. в 10:15, Программа стажировок <staj@example.org>:",
                 "03.07.2023, 10:15, \"Программа стажировок\" <staj@example.org>:",
                 "Понедельник, 3 июля 2023, 10:15 +05:00 от Программа <staj@example.org>:",
                 "Иван Петров написал(а):"] {
        let z = TextZones.split("Текст\n" + line + "\n> ФИО:")
        #expect(z.map(\.zone) == [.body, .quoteHeader, .quoted], "\(line)")
    }
}

@Test func outlookOriginalMessageQuotesEverythingBelow() {
    let text = "Исправила.\n\n-----Original Message-----\nFrom: Программа <p@example.org>\nSent: Monday, July 3, 2023 10:15 AM\nTo: anna@mail.ru\nSubject: Заявка\n\nФИО:\nТелефон: 8 342 000 00 00"
    let z = TextZones.split(text).map(\.zone)
    #expect(z == [.body, .body, .quoteHeader, .quoteHeader, .quoteHeader, .quoteHeader, .quoteHeader, .quoted, .quoted, .quoted])
}

@Test func mailRuForwardHeaders() {
    let text = "Пересылаю.\n-------- Пересылаемое сообщение --------\nОт кого: Анна <anna@mail.ru>\nКому: Программа <p@example.org>\nДата: Понедельник, 3 июля 2023, 10:15 +05:00\nТема: заявка\n\nФИО: Анна"
    let z = TextZones.split(text).map(\.zone)
    #expect(z == [.body, .quoteHeader, .quoteHeader, .quoteHeader, .quoteHeader, .quoteHeader, .quoted, .quoted])
}

@Test func signatures() {
    for sig in ["-- ", "--", "С уважением, Анна Петрова", "С уважением,", "Отправлено с iPhone", "Best regards,"] {
        let z = TextZones.split("ФИО: Анна\n" + sig + "\nТел.: 8 912 000 00 00").map(\.zone)
        #expect(z == [.body, .signature, .signature], "\(sig)")
    }
}

@Test func headingAfterSignatureIsBodyAgain() {
    let z = TextZones.split("С уважением, Анна\n\nЗАЯВКА УЧАСТНИКА\nФИО: Анна").map(\.zone)
    #expect(z == [.signature, .signature, .body, .body])
}
