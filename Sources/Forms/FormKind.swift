// Forms: finding, reading and checking the programme's forms. See docs/product.md.

/// The kinds of form the programme receives. Raw values are the ids used in code,
/// the database, exports and `internships parse --json`.
public enum FormKind: String, Sendable, Codable, CaseIterable, Hashable {
    case program
    case participant
    case score
    case rsvp
    case feedback
    case idea
    /// A participant's motivation scored by an expert or coordinator (issue 7).
    case motivation

    /// The canonical heading printed at the top of the blank form (product.md).
    public var heading: String {
        switch self {
        case .program: "ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ"
        case .participant: "ЗАЯВКА УЧАСТНИКА"
        case .score: "ЭКСПЕРТНАЯ ОЦЕНКА"
        case .rsvp: "ОТВЕТ НА ПРИГЛАШЕНИЕ"
        case .feedback: "ОТЗЫВ О СТАЖИРОВКЕ"
        case .idea: "ИДЕЯ СОВМЕСТНОГО ПРОЕКТА"
        case .motivation: "ОЦЕНКА МОТИВАЦИИ УЧАСТНИКА"
        }
    }

    /// Other headings people type for the same form.
    var headingVariants: [String] {
        switch self {
        case .program: ["Заявка на программу", "Заявка принимающей организации", "Программа стажировки"]
        case .participant: ["Заявка на участие в стажировке", "Анкета участника", "Заявка на участие"]
        case .score: ["Оценочный лист", "Лист экспертной оценки", "Экспертная оценка заявки"]
        case .rsvp: ["Подтверждение участия"]
        case .feedback: ["Отзыв", "Обратная связь", "Отзыв участника"]
        case .idea: ["Идея проекта", "Идея совместного проекта", "Совместный проект"]
        case .motivation: ["Оценка мотивации", "Оценка мотивации участника", "Оценочный лист участника"]
        }
    }

    /// The field table of this kind, in the order of the blank form.
    public var fields: [FieldSpec] { FieldSpec.table(for: self) }

    /// The field spec with this id, if the kind has it.
    public func field(_ id: String) -> FieldSpec? { fields.first { $0.id == id } }
}
