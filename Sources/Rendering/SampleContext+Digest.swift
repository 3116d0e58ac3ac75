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
        facts.batches = [
            .init(name: "Письма о результатах отбора программ (решение, редакция 2)", count: 7,
                  command: "internships mail release results", preview: "internships mail preview results", key: "results"),
            .init(name: "Письма на паузе (errors)", count: 1, command: "internships outbox retry 23", key: "held-errors"),
        ]
        facts.bounces = [.init(inboundID: 44, address: "nobody@example.test", subject: "Undelivered Mail Returned to Sender")]
        facts.deadMail = [.init(outboxID: 17, recipient: "old@example.test", template: "ack_participant",
                                reply: "550 5.1.1 mailbox unavailable")]
        facts.rsvp = [.init(programme: 5, title: "Инклюзивный туризм", seats: 10, invited: 11, confirmed: 6, declined: 1,
                            silent: 3, silentDeadline: "02.10.2027", expired: 1, reserveLeft: 2, lateYes: 1)]
        facts.upcoming = [.init(date: "01.10.2027", programme: 5, title: "Инклюзивный туризм",
                                organisation: "АНО «Кама»", venue: "г. Пермь, ул. Ленина, 1", confirmed: 6, seats: 10)]
        facts.ideas = [.init(number: 3, title: "Экотропа в Кудымкаре", sender: "a1@example.test",
                             partners: "Центр Парма; АНО «Кама»")]
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
        SampleContext(name: "release_reply_released", template: "release_reply", context: releaseReply([
            "outcome_released": true, "queued": 7, "what": "Письма о результатах отбора программ (решение, редакция 2)",
            "command": "internships mail release results", "line": "ОТПРАВИТЬ results",
        ], waiting: [("held-errors", "Письма на паузе (errors)", 1)])),
        SampleContext(name: "release_reply_unverified", template: "release_reply", context: releaseReply([
            "outcome_unverified": true, "inbound_id": 58, "line": "ОТПРАВИТЬ selection",
        ], waiting: [("selection", "Письма участникам о результатах отбора (черновик отбора)", 41)])),
        SampleContext(name: "release_reply_nothing", template: "release_reply", context: releaseReply([
            "outcome_nothing_waiting": true, "line": "ОТПРАВИТЬ results",
        ], waiting: [])),
    ]

    /// The answer to a coordinator's "ОТПРАВИТЬ …" reply (Pipeline's release by reply).
    static func releaseReply(_ extra: [String: TemplateValue], waiting: [(String, String, Int)]) -> [String: TemplateValue] {
        var context: [String: TemplateValue] = [
            "name": "Анна", "campaign": "Стажировки НКО Прикамья — 2027",
            "waiting": .list(waiting.map { .object(["key": .text($0.0), "name": .text($0.1), "count": .number($0.2)]) }),
            "has_waiting": .flag(!waiting.isEmpty),
            "outcome_released": false, "outcome_nothing_waiting": false, "outcome_unknown_batch": false,
            "outcome_unverified": false, "outcome_failed": false, "inbound_id": 58, "batch": "results",
        ]
        context.merge(extra) { _, new in new }
        return context
    }
}
