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
    ]
}
