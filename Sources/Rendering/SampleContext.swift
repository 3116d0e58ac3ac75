/// One filled-in context per mail (and per wording variant): the executable contract of
/// what each template may use (see mail-templates/README.md). `doctor` renders every mail
/// with these to catch a template that asks for a key the plan never provides; the golden
/// tests render them too.
public struct SampleContext: Sendable {
    /// Unique, e.g. `ack_program_replaces`; the golden file's name.
    public let name: String
    /// The mail rendered.
    public let template: String
    public let context: [String: TemplateValue]

    public init(name: String, template: String, context: [String: TemplateValue]) {
        self.name = name
        self.template = template
        self.context = context
    }
}

extension SampleContext {
    private static let common: [String: TemplateValue] = [
        "campaign": "Стажировки НКО Прикамья — 2027",
        "name": "Мария Ивановна",
    ]

    private static let programFields: TemplateValue = [
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

    private static let participantFields: TemplateValue = [
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

    private static let forms: TemplateValue = [
        ["title": "ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ", "text": "Организация:\nИНН:\nНазвание программы:"],
        ["title": "ЗАЯВКА УЧАСТНИКА", "text": "ФИО:\nОрганизация:\nМотивация:"],
    ]


    static func with(_ extra: [String: TemplateValue]) -> [String: TemplateValue] {
        common.merging(extra) { _, new in new }
    }

    /// One fixed context per template, plus the variants that change the wording.
    public static let all: [SampleContext] = replies + review + participants + season

    static let replies: [SampleContext] = [
        SampleContext(name: "ack_program", template: "ack_program", context: with(["number": 5, "fields": programFields, "replaces": .none])),
        SampleContext(name: "ack_program_replaces", template: "ack_program", context: with([
            "name": .none, "number": 5, "fields": programFields, "replaces": ["number": 5, "date": "3 июля 2027 г."],
        ])),
        SampleContext(name: "ack_participant", template: "ack_participant", context: with([
            "number": 17, "fields": participantFields, "replaces": .none,
            "eligibility": "Кудымкар — 145 км от Перми по прямой, условие 50 км выполнено",
        ])),
        SampleContext(name: "ack_participant_review", template: "ack_participant", context: with([
            "number": 19, "fields": participantFields, "replaces": .none,
            "eligibility": "не удалось найти населённый пункт «Нигдеевка, Нигдейский» в справочнике, заявку проверит координатор",
        ])),
        SampleContext(name: "selection_result_selected", template: "selection_result", context: with([
            "number": 17, "selected": [["programme": 2, "title": "Инклюзивный туризм"]], "reserve": [], "invited": true,
            "reason": "Программа № 2 (приоритет 1): вы выбраны; оценка мотивации — 8,5 из 10.",
        ])),
        SampleContext(name: "selection_result_reserve", template: "selection_result", context: with([
            "number": 18, "selected": [], "reserve": [["programme": 2, "title": "Инклюзивный туризм", "place": 1]], "invited": false,
            "reason": "Программа № 2 (приоритет 1): резерв, место 1 — мест 10, их заняли участники с более высокой оценкой мотивации или более ранней заявкой; оценка мотивации — 6 из 10.",
        ])),
        SampleContext(name: "selection_result_not_selected", template: "selection_result", context: with([
            "name": .none, "number": 19, "selected": [], "reserve": [], "invited": false,
            "reason": "Заявка не участвует в отборе: условие об удалённости от Перми не выполнено.",
        ])),
        SampleContext(name: "invitation", template: "invitation", context: with([
            "number": 17, "programme": 2, "program_title": "Инклюзивный туризм", "dates": "15 и 16 октября 2027 г.",
            "time_from": "10:00", "time_to": "17:00", "address": "г. Пермь, ул. Ленина, 1",
            "host": "АНО «Ресурсный центр „Кама“»", "contact": "Мария Ивановна Соколова, +79021234567, host@example.test",
            "deadline": "22 сентября 2027 г.", "token": "INV-7K2M9QXA",
        ])),
        SampleContext(name: "host_confirmed", template: "host_confirmed", context: with([
            "programme": 2, "program_title": "Инклюзивный туризм", "dates": "15 и 16 октября 2027 г.", "count": 2, "seats": 10,
            "participants": [
                ["position": 1, "full_name": "Пётр Сергеевич Лунёв", "organization": "Клуб «Парма»", "place": "Кудымкар",
                 "phone": "+73426041234", "email": "petr@example.test"],
                ["position": 2, "full_name": "Анна Иванова", "organization": "АНО «Добрые руки»", "place": "Оса",
                 "phone": "+79123456789", "email": "anna@example.test"],
            ],
        ])),
        SampleContext(name: "ack_participant_no_eligibility", template: "ack_participant", context: with([
            "number": 18, "fields": participantFields, "replaces": ["number": 12, "date": "26 августа 2027 г."], "eligibility": .none,
        ])),
        SampleContext(name: "ack_score", template: "ack_score", context: with([
            "number": 5, "replaces": .none,
            "fields": [["label": "Номер заявки", "value": "5"], ["label": "Актуальность (0–10)", "value": "8"],
                       ["label": "Комментарий", "value": .none], ["label": "Конфликт интересов (да/нет)", "value": "нет"]],
        ])),
        SampleContext(name: "ack_rsvp_yes", template: "ack_rsvp", context: with([
            "number": 17, "attending": true, "late": false, "program_title": "Инклюзивный туризм", "replaces": .none,
            "fields": [["label": "Ответ", "value": "ДА"]],
        ])),
        SampleContext(name: "ack_rsvp_no", template: "ack_rsvp", context: with([
            "number": 17, "attending": false, "late": false, "program_title": "Инклюзивный туризм",
            "replaces": ["number": 17, "date": "1 сентября 2027 г."], "fields": [["label": "Ответ", "value": "НЕТ"]],
        ])),
        SampleContext(name: "ack_feedback", template: "ack_feedback", context: with([
            "number": 17, "program_title": "Инклюзивный туризм", "replaces": .none,
            "fields": [["label": "Что было полезно", "value": "Разбор маршрутов & смет"], ["label": "Оценка (1–5)", "value": "5"]],
        ])),
        SampleContext(name: "ack_idea", template: "ack_idea", context: with([
            "number": 3, "replaces": .none,
            "fields": [["label": "Название идеи", "value": "Тропа для всех"], ["label": "Партнёры", "value": "Кудымкар, Пермь"]],
        ])),
        SampleContext(name: "errors", template: "errors", context: with([
            "form_title": "Заявка на программу стажировки",
            "problems": ["Не указан ИНН организации — впишите 10 или 12 цифр после «ИНН:».",
                         "Дат проведения две, а продолжительность — 1 день: исправьте одно из двух.",
                         "Нет согласия на обработку персональных данных — поставьте [x] в последней строке."],
            "form_text": "ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ\nОрганизация: АНО «Кама»\nИНН:\nДаты проведения: 29.09.2027, 30.09.2027\nПродолжительность (дней: 1 или 2): 1\nСогласие на обработку персональных данных: [ ]",
        ])),
        SampleContext(name: "help", template: "help", context: with(["name": .none, "forms": forms])),
        SampleContext(name: "closed", template: "closed", context: with([
            "call_title": "Приём заявок на программы стажировок", "closed_on": "31 июля 2027 г.",
        ])),
        SampleContext(name: "not_open", template: "not_open", context: with([
            "call_title": "Приём заявок участников", "opens_on": "25 августа 2027 г.",
        ])),
    ] + digestSamples
}

extension TemplateSet {
    /// Renders every sample whose mail is in this set; returns each failure (empty: all
    /// good) and the names of mails in the set that no sample covers.
    public func check(samples: [SampleContext] = SampleContext.all) -> (failures: [(sample: String, error: RenderError)], uncovered: [String]) {
        var failures: [(sample: String, error: RenderError)] = []
        for sample in samples where names.contains(sample.template) {
            do {
                _ = try render(sample.template, context: sample.context)
            } catch {
                failures.append((sample.name, error))
            }
        }
        let covered = Set(samples.map(\.template))
        return (failures, names.filter { !covered.contains($0) })
    }
}
