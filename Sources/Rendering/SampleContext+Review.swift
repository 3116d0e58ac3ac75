// Sample contexts of the expert review and results mails (see mail-templates/README.md).
extension SampleContext {
    private static func sheet(_ number: Int) -> String {
        sheetFive.replacingOccurrences(of: "Номер заявки: 5", with: "Номер заявки: \(number)")
    }

    private static let sheetFive = """
        ЭКСПЕРТНАЯ ОЦЕНКА
        Версия формы: score-2023.1

        Эксперт: Ольга Петровна Белова
        Номер заявки: 5
        Актуальность (0–10):
        Практическая польза (0–10):
        Реалистичность (0–10):
        Качество программы (0–10):
        Комментарий:

        Конфликт интересов (да/нет):
        """

    private static let assigned: TemplateValue = [
        ["number": 5, "title": "Инклюзивный туризм", "organisation": "АНО «Кама» & партнёры", "locality": "Пермь",
         "dates": "29.09.2027, 30.09.2027", "seats": "10", "description": "День 1: знакомство.\nДень 2: маршрут.",
         "sheet": .text(sheet(5))],
        ["number": 9, "title": "Волонтёрский центр", "organisation": "Фонд «Парма»", "locality": .none,
         "dates": "1.10.2027", "seats": .none, "description": .none, "sheet": .text(sheet(9))],
    ]

    private static let scores: TemplateValue = [
        "total": "31,5",
        "criteria": [["name": "Актуальность", "mean": "8,5"], ["name": "Практическая польза", "mean": "8,0"],
                     ["name": "Реалистичность", "mean": "7,0"], ["name": "Качество программы", "mean": "8,0"]],
        "comments": ["Хорошо продуманный маршрут.", "Мало мест <для> выезда."],
    ]

    static let review: [SampleContext] = [
        SampleContext(name: "expert_assignment", template: "expert_assignment", context: with([
            "name": "Ольга Петровна", "deadline": "15 августа 2027 г.", "count": 2, "programmes": assigned,
        ])),
        SampleContext(name: "expert_reminder", template: "expert_reminder", context: with([
            "name": "Ольга Петровна", "deadline": "15 августа 2027 г.", "count": 2, "programmes": assigned,
        ])),
        SampleContext(name: "result_winner", template: "result_winner", context: with([
            "number": 5, "title": "Инклюзивный туризм", "winner": true, "previous_winner": false, "scores": .none,
        ])),
        SampleContext(name: "result_winner_scores", template: "result_winner", context: with([
            "number": 5, "title": "Инклюзивный туризм", "winner": true, "previous_winner": false, "scores": scores,
        ])),
        SampleContext(name: "result_not_selected", template: "result_not_selected", context: with([
            "name": .none, "number": 7, "title": "Школа фандрайзинга", "winner": false, "previous_winner": false,
            "scores": scores,
        ])),
        SampleContext(name: "result_correction_now_winner", template: "result_correction", context: with([
            "number": 7, "title": "Школа фандрайзинга", "winner": true, "previous_winner": false, "scores": .none,
        ])),
        SampleContext(name: "result_correction_now_not_selected", template: "result_correction", context: with([
            "number": 5, "title": "Инклюзивный туризм", "winner": false, "previous_winner": true, "scores": .none,
        ])),
        SampleContext(name: "catalogue", template: "catalogue", context: with([
            "count": 2, "apply_to": "intake@example.test", "participant_call": "С 25 августа по 10 сентября 2027 г.",
            "programmes": [
                ["number": 5, "title": "Инклюзивный туризм", "organisation": "АНО «Кама» & партнёры", "locality": "Пермь",
                 "dates": "29.09.2027, 30.09.2027", "seats": "10", "description": "День 1: знакомство.\nДень 2: маршрут."],
                ["number": 9, "title": "Волонтёрский центр", "organisation": "Фонд «Парма»", "locality": .none,
                 "dates": "1.10.2027", "seats": .none, "description": .none],
            ],
        ])),
    ]
}
