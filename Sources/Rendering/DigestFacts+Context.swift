// The digest's template context (mail-templates/README.md, `digest`): every item carries the
// command that acts on it, so a coordinator can copy it into a terminal.

extension DigestFacts {
    /// Russian names of form kinds, plural, as the digest lists them.
    public static let kindNames = [
        "program": "Заявки на программы", "participant": "Заявки участников", "score": "Экспертные оценки",
        "rsvp": "Ответы на приглашения", "feedback": "Отзывы", "idea": "Идеи совместных проектов",
        "motivation": "Оценки мотивации участников",
    ]

    static let formNames = [
        "program": "заявка на программу", "participant": "заявка участника", "score": "экспертная оценка",
        "rsvp": "ответ на приглашение", "feedback": "отзыв", "idea": "идея проекта",
        "motivation": "оценка мотивации участника",
    ]

    /// Width in px of the widest bar in the HTML chart.
    public static let chartWidth = 300

    /// The context for `digest.*` templates. `campaign` is the campaign's name, `coordinator`
    /// the addressee's name.
    public func context(campaign: String, coordinator: String?) -> [String: TemplateValue] {
        let kindOrder = ["program", "participant", "score", "motivation", "rsvp", "feedback", "idea"]
        let submissions = newSubmissions.filter { $0.new + $0.replaced > 0 }
            .sorted { (kindOrder.firstIndex(of: $0.kind) ?? 99, $0.kind) < (kindOrder.firstIndex(of: $1.kind) ?? 99, $1.kind) }
        let peak = max(chart.map(\.value).max() ?? 0, 1)
        var context: [String: TemplateValue] = [
            "campaign": .text(campaign),
            "name": .optional(coordinator),
            "day": .text(day),
            "since": .optional(since),
            "heartbeat": .flag(!needsHuman),
            "new_submissions": .list(submissions.map { item in
                .object([
                    "label": .text(Self.kindNames[item.kind] ?? item.kind),
                    "new": .number(item.new),
                    "replaced": item.replaced > 0 ? .number(item.replaced) : .none,
                    "command": .text("internships export \(Self.exportName(item.kind)) --format xlsx --out \(Self.exportName(item.kind)).xlsx"),
                ])
            }),
            "questions": .list(questions.map { q in
                .object([
                    "id": .number(Int(q.id)), "sender": .text(q.sender), "subject": .optional(q.subject),
                    "first_lines": .optional(q.firstLines), "received": .text(q.received),
                    "command": .text("internships question answered \(q.id)"),
                ])
            }),
            "held": .list(held.map { h in
                .object([
                    "id": .number(Int(h.inboundID)), "sender": .optional(h.sender), "subject": .optional(h.subject),
                    "what": .text(Self.whatToDo(h.reason)),
                    "command": .text(h.reason == .unreadable ? "internships inbound show \(h.inboundID)"
                                         : "internships inbound release \(h.inboundID)"),
                ])
            }),
            "corrections": .list(corrections.map { c in
                .object([
                    "id": .number(Int(c.inboundID)), "sender": .text(c.sender),
                    "form": .text(Self.formNames[c.kind] ?? c.kind),
                    "problems": .text("\(c.problems) \(RussianText.plural(c.problems, "ошибка", "ошибки", "ошибок"))"),
                    "received": .text(c.received),
                    "command": .text("internships inbound show \(c.inboundID)"),
                ])
            }),
            "missing_scores": .list(missingScores.map { g in
                .object([
                    "number": .number(g.programme), "title": .text(g.title),
                    "received": .number(g.received), "expected": .number(g.expected),
                    "command": .text("internships export scores --format xlsx --out scores.xlsx"),
                ])
            }),
            "batches": .list(batches.map { b in
                .object(["name": .text(b.name), "count": .number(b.count), "command": .text(b.command),
                         "preview": .optional(b.preview), "key": .optional(b.key)])
            }),
            "bounces": .list(bounces.map { b in
                .object([
                    "id": .number(Int(b.inboundID)), "address": .text(b.address), "subject": .optional(b.subject),
                    "command": .text("internships inbound show \(b.inboundID)"),
                ])
            }),
            "dead": .list(deadMail.map { d in
                .object([
                    "id": .number(Int(d.outboxID)), "recipient": .text(d.recipient), "template": .text(d.template),
                    "reply": .optional(d.reply), "command": .text("internships outbox retry \(d.outboxID)"),
                ])
            }),
            "rsvp": .list(rsvp.map { r in
                .object([
                    "number": .number(r.programme), "title": .text(r.title), "seats": .number(r.seats),
                    "invited": .number(r.invited), "confirmed": .number(r.confirmed), "declined": .number(r.declined),
                    "silent": .number(r.silent), "silent_deadline": .optional(r.silentDeadline),
                    "expired": .number(r.expired), "reserve_left": .number(r.reserveLeft),
                    "late_yes": .number(r.lateYes), "has_late_yes": .flag(r.lateYes > 0),
                ])
            }),
            "upcoming": .list(upcoming.map { u in
                .object([
                    "date": .text(u.date), "number": .number(u.programme), "title": .text(u.title),
                    "organisation": .optional(u.organisation), "venue": .optional(u.venue),
                    "confirmed": u.confirmed.map { .number($0) } ?? .none,
                    "seats": u.seats.map { .number($0) } ?? .none,
                    "rsvp_known": .flag(u.confirmed != nil),
                ])
            }),
            "ideas": .list(ideas.map { i in
                .object([
                    "number": .number(i.number), "title": .text(i.title), "sender": .text(i.sender),
                    "partners": .optional(i.partners),
                ])
            }),
            "targets": .list(targets.map { t in
                .object([
                    "label": .text(t.label), "count": .number(t.count), "target": .number(t.target),
                    "percent": .number(t.target > 0 ? t.count * 100 / t.target : 0),
                ])
            }),
            "chart": .list(chart.map { bar in
                .object([
                    "label": .text(bar.label), "value": .number(bar.value),
                    "width": .number(bar.value <= 0 ? 0 : max(2, bar.value * Self.chartWidth / peak)),
                ])
            }),
        ]
        // `has_X` opens a section's heading and table once (Mustache iterates a list section).
        for (key, value) in context {
            if case .list(let items) = value { context["has_\(key)"] = .flag(!items.isEmpty) }
        }
        return context
    }

    /// The export that lists a kind's forms.
    static func exportName(_ kind: String) -> String {
        switch kind {
        case "program": return "programmes"
        case "participant", "motivation": return "participants"
        case "score": return "scores"
        case "rsvp": return "invitations"
        case "feedback": return "feedback"
        case "idea": return "ideas"
        default: return kind
        }
    }

    static func whatToDo(_ reason: HeldReason) -> String {
        switch reason {
        case .unregisteredExpert:
            return "оценка с адреса, которого нет в списке экспертов: если это эксперт, добавьте адрес в [[experts]] и засчитайте оценку; иначе ничего не делайте"
        case .failedAuthentication:
            return "оценка не прошла проверку подлинности отправителя (DMARC/SPF/DKIM): уточните у эксперта, что письмо от него, и засчитайте оценку"
        case .unreadable:
            return "письмо без отправителя или слишком сложное для разбора: прочитайте его и ответьте вручную"
        case .unverifiedCommand:
            return "ответ «ОТПРАВИТЬ» с адреса координатора не прошёл проверку подлинности отправителя: если его отправили вы, выполните его этой командой; иначе ничего не делайте"
        }
    }
}
