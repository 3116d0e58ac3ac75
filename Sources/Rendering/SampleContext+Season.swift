// The season's mails after the invitations: reminder, feedback request, final meeting.
extension SampleContext {
    private static let feedbackForm = """
        ОТЗЫВ О СТАЖИРОВКЕ
        Версия формы: feedback-2023.1
        Стажировка: № 2 «Инклюзивный туризм»

        Номер заявки: 17
        Оценка программы (1–5):
        Самооценка компетенций до стажировки (1–10):
        Самооценка компетенций после стажировки (1–10):
        Что было полезным:

        Что вы примените в своей организации:

        Предложения:
        """

    static let season: [SampleContext] = [
        SampleContext(name: "reminder", template: "reminder", context: with([
            "number": 17, "programme": 2, "program_title": "Инклюзивный туризм", "dates": "15 октября 2027 г.",
            "time_from": "10:00", "time_to": "17:00", "address": "г. Пермь, ул. Ленина, 1",
            "host": "АНО «Ресурсный центр „Кама“»", "contact": "Мария Ивановна Соколова, +79021234567, host@example.test",
        ])),
        SampleContext(name: "feedback_request", template: "feedback_request", context: with([
            "number": 17, "programme": 2, "program_title": "Инклюзивный туризм", "dates": "15 октября 2027 г.",
            "token": "FB-2-17", "form_text": .text(feedbackForm),
        ])),
        SampleContext(name: "meeting", template: "meeting", context: with([
            "date": "25 января 2028 г.", "time": "15:00", "link": "https://meet.example.org/internships-final",
            "agenda": "Итоги стажировок, идеи совместных проектов", "updated": false,
        ])),
        SampleContext(name: "meeting_updated", template: "meeting", context: with([
            "name": .none, "date": "26 января 2028 г.", "time": "16:30", "link": "https://meet.example.org/internships-final",
            "agenda": .none, "updated": true,
        ])),
        SampleContext(name: "meeting_reminder", template: "meeting_reminder", context: with([
            "date": "25 января 2028 г.", "time": "15:00", "link": "https://meet.example.org/internships-final",
            "agenda": "Итоги стажировок, идеи совместных проектов",
        ])),
    ]
}
