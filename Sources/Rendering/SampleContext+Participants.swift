// Sample contexts of the participants' mail added with issue 7 (part A): participant score
// sheets, answers to invitations given late or unclear, updated invitations.

extension SampleContext {
    static let participants: [SampleContext] = [
        SampleContext(name: "ack_motivation", template: "ack_motivation", context: with([
            "number": 14, "score": 8, "averaged": .none, "replaces": .none,
            "fields": [["label": "Номер заявки участника", "value": "14"], ["label": "Оценка мотивации (0–10)", "value": "8"],
                       ["label": "Комментарий", "value": "Ясная цель поездки."]],
        ])),
        SampleContext(name: "ack_motivation_averaged", template: "ack_motivation", context: with([
            "number": 14, "score": 7, "averaged": ["scorers": 2, "mean": "7,5"],
            "replaces": ["number": 14, "date": "2 сентября 2027 г."],
            "fields": [["label": "Номер заявки участника", "value": "14"], ["label": "Оценка мотивации (0–10)", "value": "7"]],
        ])),
            SampleContext(name: "ack_rsvp_late", template: "ack_rsvp", context: with([
            "number": 17, "attending": .none, "late": true, "program_title": "Инклюзивный туризм", "replaces": .none,
            "fields": [["label": "Ответ", "value": "да"]],
        ])),
        SampleContext(name: "invitation_update", template: "invitation_update", context: with(invitationDetails.merging([
            "confirmed": true,
        ]) { _, new in new })),
        SampleContext(name: "invitation_update_pending", template: "invitation_update", context: with(invitationDetails.merging([
            "confirmed": false,
        ]) { _, new in new })),
        SampleContext(name: "invitation_confirmed", template: "invitation_confirmed", context: with(invitationDetails.merging([
            "confirmed": true,
        ]) { _, new in new })),
    ]

    private static let invitationDetails: [String: TemplateValue] = [
        "number": 17, "programme": 2, "program_title": "Инклюзивный туризм", "dates": "16 и 17 октября 2027 г.",
        "time_from": "10:00", "time_to": "17:00", "address": "г. Пермь, ул. Сибирская, 12",
        "host": "АНО «Ресурсный центр „Кама“»", "contact": "Мария Ивановна Соколова, +79021234567, host@example.test",
        "deadline": "22 сентября 2027 г.", "token": "INV-7K2M9QXA",
    ]
}
