// Pickup: first run imports, UIDVALIDITY change re-scans without duplicates.
import Foundation
import MailTransport
import MailMessage
import Testing
@testable import Pipeline
import Store

@Suite struct PickupTests {
    @Test func firstRunImportsExistingMailWithoutAnswering() throws {
        let harness = try Harness(config: PipelineConfig(
            campaign: "perm-2026", programmeAddress: "intake@example.test"))
        for i in 1...3 {
            harness.mailbox.deliver(Mail.make(from: "old\(i)@example.test", body: Mail.program(org: "Орг \(i)"), id: "o\(i)@x"))
        }
        let first = try harness.run()
        #expect(first.pickup?.imported == 3 && first.pickup?.stored == 0)
        #expect(try harness.inbound().allSatisfy { $0.state == .imported && $0.ackedAt != nil })
        #expect(try harness.outbox().isEmpty)
        #expect(try harness.submissions().isEmpty)
        #expect(harness.mailbox.folders["Processed"]?.count == 3)

        harness.mailbox.deliver(Mail.make(from: "new@example.test", body: Mail.program(org: "Новая"), id: "n1@x"))
        let second = try harness.run()
        #expect(second.pickup?.stored == 1)
        #expect(try harness.outbox().map(\.recipient) == ["new@example.test"])
    }

    @Test func firstRunOverAnEmptyMailboxAnswersWhatComesNext() throws {
        let harness = try Harness(config: PipelineConfig(campaign: "c", programmeAddress: "intake@example.test"))
        try harness.run()
        harness.mailbox.deliver(Mail.make(from: "a@example.test", body: Mail.program(org: "А"), id: "a@x"))
        try harness.run()
        #expect(try harness.outbox().count == 1)
    }

    @Test func uidValidityChangeRescansWithoutDuplicates() throws {
        let harness = try Harness()
        for i in 1...4 {
            harness.mailbox.deliver(Mail.make(from: "h\(i)@example.test", body: Mail.program(org: "Орг \(i)"), id: "u\(i)@x"))
        }
        // Fetch and parse but do not ack: the mail stays in the inbox.
        let stages = harness.stages()
        _ = try stages.pickup(from: harness.mailbox, now: Harness.t0)
        _ = try stages.parse(now: Harness.t0)
        harness.mailbox.renumber(uidValidity: 2000)
        harness.mailbox.deliver(Mail.make(from: "late@example.test", body: Mail.program(org: "Поздняя"), id: "late@x"))
        let report = try harness.run()
        #expect(report.pickup?.uidValidityChanged == true)
        #expect(report.pickup?.duplicates == 4)
        #expect(report.pickup?.stored == 1)
        let inbound = try harness.inbound()
        #expect(inbound.count == 5)
        #expect(inbound.allSatisfy { $0.uidValidity == 2000 && $0.ackedAt != nil })
        #expect(harness.mailbox.inboxUIDs.isEmpty)
        let recipients = try harness.outbox().map(\.recipient).sorted()
        #expect(recipients == ["h1@example.test", "h2@example.test", "h3@example.test", "h4@example.test", "late@example.test"])
        #expect(try harness.store.status().cursors.map(\.uidValidity) == [2000])
    }

    @Test(arguments: [
        ("Message-ID: <abc@x>\r\nSubject: s\r\n\r\nMessage-ID: <body@x>", "abc@x"),
        ("Subject: s\r\nmessage-id:\r\n <folded@x>\r\n\r\n", "folded@x"),
        ("Subject: s\n\nMessage-ID: <only-in-body@x>", nil),
        ("Message-ID: bare@x\r\n\r\n", "bare@x"),
    ] as [(String, String?)])
    func rawMessageID(raw: String, want: String?) {
        #expect(RawHeaders.messageID(in: Array(raw.utf8)) == want)
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256KnownAnswers(input: String, want: String) {
        #expect(SHA256.hex(Array(input.utf8)) == want)
    }
}

@Suite struct ReaderTests {
    static let config = PipelineConfig(campaign: "c", programmeAddress: "intake@example.test")

    @Test func standardReaderTakesReplyToReferencesAndForm() {
        let raw = Mail.make(from: "Host@Example.test", body: Mail.program(org: "АНО А"), id: "r3@x",
                            headers: ["Reply-To: Офис <Office@Example.test>", "References: <r1@x> <r2@x>",
                                      "In-Reply-To: <r2@x>"])
        let reading = StandardMessageReader.standard(config: Self.config).read(raw)
        #expect(reading.sender == "host@example.test")
        #expect(reading.replyTo == "office@example.test")
        #expect(reading.references == ["r1@x", "r2@x"])
        #expect(reading.messageID == "r3@x")
        #expect(reading.messageClass == .human)
        #expect(reading.form?.kind == "program")
        #expect(reading.form?.errors == [])
        #expect(reading.form?.value("inn") == "5902123456")
        #expect(reading.form?.value("duration_days") == "2")
        #expect(reading.form?.value("consent") == "да")
        // Fields in the order of the blank form, every field present.
        #expect(reading.form?.fields.first?.id == "organization")
        #expect(reading.form?.fields.count == 13)
    }

    @Test(arguments: [
        ("Как подать заявку?", nil),
        (Mail.participant(name: "Иванова Анна"), "participant"),
        (Mail.score(expert: "Эксперт", number: "№ 017"), "score"),
    ] as [(String, String?)])
    func formKinds(body: String, want: String?) {
        let reading = StandardMessageReader.standard(config: Self.config)
            .read(Mail.make(from: "a@example.test", body: body, id: "k@x"))
        #expect(reading.form?.kind == want)
        if want == "score" { #expect(reading.form?.value("application_number") == "17") }
    }

    @Test func robotsCarryNoForm() {
        let raw = Mail.make(from: "a@example.test", body: Mail.program(org: "А"), id: "k@x", headers: ["Precedence: bulk"])
        let reading = StandardMessageReader.standard(config: Self.config).read(raw)
        #expect(reading.messageClass == .bulk && reading.form == nil)
    }
}
