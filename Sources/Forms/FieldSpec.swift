// Forms: the field tables of every form kind (ids, labels, variants, types). See docs/product.md.

/// One field of a form kind.
public struct FieldSpec: Sendable, Hashable {
    /// Stable id: code, database, exports, JSON.
    public var id: String
    /// Canonical Russian label as printed on the blank form (without the colon).
    public var label: String
    /// Other spellings people use for the same label.
    public var variants: [String]
    public var type: ValueType
    public var required: Bool

    public init(_ id: String, _ label: String, _ type: ValueType, required: Bool = true,
                variants: [String] = []) {
        self.id = id
        self.label = label
        self.type = type
        self.required = required
        self.variants = variants
    }

    /// The label without its parenthetical hint: `Продолжительность (дней: 1 или 2)` → `Продолжительность`.
    public var shortLabel: String {
        guard let paren = label.firstIndex(of: "(") else { return label }
        return String(label[..<paren]).trimmingCharacters(in: .whitespaces)
    }
}

extension FieldSpec {
    static let phoneVariants = ["Тел", "Тел.", "Контактный телефон", "Номер телефона", "Моб. телефон",
                                "Мобильный телефон", "Телефон (мобильный)", "Phone",
                                "Телефон/факс", "Тел./факс", "Сотовый телефон", "Мобильный", "Моб."]
    static let emailVariants = ["E-mail", "e-mail", "Эл. почта", "Электронная почта", "Адрес электронной почты",
                                "Email адрес", "Почта", "mail", "Е-мейл", "Емейл", "Имейл",
                                "Электронный адрес", "Адрес эл. почты", "E-mail адрес", "Эл. адрес"]
    static let consentLabel = "Согласие на обработку персональных данных"
    static let consentVariants = ["Согласие на обработку ПД", "Согласие на обработку персональных данных (да/нет)",
                                  "Согласие", "Я согласен на обработку персональных данных",
                                  "Я согласна на обработку персональных данных"]

    static func table(for kind: FormKind) -> [FieldSpec] {
        switch kind {
        case .program: program
        case .participant: participant
        case .score: score
        case .rsvp: rsvp
        case .feedback: feedback
        case .idea: idea
        case .motivation: motivation
        }
    }

    static let program: [FieldSpec] = [
        FieldSpec("organization", "Организация", .text,
                  variants: ["Название организации", "Наименование организации", "Принимающая организация", "НКО"]),
        FieldSpec("inn", "ИНН", .inn, variants: ["ИНН/КПП", "ИНН организации", "ИНН / КПП"]),
        FieldSpec("locality", "Населённый пункт", .text, variants: ["Город", "Населенный пункт (город, село)", "Город/село"]),
        FieldSpec("program_title", "Название программы", .title,
                  variants: ["Название программы стажировки", "Наименование программы", "Тема стажировки"]),
        FieldSpec("program_description", "Описание программы", .multilineText,
                  variants: ["Краткое описание программы", "Содержание программы", "Описание программы стажировки"]),
        FieldSpec("duration_days", "Продолжительность (дней: 1 или 2)", .durationDays,
                  variants: ["Продолжительность", "Продолжительность (дней)", "Продолжительность, дней", "Количество дней",
                             "Длительность"]),
        FieldSpec("dates", "Даты проведения", .dates, variants: ["Даты", "Дата проведения", "Сроки проведения", "Дата"]),
        FieldSpec("seats", "Количество мест", .integer,
                  variants: ["Кол-во мест", "Число мест", "Количество участников", "Количество стажёров"]),
        FieldSpec("venue_address", "Адрес площадки", .text,
                  variants: ["Адрес проведения", "Место проведения", "Адрес", "Адрес площадки проведения"]),
        FieldSpec("contact_person", "Контактное лицо", .text, variants: ["Контактное лицо (ФИО)", "Ответственный", "Координатор"]),
        FieldSpec("phone", "Телефон", .phone, variants: phoneVariants),
        FieldSpec("email", "Email", .email, variants: emailVariants),
        FieldSpec("consent", consentLabel, .consent, variants: consentVariants),
    ]

    static let participant: [FieldSpec] = [
        FieldSpec("full_name", "ФИО", .text,
                  variants: ["Ф.И.О.", "Фамилия, имя, отчество", "Фамилия имя отчество", "ФИО участника", "Имя"]),
        FieldSpec("organization", "Организация", .text,
                  variants: ["Название организации", "Наименование организации", "НКО", "Место работы"]),
        FieldSpec("position", "Должность (сотрудник/волонтёр)", .position,
                  variants: ["Должность", "Статус", "Сотрудник/волонтёр", "Статус (сотрудник/волонтёр)"]),
        FieldSpec("municipal_district", "Муниципальный округ", .text,
                  variants: ["Муниципальный район", "Округ", "Район", "Муниципальное образование", "Муниципальный район/округ"]),
        FieldSpec("locality", "Населённый пункт", .text, variants: ["Город", "Город/село", "Населенный пункт (город, село)"]),
        FieldSpec("distance_to_perm_km", "Расстояние до Перми (км)", .decimal,
                  variants: ["Расстояние до Перми", "Расстояние до г. Перми", "Расстояние от Перми", "Удалённость от Перми"]),
        FieldSpec("phone", "Телефон", .phone, variants: phoneVariants),
        FieldSpec("email", "Email", .email, variants: emailVariants),
        FieldSpec("selected_programs", "Выбранные программы (не более 3, в порядке приоритета)", .programChoices,
                  variants: ["Выбранные программы", "Выбранные программы стажировок", "Программы", "Выбор программ",
                             "Программы стажировок"]),
        FieldSpec("motivation", "Мотивация", .multilineText, required: false,
                  variants: ["Мотивация участия", "Почему вы хотите участвовать", "Мотивационное письмо"]),
        FieldSpec("consent", consentLabel, .consent, variants: consentVariants),
    ]

    static let score: [FieldSpec] = [
        FieldSpec("expert", "Эксперт", .text, variants: ["ФИО эксперта", "Эксперт (ФИО)"]),
        FieldSpec("application_number", "Номер заявки", .applicationNumber,
                  variants: ["№ заявки", "Заявка №", "Заявка", "Номер программы", "Регистрационный номер заявки"]),
        FieldSpec("relevance", "Актуальность (0–10)", .score10, variants: ["Актуальность"]),
        FieldSpec("practical_benefit", "Практическая польза (0–10)", .score10, variants: ["Практическая польза", "Польза"]),
        FieldSpec("realism", "Реалистичность (0–10)", .score10, variants: ["Реалистичность", "Реализуемость"]),
        FieldSpec("program_quality", "Качество программы (0–10)", .score10, variants: ["Качество программы", "Качество"]),
        FieldSpec("comment", "Комментарий", .multilineText, required: false, variants: ["Комментарии", "Комментарий эксперта"]),
        FieldSpec("conflict_of_interest", "Конфликт интересов (да/нет)", .boolean,
                  variants: ["Конфликт интересов", "Наличие конфликта интересов"]),
    ]

    static let rsvp: [FieldSpec] = [
        FieldSpec("answer", "Ответ (ДА/НЕТ)", .yesNo, variants: ["Ответ", "Участие", "Подтверждаю участие"]),
        FieldSpec("comment", "Комментарий", .multilineText, required: false, variants: ["Комментарии", "Примечание"]),
    ]

    static let feedback: [FieldSpec] = [
        FieldSpec("application_number", "Номер заявки", .applicationNumber, variants: ["№ заявки", "Заявка №"]),
        FieldSpec("program_rating", "Оценка программы (1–5)", .rating5, variants: ["Оценка программы", "Оценка стажировки"]),
        FieldSpec("competence_before", "Самооценка компетенций до стажировки (1–10)", .selfRating10,
                  variants: ["Самооценка компетенций до стажировки", "Компетенции до стажировки", "Самооценка до стажировки", "До стажировки"]),
        FieldSpec("competence_after", "Самооценка компетенций после стажировки (1–10)", .selfRating10,
                  variants: ["Самооценка компетенций после стажировки", "Компетенции после стажировки", "Самооценка после стажировки", "После стажировки"]),
        FieldSpec("useful", "Что было полезным", .multilineText, variants: ["Что было полезно", "Полезное"]),
        FieldSpec("will_apply", "Что вы примените в своей организации", .multilineText,
                  variants: ["Что примените в своей организации", "Что вы примените у себя", "Что примените у себя", "Что будете применять"]),
        FieldSpec("suggestions", "Предложения", .multilineText, required: false, variants: ["Предложения и пожелания", "Пожелания"]),
    ]

    static let idea: [FieldSpec] = [
        FieldSpec("title", "Название идеи", .title, variants: ["Название проекта", "Идея", "Название"]),
        FieldSpec("partners", "Организации-партнёры", .multilineText,
                  variants: ["Организации партнёры", "Партнёры", "Партнерские организации", "Организации-участники"]),
        FieldSpec("description", "Краткое описание", .multilineText, variants: ["Описание", "Описание идеи", "Суть проекта"]),
        FieldSpec("needs", "Что необходимо", .multilineText,
                  variants: ["Что необходимо для реализации", "Что нужно", "Необходимые ресурсы", "Ресурсы"]),
        FieldSpec("contact", "Контакт", .text, variants: ["Контакты", "Контактное лицо", "Контактная информация"]),
    ]

    /// The participant score sheet: the scorer is the verified sender; the name is optional.
    static let motivation: [FieldSpec] = [
        FieldSpec("expert", "Эксперт", .text, required: false, variants: ["ФИО эксперта", "Эксперт (ФИО)", "Оценивает"]),
        FieldSpec("application_number", "Номер заявки участника", .applicationNumber,
                  variants: ["Номер заявки", "№ заявки", "Заявка №", "Заявка участника №", "Номер участника"]),
        FieldSpec("motivation_score", "Оценка мотивации (0–10)", .score10,
                  variants: ["Оценка мотивации", "Мотивация (0–10)", "Мотивация (0-10)", "Оценка мотивации (0-10)", "Балл"]),
        FieldSpec("comment", "Комментарий", .multilineText, required: false, variants: ["Комментарии", "Комментарий эксперта"]),
    ]
}
