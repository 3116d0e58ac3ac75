// Forms: the Russian wording of form errors, editable by coordinators in
// `mail-templates/form-errors.ru.toml` (simple `"code" = "text"` lines, `{label}` placeholders).

/// Error code → sentence template. Lookup: the exact code (`invalid:phone`), then the code's
/// class (`invalid`), then the built-in text. Placeholders: `{label}` (canonical label without
/// hint), `{value}` (as written), `{hint}` (built-in hint of the field type), `{count}`, `{duration}`.
public struct FormErrorWording: Sendable {
    public var templates: [String: String]

    public init(templates: [String: String] = [:]) { self.templates = templates }

    /// Parse the wording file. Lines: `key = "text"` (key bare or double-quoted), `#` comments,
    /// `[sections]` ignored, `\"`, `\\`, `\n` escapes. Returns the wording and one English note per
    /// line it could not read, for the shell to log.
    public static func parse(_ text: String) -> (wording: FormErrorWording, problems: [String]) {
        var templates: [String: String] = [:]
        var problems: [String] = []
        for (n, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("[") { continue }
            guard let (key, rest) = splitKey(Substring(line)),
                  let value = quoted(rest.drop(while: { $0 == " " || $0 == "\t" })) else {
                problems.append("line \(n + 1): expected key = \"text\"")
                continue
            }
            templates[key] = value
        }
        return (FormErrorWording(templates: templates), problems)
    }

    private static func splitKey(_ line: Substring) -> (String, Substring)? {
        var key: String
        var rest: Substring
        if line.first == "\"" {
            guard let end = line.dropFirst().firstIndex(of: "\"") else { return nil }
            key = String(line[line.index(after: line.startIndex)..<end])
            rest = line[line.index(after: end)...]
        } else {
            guard let eq = line.firstIndex(of: "=") else { return nil }
            key = line[..<eq].trimmingCharacters(in: .whitespaces)
            rest = line[eq...]
        }
        rest = rest.drop(while: { $0 == " " || $0 == "\t" })
        guard rest.first == "=", !key.isEmpty else { return nil }
        key = key.trimmingCharacters(in: .whitespaces)
        return (key, rest.dropFirst())
    }

    private static func quoted(_ s: Substring) -> String? {
        guard s.first == "\"" else { return nil }
        var out = ""
        var escaped = false
        for c in s.dropFirst() {
            if escaped {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                return out
            } else {
                out.append(c)
            }
        }
        return nil
    }

    /// The sentence for a code, placeholders filled.
    public func message(code: String, field: FieldSpec?, value: String? = nil, extra: [String: String] = [:]) -> String {
        let classKey = String(code.prefix { $0 != ":" })
        let template = templates[code] ?? templates[classKey]
            ?? FormErrorWording.builtIn[code] ?? FormErrorWording.builtIn[classKey]
            ?? "Ошибка в форме ({code}). Проверьте поле «{label}» и отправьте форму ещё раз."
        var vars = extra
        vars["code"] = code
        vars["label"] = field?.shortLabel ?? ""
        vars["value"] = value.map { String($0.prefix(80)) } ?? ""
        vars["hint"] = field.map { FormErrorWording.hint(for: $0.type) } ?? ""
        var out = template
        for (k, v) in vars { out = out.replacingOccurrences(of: "{\(k)}", with: v) }
        return out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// Built-in sentences, so the pure code always has one (same texts as the shipped file).
    public static let builtIn: [String: String] = [
        "missing": "Не заполнено поле «{label}». Впишите значение после двоеточия в строке «{label}:».",
        "invalid": "Не удалось понять поле «{label}»: «{value}». {hint}",
        "consent_not_given": "Нет согласия на обработку персональных данных. Поставьте [x] или напишите «да» в строке «Согласие на обработку персональных данных» — без согласия мы не можем принять форму.",
        "too_many:selected_programs": "Выбрано программ: {count}, а можно не более трёх. Оставьте до трёх программ в порядке приоритета.",
        "mismatch:duration_dates": "Продолжительность ({duration} дн.) не совпадает с числом дат проведения ({count}). Исправьте продолжительность или даты, чтобы их было поровну.",
        "no_form": "В письме не найдена заполненная форма. Скопируйте нужную форму из этого письма в ответ, заполните её после двоеточий и отправьте.",
        "missing:answer": "Не понятен ваш ответ на приглашение. Напишите в первой строке ответа ДА, если приедете, или НЕТ, если не сможете.",
        "ambiguous:answer": "Мы не уверены, как понять ваш ответ «{value}»: вы приедете на стажировку? Ответьте, пожалуйста, на это письмо одним словом в первой строке: ДА или НЕТ. Пояснения можно написать ниже.",
    ]

    /// What a correct value of this type looks like, in Russian.
    public static func hint(for type: ValueType) -> String {
        switch type {
        case .phone: "Укажите номер с кодом города или оператора, например +7 912 345-67-89 или 8 (34260) 4-12-34."
        case .email: "Укажите адрес электронной почты полностью, например name@mail.ru."
        case .dates: "Укажите даты с годом, например 15.09.2023 или 29-30 сентября 2023."
        case .inn: "ИНН — это 10 цифр (для организации) или 12 цифр."
        case .durationDays: "Укажите 1 или 2 (дня)."
        case .integer: "Укажите целое число цифрами, например 10."
        case .decimal: "Укажите расстояние в километрах числом, например 120."
        case .score10: "Укажите целое число баллов от 0 до 10."
        case .rating5: "Укажите целое число от 1 до 5."
        case .selfRating10: "Укажите целое число от 1 до 10."
        case .applicationNumber: "Укажите номер заявки цифрами, например 17."
        case .position: "Напишите «сотрудник» или «волонтёр»."
        case .programChoices: "Укажите номера программ из каталога с названиями, по одной в строке, например: 1. №2 «Инклюзивный туризм»."
        case .boolean: "Напишите «да» или «нет»."
        case .yesNo: "Напишите ДА, если приедете, или НЕТ, если не сможете."
        case .consent: "Поставьте [x] или напишите «да»."
        case .text, .multilineText, .title: "Впишите значение текстом."
        }
    }
}
