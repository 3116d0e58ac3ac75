// ReplyRenderer over the Mustache templates of `mail-templates/` (Rendering's TemplateSet);
// builds the contexts documented in mail-templates/README.md.
import Foundation
import Forms
import Rendering

/// Renders replies with the programme's templates.
public struct TemplateReplyRenderer: ReplyRenderer {
    public var templates: TemplateSet
    /// Blank forms for the help reply, in order: (title, text).
    public var blankForms: [(title: String, text: String)]
    /// The campaign's name as people read it ("Стажировки в НКО Пермского края 2027").
    public var campaignTitle: String
    public var timeZone: TimeZone
    /// Blank form texts by kind, pre-filled in the error reply (Forms' FormPrefill).
    public var blankFormsByKind: [String: String] = [:]
    /// Blank forms the help reply adds for experts and coordinators only (the participant
    /// score sheet), after `blankForms`.
    public var scorerForms: [(title: String, text: String)] = []

    public init(templates: TemplateSet, blankForms: [(title: String, text: String)], campaignTitle: String,
                timeZone: TimeZone) {
        self.templates = templates
        self.blankForms = blankForms
        self.campaignTitle = campaignTitle
        self.timeZone = timeZone
    }

    /// Loads every `*.mustache` of `directory` and the blank forms in `directory/forms/`.
    /// - Throws: `PipelineError.configuration` naming the file or template problem.
    public init(directory: URL, campaignTitle: String, timeZone: TimeZone) throws {
        let manager = FileManager.default
        var sources: [String: String] = [:]
        do {
            for name in try manager.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".mustache") {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                sources[String(name.dropLast(".mustache".count))] = text
            }
        } catch {
            throw PipelineError.configuration("cannot read templates in \(directory.path): \(error) — check [templates] dir")
        }
        do {
            templates = try TemplateSet(sources: sources)
        } catch {
            throw PipelineError.configuration("templates in \(directory.path) have problems: \(error)")
        }
        var forms: [(String, String)] = []
        var scorerForms: [(String, String)] = []
        var byKind: [String: String] = [:]
        for kind in FormKind.allCases {
            let url = directory.appendingPathComponent("forms/\(kind.rawValue).txt")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            byKind[kind.rawValue] = text
            // The help reply carries the forms a person can send unasked.
            if [.program, .participant, .score].contains(kind) {
                forms.append((Self.formTitles[kind.rawValue] ?? kind.heading, text))
            } else if kind == .motivation {
                scorerForms.append((Self.formTitles[kind.rawValue] ?? kind.heading, text))
            }
        }
        blankForms = forms
        self.scorerForms = scorerForms
        blankFormsByKind = byKind
        self.campaignTitle = campaignTitle
        self.timeZone = timeZone
    }

    static let formTitles = [
        "program": "Заявка на программу стажировки",
        "participant": "Заявка участника",
        "score": "Экспертная оценка",
        "rsvp": "Ответ на приглашение",
        "feedback": "Отзыв о стажировке",
        "idea": "Идея совместного проекта",
        "motivation": "Оценка мотивации участника",
    ]

    static let callTitles = [
        "program": "Приём заявок на программы стажировок",
        "participant": "Приём заявок участников",
        "score": "Приём экспертных оценок",
        "rsvp": "Приём ответов на приглашения",
        "feedback": "Приём отзывов",
        "idea": "Приём идей совместных проектов",
        "motivation": "Приём оценок мотивации участников",
    ]

    public func render(_ content: ReplyContent) throws -> RenderedReply {
        let (name, context) = self.context(for: content)
        let mail = try templates.render(name, context: context)
        return RenderedReply(subject: mail.subject, text: mail.text, html: mail.html)
    }

    /// The template name and its context (README "Contexts"): optional keys are `.none`.
    func context(for content: ReplyContent) -> (String, [String: TemplateValue]) {
        var context: [String: TemplateValue] = [
            "campaign": .text(campaignTitle),
            "name": .optional(content.recipientName),
        ]
        let kind = content.formKind ?? ""
        let spec = FormKind(rawValue: kind)
        let fields: [TemplateValue] = content.fields.map { field in
            .object(["label": .text(spec?.field(field.id)?.label ?? field.id),
                     "value": .optional(field.readable(as: spec?.field(field.id)?.type))])
        }
        switch content.template {
        case .acknowledgement:
            var number = content.number ?? 0
            if kind == "score" || kind == "motivation", let scored = content.fields.first(where: { $0.id == "application_number" })?.value
                .flatMap({ Int($0.filter(\.isNumber)) }) {
                number = scored
            }
            context["number"] = .number(number)
            context["fields"] = .list(fields)
            context["replaces"] = content.replacedVersion.map { _ in
                .object(["number": .number(number), "date": .optional(content.replacedDate.map(russianDate))])
            } ?? TemplateValue.none
            context["eligibility"] = .optional(content.eligibility)
            context["program_title"] = .optional(content.programTitle)
            context["attending"] = content.attending.map { .flag($0) } ?? TemplateValue.none
            context["late"] = .flag(content.rsvpLate)
            if let m = content.motivation {
                context["score"] = .number(m.score)
                context["averaged"] = m.scorers > 1
                    ? .object(["scorers": .number(m.scorers), "mean": .text(m.meanText)]) : TemplateValue.none
            }
            return ("ack_\(kind)", context)
        case .errors:
            context["form_title"] = .text(Self.formTitles[kind] ?? kind)
            context["problems"] = .list(content.errors.map { .text($0.message) })
            context["form_text"] = .text(prefilledForm(kind: spec, fields: content.fields))
            return ("errors", context)
        case .help:
            let forms = blankForms + (content.mayScoreParticipants ? scorerForms : [])
            context["forms"] = .list(forms.map { .object(["title": .text($0.title), "text": .text($0.text)]) })
            return ("help", context)
        case .closed, .notOpen:
            context["call_title"] = .text(Self.callTitles[kind] ?? "Приём форм")
            context["closed_on"] = .optional(content.window.map { russianDate($0.end.addingTimeInterval(-1)) })
            context["opens_on"] = .optional(content.window.map { russianDate($0.start) })
            return (content.template.rawValue, context)
        }
    }

    /// The blank form with what was understood filled in; without a blank, label lines.
    func prefilledForm(kind: FormKind?, fields: [FormField]) -> String {
        if let kind, let blank = blankFormsByKind[kind.rawValue] {
            var values: [String: FormValue?] = [:]
            for field in fields {
                guard let value = field.value else { values[field.id] = FormValue?.none; continue }
                let type = kind.field(field.id)?.type
                values[field.id] = type == .consent ? .bool(value == "да") : .text(field.readable(as: type) ?? value)
            }
            return FormPrefill.fill(blank: blank, kind: kind, fields: values)
        }
        var lines = [kind?.heading ?? ""]
        for field in fields {
            lines.append("\(kind?.field(field.id)?.label ?? field.id): \(field.value ?? "")")
        }
        return lines.joined(separator: "\n")
    }

    func russianDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return RussianText.date(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0) ?? ""
    }
}
