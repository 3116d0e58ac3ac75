import Foundation
@testable import Rendering

/// Paths relative to this file, so Package.swift needs no resources for the goldens.
enum Paths {
    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let golden = testsDir.appendingPathComponent("Golden", isDirectory: true)
    static let templates = testsDir.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("mail-templates", isDirectory: true)
}

enum Fixtures {
    /// The repository's templates, read the way the executable reads them: every
    /// `*.mustache` file at the top of the folder, keyed by its name without the extension.
    static func repositorySources() throws -> [String: String] {
        var sources: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: Paths.templates.path)
        where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: Paths.templates.appendingPathComponent(name), encoding: .utf8)
            sources[String(name.dropLast(".mustache".count))] = text
        }
        return sources
    }

    static func repositorySet() throws -> TemplateSet {
        try TemplateSet(sources: repositorySources())
    }

    static let common: [String: TemplateValue] = [
        "campaign": "Стажировки НКО Прикамья — 2027",
        "name": "Мария Ивановна",
    ]

    static let programFields: TemplateValue = [
        ["label": "Организация", "value": "АНО «Ресурсный центр „Кама“»"],
        ["label": "ИНН", "value": "5902123456"],
        ["label": "Населённый пункт", "value": "Пермь"],
        ["label": "Название программы", "value": "Инклюзивный туризм"],
        ["label": "Описание программы", "value": "День 1: знакомство с командой.\nДень 2: выезд на маршрут."],
        ["label": "Продолжительность (дней: 1 или 2)", "value": "2"],
        ["label": "Даты проведения", "value": "29.09.2027, 30.09.2027"],
        ["label": "Количество мест", "value": "10"],
        ["label": "Адрес площадки", "value": "г. Пермь, ул. Ленина, 1"],
        ["label": "Контактное лицо", "value": "Мария Ивановна Соколова"],
        ["label": "Телефон", "value": "+79021234567"],
        ["label": "Email", "value": "host@example.test"],
        ["label": "Согласие на обработку персональных данных", "value": "да"],
    ]

    static let participantFields: TemplateValue = [
        ["label": "ФИО", "value": "Пётр Сергеевич Лунёв"],
        ["label": "Организация", "value": "Клуб «Пармa» <молодёжный>"],
        ["label": "Должность (сотрудник/волонтёр)", "value": "волонтёр"],
        ["label": "Муниципальный округ", "value": "Кудымкарский"],
        ["label": "Населённый пункт", "value": "Кудымкар"],
        ["label": "Расстояние до Перми (км)", "value": "145"],
        ["label": "Телефон", "value": "+73426041234"],
        ["label": "Email", "value": "petr@example.test"],
        ["label": "Выбранные программы", "value": "1. № 2 «Инклюзивный туризм»\n2. № 5 «Волонтёрский центр»"],
        ["label": "Мотивация", "value": .none],
        ["label": "Согласие на обработку персональных данных", "value": "да"],
    ]

    static let forms: TemplateValue = [
        ["title": "ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ", "text": "Организация:\nИНН:\nНазвание программы:"],
        ["title": "ЗАЯВКА УЧАСТНИКА", "text": "ФИО:\nОрганизация:\nМотивация:"],
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        let golden: String
        let template: String
        let context: [String: TemplateValue]
        var testDescription: String { golden }
    }

    static func with(_ extra: [String: TemplateValue]) -> [String: TemplateValue] {
        common.merging(extra) { _, new in new }
    }

    /// One fixed context per template, plus the variants that change the wording.
    static let cases: [Case] = [
        Case(golden: "ack_program", template: "ack_program", context: with(["number": 5, "fields": programFields, "replaces": .none])),
        Case(golden: "ack_program_replaces", template: "ack_program", context: with([
            "name": .none, "number": 5, "fields": programFields, "replaces": ["number": 5, "date": "3 июля 2027 г."],
        ])),
        Case(golden: "ack_participant", template: "ack_participant", context: with([
            "number": 17, "fields": participantFields, "replaces": .none,
            "eligibility": "Кудымкар — 145 км от Перми по прямой, условие 50 км выполнено",
        ])),
        Case(golden: "ack_participant_no_eligibility", template: "ack_participant", context: with([
            "number": 18, "fields": participantFields, "replaces": ["number": 12, "date": "26 августа 2027 г."], "eligibility": .none,
        ])),
        Case(golden: "ack_score", template: "ack_score", context: with([
            "number": 5, "replaces": .none,
            "fields": [["label": "Номер заявки", "value": "5"], ["label": "Актуальность (0–10)", "value": "8"],
                       ["label": "Комментарий", "value": .none], ["label": "Конфликт интересов (да/нет)", "value": "нет"]],
        ])),
        Case(golden: "ack_rsvp_yes", template: "ack_rsvp", context: with([
            "number": 17, "attending": true, "program_title": "Инклюзивный туризм", "replaces": .none,
            "fields": [["label": "Ответ", "value": "ДА"]],
        ])),
        Case(golden: "ack_rsvp_no", template: "ack_rsvp", context: with([
            "number": 17, "attending": false, "program_title": "Инклюзивный туризм",
            "replaces": ["number": 17, "date": "1 сентября 2027 г."], "fields": [["label": "Ответ", "value": "НЕТ"]],
        ])),
        Case(golden: "ack_feedback", template: "ack_feedback", context: with([
            "number": 17, "program_title": "Инклюзивный туризм", "replaces": .none,
            "fields": [["label": "Что было полезно", "value": "Разбор маршрутов & смет"], ["label": "Оценка (1–5)", "value": "5"]],
        ])),
        Case(golden: "ack_idea", template: "ack_idea", context: with([
            "number": 3, "replaces": .none,
            "fields": [["label": "Название идеи", "value": "Тропа для всех"], ["label": "Партнёры", "value": "Кудымкар, Пермь"]],
        ])),
        Case(golden: "errors", template: "errors", context: with([
            "form_title": "Заявка на программу стажировки",
            "problems": ["Не указан ИНН организации — впишите 10 или 12 цифр после «ИНН:».",
                         "Дат проведения две, а продолжительность — 1 день: исправьте одно из двух.",
                         "Нет согласия на обработку персональных данных — поставьте [x] в последней строке."],
            "form_text": "ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ\nОрганизация: АНО «Кама»\nИНН:\nДаты проведения: 29.09.2027, 30.09.2027\nПродолжительность (дней: 1 или 2): 1\nСогласие на обработку персональных данных: [ ]",
        ])),
        Case(golden: "help", template: "help", context: with(["name": .none, "forms": forms])),
        Case(golden: "closed", template: "closed", context: with([
            "call_title": "Приём заявок на программы стажировок", "closed_on": "31 июля 2027 г.",
        ])),
        Case(golden: "not_open", template: "not_open", context: with([
            "call_title": "Приём заявок участников", "opens_on": "25 августа 2027 г.",
        ])),
    ]
}

import Testing
