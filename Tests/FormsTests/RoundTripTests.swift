import Foundation
import MailMessage
import Testing
@testable import Forms

/// What a person types into each field of each blank form, and the canonical value wanted.
let fillIns: [FormKind: [String: (typed: String, want: JSON)]] = [
    .program: [
        "organization": ("АНО «Ресурсный центр»", .string("АНО «Ресурсный центр»")),
        "inn": ("5902 123456", .string("5902123456")),
        "locality": ("с. Юсьва", .string("с. Юсьва")),
        "program_title": ("«Школа волонтёра»", .string("Школа волонтёра")),
        "program_description": ("Первый день — теория.", .string("Первый день — теория.")),
        "duration_days": ("2 (два)", .number(2)),
        "dates": ("29-30 сентября 2023", .array([.string("2023-09-29"), .string("2023-09-30")])),
        "seats": ("10 человек", .number(10)),
        "venue_address": ("ул. Ленина, 1", .string("ул. Ленина, 1")),
        "contact_person": ("Петрова Анна", .string("Петрова Анна")),
        "phone": ("8 (34260) 4-12-34", .string("+73426041234")),
        "email": ("Анна <Anna@Mail.RU>", .string("anna@mail.ru")),
        "consent": ("[x]", .bool(true)),
    ],
    .participant: [
        "full_name": ("Иванова Мария Петровна", .string("Иванова Мария Петровна")),
        "organization": ("АНО «Добрые руки»", .string("АНО «Добрые руки»")),
        "position": ("сотрудник (методист)", .string("employee")),
        "municipal_district": ("Юсьвинский", .string("Юсьвинский")),
        "locality": ("с. Юсьва", .string("с. Юсьва")),
        "distance_to_perm_km": ("около 120 км", .number(120)),
        "phone": ("+7 912 345-67-89", .string("+79123456789")),
        "email": ("mailto:maria@mail.ru", .string("maria@mail.ru")),
        "selected_programs": ("№2 «Инклюзивный туризм»", .array([.object(["number": .number(2), "title": .string("Инклюзивный туризм")])])),
        "motivation": ("Хочу научиться.", .string("Хочу научиться.")),
        "consent": ("согласна", .bool(true)),
    ],
    .score: [
        "expert": ("Мельникова Ольга", .string("Мельникова Ольга")),
        "application_number": ("№ 017", .number(17)),
        "relevance": ("8/10", .number(8)),
        "practical_benefit": ("7 баллов", .number(7)),
        "realism": ("9 из 10", .number(9)),
        "program_quality": ("10", .number(10)),
        "comment": ("Хорошо.", .string("Хорошо.")),
        "conflict_of_interest": ("☐ да ☒ нет", .bool(false)),
    ],
    .rsvp: [
        "answer": ("ДА", .bool(true)),
        "comment": ("приеду с коллегой", .string("приеду с коллегой")),
    ],
    .feedback: [
        "application_number": ("заявка № 5", .number(5)),
        "program_rating": ("5", .number(5)),
        "competence_before": ("четыре", .number(4)),
        "competence_after": ("8/10", .number(8)),
        "useful": ("Практика.", .string("Практика.")),
        "will_apply": ("Чек-лист.", .string("Чек-лист.")),
        "suggestions": ("Больше дней.", .string("Больше дней.")),
    ],
    .motivation: [
        "expert": ("Мельникова О. В.", .string("Мельникова О. В.")),
        "application_number": ("№ 014", .number(14)),
        "motivation_score": ("8 из 10", .number(8)),
        "comment": ("Ясная цель поездки.", .string("Ясная цель поездки.")),
    ],
    .idea: [
        "title": ("\"Маршрут без барьеров\"", .string("Маршрут без барьеров")),
        "partners": ("АНО «Берег»", .string("АНО «Берег»")),
        "description": ("Общий маршрут.", .string("Общий маршрут.")),
        "needs": ("Грант.", .string("Грант.")),
        "contact": ("Иванова Мария", .string("Иванова Мария")),
    ],
]

enum FillStyle: String, CaseIterable, Sendable {
    case sameLine, nextLine, numbered, upperCaseLabels, typedIntoQuote, quotedBelowFilled, html, docxXML, signatureBelow
}

/// Fill the blank form the way a person would, in one style.
func fill(_ blank: String, kind: FormKind, style: FillStyle) -> String {
    var out: [String] = []
    var n = 0
    for line in blank.split(separator: "\n", omittingEmptySubsequences: false) {
        let s = String(line)
        let labelText = s.hasSuffix(":") ? String(s.dropLast()) : s.hasSuffix(": [ ]") ? String(s.dropLast(5)) : ""
        guard !labelText.isEmpty,
              let ref = LabelIndex.shared.fields(forLabel: labelText).first(where: { $0.kind == kind }),
              let value = fillIns[kind]?[ref.id] else {
            out.append(s)
            continue
        }
        n += 1
        var label = labelText
        if style == .upperCaseLabels { label = label.uppercased() }
        if style == .numbered { label = "\(n). " + label }
        if style == .nextLine { out.append(label + ":"); out.append(value.typed) } else { out.append(label + ": " + value.typed) }
    }
    let filled = out.joined(separator: "\n")
    switch style {
    case .typedIntoQuote:
        return "Заполнила в письме ниже.\n\nOn Mon, Jul 3, 2023 at 10:15 AM Программа <staj@example.org> wrote:\n"
            + filled.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
    case .quotedBelowFilled:
        return filled + "\n\nпн, 3 июл. 2023 г. в 10:15, Программа <staj@example.org>:\n"
            + blank.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
    case .html:
        let escaped = filled.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        return HTMLText.text(fromHTML: "<html><body>" + escaped.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "<div><br></div>" : "<div>\($0)</div>" }.joined() + "</body></html>")
    case .docxXML:
        let escaped = filled.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let xml = "<w:document><w:body>" + escaped.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "<w:p><w:r><w:t xml:space=\"preserve\">\($0)</w:t></w:r></w:p>" }.joined() + "</w:body></w:document>"
        return DocxText.text(fromDocumentXML: xml)
    case .signatureBelow:
        return filled + "\n\nС уважением,\nАнна\nТелефон: 8 999 000 00 00\nEmail: other@example.net\nОрганизация: Другая"
    default:
        return filled
    }
}

struct RoundTripCase: CustomTestStringConvertible, Sendable {
    var kind: FormKind
    var style: FillStyle
    var testDescription: String { "\(kind.rawValue)/\(style.rawValue)" }
}

@Test(arguments: FormKind.allCases.flatMap { k in FillStyle.allCases.map { RoundTripCase(kind: k, style: $0) } })
func blankFormRoundTrip(_ c: RoundTripCase) throws {
    let blank = try Repo.blankForm(c.kind)
    let text = fill(blank, kind: c.kind, style: c.style)
    let reading = FormReader(wording: try Repo.wording(), catalogue: testCatalogue).read(text: text)
    #expect(reading.kind == c.kind)
    #expect(reading.errors.isEmpty, "\(reading.errorCodes)")
    #expect(reading.formVersion == "\(c.kind.rawValue)-2023.1")
    #expect(reading.fromQuote == (c.style == .typedIntoQuote))
    let got = try JSON.encode(reading)["fields"]
    for spec in c.kind.fields {
        let want = try #require(fillIns[c.kind]?[spec.id], "no fill-in for \(spec.id)").want
        #expect(got?[spec.id] == want, "\(spec.id)")
    }
}

@Test(arguments: FormKind.allCases)
func blankFormsHaveHeadingVersionAndEveryCanonicalLabel(_ kind: FormKind) throws {
    let blank = try Repo.blankForm(kind)
    #expect(blank.hasPrefix(kind.heading + "\n"))
    for spec in kind.fields { #expect(blank.contains("\n" + spec.label + ":"), "\(spec.label)") }
    // A blank form read as it is: its kind, no values, every required field reported.
    let reading = FormReader().read(text: blank)
    #expect(reading.kind == kind)
    #expect(reading.fields.values.allSatisfy { $0 == nil || $0 == .bool(false) })
    #expect(reading.errors.count == kind.fields.filter(\.required).count)
}

/// The pre-filled form of an error reply parses back to the same values (typed into the
/// quote or sent back as it is).
@Test(arguments: CorpusCase.all(ext: "txt"))
func prefilledFormParsesBackToTheSameValues(_ c: CorpusCase) throws {
    let r = try reader(for: c.expected)
    let original = r.read(text: try Repo.text(c.file))
    guard let kind = original.kind, original.location == "body", kind != .rsvp || original.formVersion != nil else { return }
    let prefilled = FormPrefill.fill(blank: try Repo.blankForm(kind), kind: kind, fields: original.fields)
    let again = r.read(text: prefilled)
    #expect(again.kind == kind)
    var want = original.fields
    // A consent left blank stays "[ ]" in the blank form: read back as not given.
    if want["consent"] == .some(nil) { want["consent"] = .bool(false) }
    #expect(try JSON.encode(again.fields) == JSON.encode(want), "\(prefilled)")
}

@Test func prefillWritesValuesUnderTheirLabels() throws {
    let fields: [String: FormValue?] = ["expert": .text("Мельникова О."), "application_number": .integer(17),
                                        "relevance": nil, "comment": .text("Строка 1\nСтрока 2"), "conflict_of_interest": .bool(false)]
    let text = FormPrefill.fill(blank: try Repo.blankForm(.score), kind: .score, fields: fields)
    #expect(text.contains("\nЭксперт: Мельникова О.\n"))
    #expect(text.contains("\nНомер заявки: 17\n"))
    #expect(text.contains("\nАктуальность (0–10):\n"))
    #expect(text.contains("\nКомментарий:\nСтрока 1\nСтрока 2\n"))
    #expect(text.hasSuffix("\nКонфликт интересов (да/нет): нет\n"))
}
