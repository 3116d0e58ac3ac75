// The digest through the real Postfix and Dovecot on loopback: queued by the stage, sent by
// deliver over SMTPS, read back from the coordinator's mailbox with its Russian subject,
// both parts and the automatic-mail header. Fails (never skips) without the servers.
import Foundation
import Logging
import MailMessage
import MailTransport
@testable import Pipeline
import Rendering
import Store
import Testing

@Suite(.serialized) struct DigestDeliveryTests {
    static func templates() throws -> TemplateSet {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("mail-templates")
        var sources: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".mustache") {
            sources[String(name.dropLast(".mustache".count))] =
                try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }
        return try TemplateSet(sources: sources)
    }

    @Test func digestReachesTheCoordinatorOnce() throws {
        let env = try MailEnv.require()
        let tag = UUID().uuidString.lowercased().prefix(8)
        let intake = "intake-\(tag)@example.test", coordinator = "coord-\(tag)@example.test"
        var logger = Logger(label: "digest-e2e")
        logger.logLevel = .warning
        let harness = try Harness(config: PipelineConfig(campaign: "2026", programmeAddress: intake,
                                                         programmeName: "Стажировки НКО"))
        let stages = Stages(store: harness.store, config: harness.config,
                            reader: StandardMessageReader.standard(config: harness.config), logger: logger)
        let digest = DigestConfig(coordinators: [.init(name: "Анна", email: coordinator)],
                                  campaignTitle: "Стажировки НКО Прикамья — 2026", targets: ["participants": 60])
        let pass = DigestPass(source: StoreDigestSource(store: harness.store, config: harness.config, digest: digest),
                              config: digest, renderer: try Self.templates())
        let monday = Date(timeIntervalSince1970: 1_790_000_000) // 2026-09-21 19:13 Perm time, a Monday
        let sender = try SMTPMailSender(settings: env.smtp(intake), logger: logger)
        let runner = Runner(stages: stages, digest: pass)
        let first = try runner.run([.plan, .deliver], source: nil, sender: sender, now: monday)
        #expect(first.digest?.outcomes[coordinator] == .heartbeat)
        #expect(first.deliver?.sent == 1)
        let second = try runner.run([.plan, .deliver], source: nil, sender: sender, now: monday.addingTimeInterval(600))
        #expect(second.digest?.outcomes[coordinator] == .alreadySent)
        #expect(second.deliver?.sent == 0)

        let box = try IMAPSession(settings: env.imap(coordinator), logger: logger)
        #expect(try waitForMail(box, count: 1) == 1)
        let status = try box.status(mailbox: "INBOX")
        let uids = try box.searchUIDs(mailbox: "INBOX")
        try #require(uids.count == 1)
        let mail = Message.parse(try box.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: uids[0]))
        #expect(mail.subject == "Сводка программы «Стажировки НКО Прикамья — 2026» за 21 сентября 2026 г.: всё спокойно")
        #expect(mail.autoSubmitted == "auto-generated")
        #expect(mail.textBody.contains("Заявки участников: 0 из 60 (0%)"))
        #expect(mail.from.first?.address == intake)
    }
}
