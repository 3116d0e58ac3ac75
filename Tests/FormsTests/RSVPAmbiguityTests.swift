import Foundation
import MailMessage
import Testing
@testable import Forms

@Test(arguments: [
    // text, the answer line when unclear (nil: clear, or no answer at all)
    ("Да, но смогу только до обеда", "Да, но смогу только до обеда"),
    ("да нет, наверное", "да нет, наверное"),
    ("Здравствуйте!\nДа, если отпустят с работы", "Да, если отпустят с работы"),
    ("Не знаю пока", "Не знаю пока"),
    ("Нет, возможно в следующий раз", "Нет, возможно в следующий раз"),
    ("ДА", nil), ("Да, приеду!", nil), ("Да, буду с коллегой.", nil), ("Нет, не смогу.", nil),
    ("НЕТ.\nНо спасибо за приглашение!", nil), ("А где парковка?", nil),
] as [(String, String?)])
func rsvpAmbiguity(text: String, want: String?) {
    #expect(RSVPReader().ambiguity(in: text) == want)
}

@Test func unclearReplyToAnInvitationIsAQuestionNotAGuess() {
    let raw = "From: Мария <maria@mail.ru>\r\nTo: staj@example.org\r\nSubject: Re: Приглашение [INV-Q1W2E3]\r\n"
        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + "Да, но только в первый день\r\n\r\n> Приглашаем вас\r\n"
    let reading = FormReader().read(Message.parse(Array(raw.utf8)))
    #expect(reading.kind == .rsvp)
    #expect(reading.errorCodes == ["ambiguous:answer"])
    #expect(reading.errors.first?.message.contains("«Да, но только в первый день»") == true)
    #expect((reading.fields["answer"] ?? nil) == nil)
}
