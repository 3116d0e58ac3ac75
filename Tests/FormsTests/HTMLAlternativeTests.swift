import Foundation
import MailMessage
import Testing
@testable import Forms

/// Which text a form is read from when a message carries text/plain and HTML (issue 10): the HTML
/// alternative is read only when the plain text holds no form its sender filled in.
struct AlternativeCase: CustomTestStringConvertible, Sendable {
    var name: String
    var raw: String
    /// Expected kind, location, and field values (nil: must be missing).
    var kind: FormKind?
    var location: String?
    var fields: [String: String?]
    var testDescription: String { name }
}

enum AlternativeMail {
    static let fullForm = """
        ЗАЯВКА УЧАСТНИКА
        ФИО: Иванова Мария Петровна
        Организация: АНО «Добрые руки»
        Должность (сотрудник/волонтёр): сотрудник
        Муниципальный округ: Юсьвинский
        Населённый пункт: с. Юсьва
        Телефон: 8 912 345 67 89
        Email: maria.ivanova@mail.ru
        Мотивация: Хочу запустить маршрут.
        """
    /// The plain text a client made of a form with fewer fields filled than its HTML.
    static let shortForm = """
        ЗАЯВКА УЧАСТНИКА
        ФИО: Петрова Анна
        Телефон: 8 912 000 11 22
        Email: anna@mail.ru
        """
    static let blankForm = """
        ЗАЯВКА УЧАСТНИКА
        ФИО:
        Организация:
        Телефон:
        Email:
        """
    static let stub = "Отправлено с iPhone"

    static func html(_ text: String) -> String {
        "<html><body>" + text.split(separator: "\n", omittingEmptySubsequences: false).map { "<div>\($0)</div>" }.joined()
            + "</body></html>"
    }

    static func headers(_ type: String) -> String {
        "From: a@example.test\r\nTo: b@example.test\r\nSubject: Заявка\r\nMIME-Version: 1.0\r\nContent-Type: \(type)\r\n"
    }

    static func leaf(_ subtype: String, _ text: String) -> String {
        "Content-Type: text/\(subtype); charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
    }

    /// multipart/alternative of a text/plain and an HTML part, as Outlook and Gmail send.
    static func alternative(plain: String, html: String) -> String {
        headers("multipart/alternative; boundary=\"alt\"") + "\r\n--alt\r\n" + leaf("plain", plain)
            + "--alt\r\n" + leaf("html", self.html(html)) + "--alt--\r\n"
    }

    static func htmlOnly(_ text: String) -> String {
        headers("text/html; charset=utf-8") + "Content-Transfer-Encoding: 8bit\r\n\r\n" + self.html(text) + "\r\n"
    }

    /// A cover note forwarding a whole message as message/rfc822.
    static func forward(note: String, inner: String) -> String {
        headers("multipart/mixed; boundary=\"mix\"") + "\r\n--mix\r\n" + leaf("plain", note)
            + "--mix\r\nContent-Type: message/rfc822\r\n\r\n" + inner + "\r\n--mix--\r\n"
    }
}

@Suite struct HTMLAlternativeTests {
    static let cases: [AlternativeCase] = [
        AlternativeCase(name: "Outlook/Gmail: the same form in plain and HTML, read once from the plain text",
                        raw: AlternativeMail.alternative(plain: AlternativeMail.fullForm, html: AlternativeMail.fullForm),
                        kind: .participant, location: "body",
                        fields: ["full_name": "Иванова Мария Петровна", "motivation": "Хочу запустить маршрут."]),
        AlternativeCase(name: "a filled plain form wins over a fuller HTML one (the HTML is not read)",
                        raw: AlternativeMail.alternative(plain: AlternativeMail.shortForm, html: AlternativeMail.fullForm),
                        kind: .participant, location: "body",
                        fields: ["full_name": "Петрова Анна", "organization": nil, "motivation": nil]),
        AlternativeCase(name: "Mail.ru/Yandex: HTML only",
                        raw: AlternativeMail.htmlOnly(AlternativeMail.fullForm),
                        kind: .participant, location: "body",
                        fields: ["full_name": "Иванова Мария Петровна", "organization": "АНО «Добрые руки»"]),
        AlternativeCase(name: "phone client: a plain stub, the filled form only in HTML",
                        raw: AlternativeMail.alternative(plain: AlternativeMail.stub, html: AlternativeMail.fullForm),
                        kind: .participant, location: "body",
                        fields: ["full_name": "Иванова Мария Петровна", "phone": "+79123456789"]),
        AlternativeCase(name: "an empty text/plain alternative: the HTML is the body",
                        raw: AlternativeMail.alternative(plain: "  ", html: AlternativeMail.fullForm),
                        kind: .participant, location: "body",
                        fields: ["full_name": "Иванова Мария Петровна"]),
        AlternativeCase(name: "the blank form in plain, the filled one in HTML: the filled one",
                        raw: AlternativeMail.alternative(plain: AlternativeMail.blankForm, html: AlternativeMail.fullForm),
                        kind: .participant, location: "body",
                        fields: ["full_name": "Иванова Мария Петровна", "motivation": "Хочу запустить маршрут."]),
        AlternativeCase(name: "a forwarded phone message: stub in plain, form in HTML",
                        raw: AlternativeMail.forward(note: "Пересылаю заявку коллеги.",
                                                     inner: AlternativeMail.alternative(plain: AlternativeMail.stub,
                                                                                        html: AlternativeMail.fullForm)),
                        kind: .participant, location: "attachment:message/rfc822",
                        fields: ["full_name": "Иванова Мария Петровна"]),
        AlternativeCase(name: "neither part holds a form",
                        raw: AlternativeMail.alternative(plain: "Когда будут итоги?", html: "Когда будут итоги?"),
                        kind: nil, location: nil, fields: [:]),
    ]

    @Test(arguments: cases)
    func readsTheRightAlternative(_ c: AlternativeCase) throws {
        let message = Message.parse(Array(c.raw.utf8))
        let reading = FormReader().read(message)
        #expect(reading.kind == c.kind)
        #expect(reading.location == c.location)
        for (id, want) in c.fields.sorted(by: { $0.key < $1.key }) {
            let got = reading.fields[id].flatMap { $0 }
            if let want {
                #expect(try JSON.encode(got) == .string(want), "field \(id)")
            } else {
                #expect(got == nil, "field \(id) should be missing")
            }
        }
    }

    /// The HTML alternative is rendered only when the plain text has no own filled form; when the
    /// plain one is read, the result is the one of the plain text alone.
    @Test func htmlNotReadWhenPlainIsFilled() throws {
        let message = Message.parse(Array(AlternativeMail.alternative(plain: AlternativeMail.shortForm,
                                                                      html: AlternativeMail.fullForm).utf8))
        let viaMessage = FormReader().read(message)
        let plainOnly = FormReader().read(text: message.textBody)
        #expect(try JSON.encode(viaMessage) == JSON.encode(plainOnly))
        // …while the old rule (both texts as sources, the fuller wins) would take the HTML.
        let both = FormReader().read(sources: [FormReader.Source(text: message.textBody, location: "body"),
                                               FormReader.Source(text: message.htmlAlternativeText ?? "", location: "body")])
        #expect(both.fields["organization"].flatMap { $0 } != nil)
    }
}
