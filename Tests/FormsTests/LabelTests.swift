import Testing
@testable import Forms

@Test(arguments: [
    ("ФИО", "full_name"), ("Ф.И.О.", "full_name"), ("Фамилия, имя, отчество", "full_name"), ("фио", "full_name"),
    ("E-mail", "email"), ("e-mail", "email"), ("Е-mail", "email"), ("Эл. почта", "email"), ("EMAIL", "email"),
    ("Тeлeфон", "phone"), ("Телефн", "phone"), ("Тел.", "phone"),
    ("Населенный пункт", "locality"), ("Населённый  пункт", "locality"), ("Насeлённый пукнт", "locality"),
    ("Должность (сотрудник/волонтёр)", "position"), ("Должность (сотрудник / волонтер)", "position"),
    ("Расстояние до Перми, км", "distance_to_perm_km"), ("Выбранные программы", "selected_programs"),
    ("Выбранные программы (не более 3, в порядке приоритета)", "selected_programs"),
    ("Муниципальный округ", "municipal_district"), ("Мунициальный округ", "municipal_district"),
    ("СОГЛАСИЕ НА ОБРАБОТКУ ПЕРСОНАЛЬНЫХ ДАННЫХ", "consent"),
])
func participantLabels(got: String, want: String) {
    let refs = LabelIndex.shared.fields(forLabel: got)
    #expect(refs.contains(FieldRef(kind: .participant, id: want)), "\(got) → \(refs)")
}

@Test(arguments: [
    ("Продолжительность (дней: 1 или 2)", "duration_days"), ("Продолжительность", "duration_days"),
    ("ИНН/КПП", "inn"), ("Даты проведения", "dates"), ("Дата проведения", "dates"), ("Кол-во мест", "seats"),
    ("Адрес площадки", "venue_address"), ("Контактное лицо", "contact_person"), ("Название программы", "program_title"),
])
func programLabels(got: String, want: String) {
    #expect(LabelIndex.shared.fields(forLabel: got).contains(FieldRef(kind: .program, id: want)))
}

@Test(arguments: [
    ("Актуальность (0–10)", FormKind.score, "relevance"), ("Актуальность (0-10)", .score, "relevance"),
    ("Конфликт интересов (да/нет)", .score, "conflict_of_interest"), ("Номер заявки", .score, "application_number"),
    ("Оценка программы (1–5)", .feedback, "program_rating"), ("Что было полезным", .feedback, "useful"),
    ("Организации-партнёры", .idea, "partners"), ("Организации партнеры", .idea, "partners"),
    ("Ответ (ДА/НЕТ)", .rsvp, "answer"),
])
func otherLabels(got: String, kind: FormKind, want: String) {
    #expect(LabelIndex.shared.fields(forLabel: got).contains(FieldRef(kind: kind, id: want)))
}

/// Short words never match by a one-letter typo, and ordinary prose is not a label.
@Test(arguments: ["Тема", "Дата рождения", "Здравствуйте", "Добрый день", "Спасибо", "ИНННН", "Фио руководителя организации", "Адрес сайта"])
func notLabels(got: String) {
    #expect(LabelIndex.shared.fields(forLabel: got).isEmpty, "\(got) → \(LabelIndex.shared.fields(forLabel: got))")
}

@Test(arguments: [
    ("ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ", FormKind.program), ("Заявка на программу стажировки", .program),
    ("ЗАЯВКА УЧАСТНИКА", .participant), ("Заявка  участника стажировки", .participant),
    ("ЭКСПЕРТНАЯ ОЦЕНКА", .score), ("ЭКСПЕРТНАЯ ОЦЕНКА ЗАЯВКИ № 5", .score), ("ОТЗЫВ О СТАЖИРОВКЕ", .feedback),
    ("ИДЕЯ СОВМЕСТНОГО ПРОЕКТА", .idea), ("ОТВЕТ НА ПРИГЛАШЕНИЕ", .rsvp), ("ЗАЯВКА УЧАСТНИКА:", .participant),
])
func headings(got: String, want: FormKind) {
    #expect(LabelIndex.shared.heading(got) == want)
}

@Test(arguments: [
    "1. ФИО: Иванова Мария Петровна", "1) ФИО: Иванова Мария Петровна", "  - ФИО : Иванова Мария Петровна",
    "**ФИО:** Иванова Мария Петровна", "ФИО —  Иванова Мария Петровна", "ФИО:\nИванова Мария Петровна",
    "ФИО\n\n   Иванова Мария Петровна  ", "Фамилия, имя, отчество:Иванова  Мария Петровна", "Ф.И.О.:\tИванова Мария Петровна",
])
func labelLineShapes(got: String) {
    let text = got + "\nОрганизация: АНО «Вектор»\nТелефон: 89123456789"
    let form = FormTextReader().read(text)
    #expect(form?.kind == .participant)
    #expect(FormValidator.value(form?.values["full_name"]?.text ?? "", type: .text) == .text("Иванова Мария Петровна"))
}

@Test(arguments: [
    "ФИО: Иванова Мария Петровна, Телефон: 8 912 345 67 89, Email: Maria@Mail.ru",
    "ЗАЯВКА УЧАСТНИКА ФИО: Иванова Мария Петровна Телефон: 8 912 345 67 89 Email: maria@mail.ru",
    "1. ФИО: Иванова Мария Петровна 2. Телефон: 8 912 345 67 89 3. Email: maria@mail.ru",
    "ФИО: Иванова Мария Петровна; Телефон (мобильный): 8 912 345 67 89; E-mail: maria@mail.ru",
])
func severalLabelsOnOneLine(got: String) {
    let reading = FormReader().read(text: got)
    #expect(reading.kind == .participant)
    #expect(reading.value("full_name") == .text("Иванова Мария Петровна"))
    #expect(reading.value("phone") == .phone("+79123456789"))
    #expect(reading.value("email") == .email("maria@mail.ru"))
}

/// A colon inside a value does not split it unless a label stands before it.
@Test(arguments: [
    ("Описание программы: Цель: научить. Итог: план.", "Цель: научить. Итог: план."),
    ("Описание программы: начало в 10:00, конец в 17:00", "начало в 10:00, конец в 17:00"),
])
func colonsInsideValues(line: String, want: String) {
    let reading = FormReader().read(text: "ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ\n" + line)
    #expect(reading.value("program_description") == .text(want))
}
