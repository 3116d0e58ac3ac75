// Sample digests for `doctor` and the golden tests: one with every section, one heartbeat.

extension SampleContext {
    /// A digest with every section filled.
    public static var fullDigestFacts: DigestFacts {
        var facts = DigestFacts(day: "29 сентября 2027 г.", since: "28.09.2027")
        facts.newSubmissions = [
            .init(kind: "participant", new: 3, replaced: 1), .init(kind: "program", new: 2, replaced: 0),
            .init(kind: "score", new: 4, replaced: 0),
        ]
        facts.questions = [.init(id: 12, sender: "olga@example.test", subject: "Можно ли приехать вдвоём?",
                                 firstLines: "Добрый день! Мы из Кудымкара, хотим приехать вдвоём с коллегой.",
                                 received: "28.09.2027")]
        facts.held = [.init(inboundID: 41, sender: "stranger@example.test", subject: "Оценка заявки № 5",
                            reason: .unregisteredExpert)]
        facts.corrections = [.init(inboundID: 38, sender: "host@example.test", kind: "program", problems: 2,
                                   received: "27.09.2027")]
        facts.missingScores = [.init(programme: 5, title: "Инклюзивный туризм", received: 1, expected: 2)]
        facts.batches = [.init(name: "Решения по программам", count: 7, command: "internships decisions release programmes")]
        facts.bounces = [.init(inboundID: 44, address: "nobody@example.test", subject: "Undelivered Mail Returned to Sender")]
        facts.deadMail = [.init(outboxID: 17, recipient: "old@example.test", template: "ack_participant",
                                reply: "550 5.1.1 mailbox unavailable")]
        facts.rsvp = [.init(programme: 5, title: "Инклюзивный туризм", yes: 6, no: 1, waiting: 3)]
        facts.upcoming = [.init(date: "01.10.2027", programme: 5, title: "Инклюзивный туризм",
                                organisation: "АНО «Кама»", venue: "г. Пермь, ул. Ленина, 1")]
        facts.targets = [.init(label: "Заявки участников", count: 45, target: 60)]
        facts.chart = [.init(label: "Кудымкарский", value: 12), .init(label: "Чернушинский", value: 5)]
        return facts
    }

    static let digestSamples: [SampleContext] = [
        SampleContext(name: "digest", template: "digest",
                      context: fullDigestFacts.context(campaign: "Стажировки НКО Прикамья — 2027", coordinator: "Анна")),
        SampleContext(name: "digest_heartbeat", template: "digest",
                      context: DigestFacts(day: "4 октября 2027 г.", since: "27.09.2027")
                          .context(campaign: "Стажировки НКО Прикамья — 2027", coordinator: nil)),
    ]
}
