import Foundation
import MailMessage
import Testing
@testable import Forms

@Test func wordingFileParsesAndCoversEveryCodeClass() throws {
    let w = try Repo.wording()
    for key in ["missing", "invalid", "consent_not_given", "too_many:selected_programs", "mismatch:duration_dates", "no_form"] {
        #expect(w.templates[key] != nil, "\(key)")
    }
    // Every field-specific key names a real field.
    let ids = Set(FormKind.allCases.flatMap { $0.fields.map(\.id) })
    for key in w.templates.keys where key.hasPrefix("invalid:") || key.hasPrefix("missing:") {
        #expect(ids.contains(String(key.drop { $0 != ":" }.dropFirst())), "\(key)")
    }
}

@Test func wordingParserReadsEscapesAndReportsBadLines() {
    let (w, problems) = FormErrorWording.parse("""
    # comment
    [section]
    "invalid:phone" = "Телефон «{value}» — \\"странный\\".\\nИсправьте."
    missing = "Нет поля {label}"
    broken line
    "no_form" = "unterminated
    """)
    #expect(w.templates["invalid:phone"] == "Телефон «{value}» — \"странный\".\nИсправьте.")
    #expect(w.templates["missing"] == "Нет поля {label}")
    #expect(problems.count == 2)
}

@Test(arguments: [
    ("invalid:phone", "8912", "Не удалось распознать телефон «8912». Укажите номер с кодом города или оператора, например +7 912 345-67-89 или 8 (34260) 4-12-34."),
    ("missing:seats", nil, "Не заполнено поле «Количество мест». Впишите значение после двоеточия в строке «Количество мест:»."),
    ("invalid:venue_address", "?", "Не удалось понять поле «Адрес площадки»: «?». Впишите значение текстом."),
] as [(String, String?, String)])
func wordingFromFileFillsPlaceholders(code: String, value: String?, want: String) throws {
    let id = String(code.drop { $0 != ":" }.dropFirst())
    #expect(try Repo.wording().message(code: code, field: FormKind.program.field(id), value: value) == want)
}

@Test func builtInWordingIsUsedWithoutFile() {
    let m = FormErrorWording().message(code: "invalid:email", field: FormKind.program.field("email"), value: "a@b")
    #expect(m == "Не удалось понять поле «Email»: «a@b». Укажите адрес электронной почты полностью, например name@mail.ru.")
}

@Test func mismatchMessageNamesBothNumbers() throws {
    let reading = FormReader(wording: try Repo.wording()).read(text: """
    ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ
    Продолжительность (дней: 1 или 2): 1
    Даты проведения: 5-6 октября 2023
    """)
    let e = try #require(reading.errors.first { $0.code == "mismatch:duration_dates" })
    #expect(e.message.contains("(1 дн.)") && e.message.contains("(2)"))
}

@Test func formReadingJSONShape() throws {
    let reading = FormReader().read(text: "ЗАЯВКА УЧАСТНИКА\nФИО: Иванова\nРасстояние до Перми (км): 85,5")
    let json = try JSON.encode(reading)
    guard case .object(let top) = json, case .object(let fields)? = json["fields"], case .array(let errors)? = json["errors"] else {
        Issue.record("shape")
        return
    }
    #expect(Set(top.keys) == ["kind", "location", "fields", "errors"])
    #expect(Set(fields.keys) == Set(FormKind.participant.fields.map(\.id)))
    #expect(fields["phone"] == .null)
    #expect(fields["distance_to_perm_km"] == .number(85.5))
    for case .object(let e) in errors { #expect(Set(e.keys) == ["code", "message"]) }
    let none = try JSON.encode(FormReader().read(text: "Привет"))
    #expect(none == .object(["kind": .null, "location": .null, "fields": .object([:]),
                             "errors": .array([.object(["code": .string("no_form"), "message": .string(FormErrorWording.builtIn["no_form"] ?? "")])])]))
}

@Test func rsvpMessageCarriesInvitationReferences() throws {
    let data = try Data(contentsOf: Repo.corpus.appendingPathComponent("eml-07-rsvp-references.eml"))
    let reading = FormReader().read(Message.parse(Array(data)))
    #expect(reading.kind == .rsvp)
    #expect(reading.invitationReferences == ["INV-7KQ2M", "inv-7kq2m.1@example.org", "help.1@example.org"])
}

@Test(arguments: [
    ("Re: Приглашение [INV-ABC123]", ["INV-ABC123"]), ("re: [inv-x1] и [INV-Y2]", ["INV-X1", "INV-Y2"]), ("Заявка", []),
])
func subjectTokens(subject: String, want: [String]) {
    #expect(RSVPReader().tokens(inSubject: subject) == want)
}

@Test(arguments: [
    ("ДА", true, nil), ("Да!", true, nil), ("да, приеду", true, "приеду"), ("Yes", true, nil),
    ("нет, не смогу", false, "не смогу"), ("НЕТ.\nЗаболела.", false, "Заболела."),
    ("Здравствуйте!\nДа, буду.", true, "буду."), ("Подтверждаю участие", true, "Подтверждаю участие"),
] as [(String, Bool, String?)])
func rsvpAnswers(text: String, answer: Bool, comment: String?) throws {
    let got = try #require(RSVPReader().answer(in: text))
    #expect(got.answer == answer)
    #expect(got.comment == comment)
}

@Test(arguments: ["А где парковка?", "Добрый день!", ""])
func rsvpNoAnswer(text: String) {
    #expect(RSVPReader().answer(in: text) == nil)
}

private let anna = Address(name: "Анна", address: "Anna@Mail.RU")
private let office = Address(address: "office@nko.ru")

@Test(arguments: [
    (MessageClass.human, "valid", [anna], [], ReplyPlan(shouldReply: true, to: "anna@mail.ru", template: "ack_participant")),
    (.human, "valid", [anna], [office], ReplyPlan(shouldReply: true, to: "office@nko.ru", template: "ack_participant")),
    (.human, "errors", [anna], [], ReplyPlan(shouldReply: true, to: "anna@mail.ru", template: "errors")),
    (.human, "none", [anna], [], ReplyPlan(shouldReply: true, to: "anna@mail.ru", template: "help")),
    (.human, "none", [], [], ReplyPlan(shouldReply: false, to: nil, template: nil)),
    (.autoReply, "valid", [anna], [], ReplyPlan(shouldReply: false, to: nil, template: nil)),
    (.bounce, "none", [anna], [], ReplyPlan(shouldReply: false, to: nil, template: nil)),
    (.spam, "valid", [anna], [], ReplyPlan(shouldReply: false, to: nil, template: nil)),
    (.bulk, "none", [anna], [], ReplyPlan(shouldReply: false, to: nil, template: nil)),
    (.own, "valid", [anna], [], ReplyPlan(shouldReply: false, to: nil, template: nil)),
] as [(MessageClass, String, [Address], [Address], ReplyPlan)])
func replyDecision(messageClass: MessageClass, form: String, from: [Address], replyTo: [Address], want: ReplyPlan) {
    let text = switch form {
    case "valid": try! String(contentsOf: Repo.corpus.appendingPathComponent("participant-01-clean.txt"), encoding: .utf8)
    case "errors": "ЗАЯВКА УЧАСТНИКА\nФИО: Иванова"
    default: "Здравствуйте!"
    }
    let reading = FormReader(catalogue: testCatalogue).read(text: text)
    #expect(ReplyPlan.decide(messageClass: messageClass, reading: reading, from: from, replyTo: replyTo) == want)
}

@Test func replyPlanJSONKeys() throws {
    let json = try JSON.encode(ReplyPlan(shouldReply: false, to: nil, template: nil))
    #expect(json == .object(["should_reply": .bool(false), "to": .null, "template": .null]))
}

@Test(arguments: FormKind.allCases)
func ackTemplatePerKind(_ kind: FormKind) {
    let reading = FormReading(kind: kind, location: "body", fields: [:], errors: [])
    #expect(ReplyPlan.decide(messageClass: .human, reading: reading, from: [anna], replyTo: []).template == "ack_\(kind.rawValue)")
}

private func rawMessage(subject: String, inReplyTo: String? = nil, body: String) -> Message {
    var raw = "From: Мария <maria@mail.ru>\r\nTo: staj@example.org\r\nSubject: \(subject)\r\n"
    if let id = inReplyTo { raw += "In-Reply-To: <\(id)>\r\nReferences: <\(id)>\r\n" }
    raw += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body
    return Message.parse(Array(raw.utf8))
}

@Test func rsvpContextComesFromTokensOrKnownInvitationIDs() {
    let answer = "Да, приеду\n\n> Приглашаем вас"
    // A reply to our call for applications ("Приглашение к участию") is not an rsvp.
    #expect(FormReader().read(rawMessage(subject: "Re: Приглашение к участию в стажировках", inReplyTo: "call@example.org", body: answer)).kind == nil)
    #expect(FormReader().read(rawMessage(subject: "Re: Стажировка", inReplyTo: "inv-1@example.org", body: answer),
                              invitationIDs: ["inv-1@example.org"]).kind == .rsvp)
    #expect(FormReader().read(rawMessage(subject: "Re: Стажировка", body: answer + "\n> Ваш код: [INV-Q1W2E3]")).kind == .rsvp)
    let withToken = FormReader().read(rawMessage(subject: "Re: [INV-Q1W2E3] Стажировка", body: answer))
    #expect(withToken.kind == .rsvp)
    #expect(withToken.invitationReferences == ["INV-Q1W2E3"])
}
