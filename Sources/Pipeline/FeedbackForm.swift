// The blank feedback form as a feedback request carries it: the application number filled
// in, the programme named on the line under the form's version (the reply then names it too).
import Forms

enum FeedbackForm {
    /// `blank` with `Номер заявки` filled and a `Стажировка: № p «title»` line after the
    /// version line (or after the heading when there is none).
    static func prefilled(blank: String, participant: Int, programme: Int, title: String) -> String {
        let filled = FormPrefill.fill(blank: blank, kind: .feedback, fields: ["application_number": .integer(participant)])
        var lines = filled.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = "Стажировка: № \(programme) «\(title)»"
        if let version = lines.firstIndex(where: { $0.hasPrefix("Версия формы") }) {
            lines.insert(line, at: version + 1)
        } else if !lines.isEmpty {
            lines.insert(line, at: 1)
        } else {
            lines = [FormKind.feedback.heading, line]
        }
        return lines.joined(separator: "\n")
    }
}
