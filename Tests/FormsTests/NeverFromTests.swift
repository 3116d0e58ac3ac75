import Testing
@testable import Forms

/// The sender's own form lacks phone, email and motivation; each place below offers one and
/// must be ignored: a signature, a quoted pre-filled form, forwarded header lines.
@Test(arguments: [
    "С уважением, Анна\nТелефон: 8 912 000 00 00\nEmail: sig@example.net\nМотивация: подпись",
    "-- \nТелефон: 8 912 000 00 00\nEmail: sig@example.net",
    "Отправлено с iPhone\nТелефон: 8 912 000 00 00",
    "пн, 3 июл. 2023 г. в 10:15, Программа <staj@example.org>:\n> ЗАЯВКА УЧАСТНИКА\n> Телефон: 8 912 000 00 00\n> Email: quoted@example.net\n> Мотивация: из цитаты",
    "On Mon, Jul 3, 2023 at 10:15 AM Programme <p@example.org> wrote:\nТелефон: 8 912 000 00 00\nEmail: quoted@example.net",
    "-----Original Message-----\nFrom: Email: x@example.net\nSent: Телефон: 8 912 000 00 00\nTo: a@b.ru\n\nТелефон: 8 912 000 00 00",
    "-------- Пересылаемое сообщение --------\nОт кого: Телефон 8 912 000 00 00 <x@example.net>\nТема: Email: x@example.net\n\nМотивация: пересланная",
    "> Телефон: 8 912 000 00 00\n> Email: quoted@example.net",
])
func valuesNeverComeFromSignaturesQuotesOrForwardHeaders(tail: String) {
    let own = """
    ЗАЯВКА УЧАСТНИКА
    ФИО: Иванова Мария
    Организация: АНО «Добрые руки»
    Должность (сотрудник/волонтёр): сотрудник
    Муниципальный округ: Юсьвинский
    Населённый пункт: с. Юсьва
    Расстояние до Перми (км): 180
    Выбранные программы (не более 3, в порядке приоритета): 2
    Согласие на обработку персональных данных: [x]

    """
    let reading = FormReader().read(text: own + tail)
    #expect(reading.kind == .participant)
    #expect(reading.value("phone") == nil)
    #expect(reading.value("email") == nil)
    #expect(reading.value("motivation") == nil)
    #expect(reading.errorCodes == ["missing:phone", "missing:email"])
    #expect(!reading.fromQuote)
}

/// A quoted invitation (dates, address, contact) is not a programme application.
@Test func quotedInvitationIsNotAForm() {
    let text = """
    Спасибо, буду!

    пт, 8 сент. 2023 г. в 12:00, Программа стажировок <staj@example.org>:
    > Даты проведения: 29-30 сентября 2023
    > Адрес площадки: г. Кудымкар, ул. Ленина, 12
    > Контактное лицо: Петрова Анна, тел. 8 (34260) 4-12-34
    """
    #expect(FormReader().read(text: text).errorCodes == ["no_form"])
}

/// Contact lines without a heading (a cover note, a signature without "С уважением") are no form.
@Test func contactLinesAloneAreNoForm() {
    let text = "Добрый день! Хотим участвовать.\n\nОрганизация: АНО «Вектор»\nКонтактное лицо: Анна\nТелефон: 8 912 000 00 00\nEmail: a@b.ru"
    #expect(FormReader().read(text: text).errorCodes == ["no_form"])
    // With the heading it is a (very incomplete) programme application.
    #expect(FormReader().read(text: "ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ\n" + text).kind == .program)
}
