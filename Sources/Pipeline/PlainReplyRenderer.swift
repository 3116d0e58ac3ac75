// A built-in renderer: plain Russian text, no templates. Used when no template folder is
// configured and by tests; the Mustache renderer replaces it in production.
import Foundation

/// Renders every reply as short plain Russian text.
public struct PlainReplyRenderer: ReplyRenderer {
    public init() {}

    static let kindTitles = [
        "program": "заявка на программу стажировки",
        "participant": "заявка участника",
        "score": "экспертная оценка",
    ]

    public func render(_ content: ReplyContent) throws -> RenderedReply {
        let title = content.formKind.flatMap { Self.kindTitles[$0] } ?? "письмо"
        let numberText = content.number.map { " № \($0)" } ?? ""
        var lines: [String] = []
        lines.append(content.recipientName.map { "Здравствуйте, \($0)!" } ?? "Здравствуйте!")
        lines.append("")
        let subject: String
        switch content.template {
        case .acknowledgement:
            subject = "Принята \(title)\(numberText)"
            lines.append("Ваша \(title) принята, номер\(numberText).")
            if let replaced = content.replacedVersion, let version = content.version {
                lines.append("Это версия \(version): она заменяет версию \(replaced), прежние версии сохранены.")
            }
            lines.append("")
            lines.append("Мы поняли её так:")
            for field in content.fields { lines.append("\(field.id): \(field.value ?? "—")") }
        case .errors:
            subject = "В заявке есть ошибки"
            lines.append("В вашей форме есть ошибки. Исправьте их и пришлите форму снова:")
            for problem in content.errors { lines.append("* \(problem.message) [\(problem.code)]") }
            lines.append("")
            lines.append("Форма с тем, что мы поняли:")
            for field in content.fields { lines.append("\(field.id): \(field.value ?? "")") }
        case .help:
            subject = "Как подать заявку"
            lines.append("Мы не нашли в вашем письме заполненной формы. Бланки форм ниже;")
            lines.append("на вопрос ответит координатор.")
        case .closed:
            subject = "Приём закрыт: \(title)"
            lines.append("Приём форм «\(title)» закрыт.")
        case .notOpen:
            subject = "Приём ещё не открыт: \(title)"
            lines.append("Приём форм «\(title)» ещё не открыт.")
        }
        return RenderedReply(subject: subject, text: lines.joined(separator: "\n") + "\n")
    }
}
