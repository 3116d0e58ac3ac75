import Foundation
import Testing
@testable import MailTransport

@Suite("SMTP against Postfix")
struct SMTPSessionTests {
    @Test func hundredMessagesToThreeRecipientsOnOneConnection() throws {
        let servers = try TestServers.require()
        let recipients = (0..<3).map { _ in servers.freshUser("rcpt") }
        let smtp = try SMTPSession(settings: servers.smtp(url: "SMTP_URL"), logger: testLogger)
        for i in 0..<100 {
            let data = sampleMessage(to: recipients.joined(separator: ", "), subject: "batch \(i)", body: "n \(i)")
            let result = try smtp.send(from: "programme@example.test", recipients: recipients, data: data)
            #expect(result.accepted)
            #expect(result.failure == nil)
            #expect(result.recipients.map(\.address) == recipients)
            #expect(result.recipients.allSatisfy { $0.delivered && $0.reply?.code == 250 })
        }
        #expect(smtp.connectionsOpened == 1)
        for r in recipients {
            let imap = try IMAPSession(settings: servers.imap(r), logger: testLogger)
            #expect(try waitForMessages(imap, count: 100).messages == 100)
        }
    }

    @Test func refusedRecipientIsReportedForThatRecipientOnly() throws {
        let servers = try TestServers.require()
        let good1 = servers.freshUser("ok"), good2 = servers.freshUser("ok")
        let bad = "unknown-\(UUID().uuidString.prefix(8).lowercased())@\(servers.domain)"
        let smtp = try SMTPSession(settings: servers.smtp(url: "SMTP_URL"), logger: testLogger)
        let result = try smtp.send(from: "programme@example.test", recipients: [good1, bad, good2],
                                   data: sampleMessage(to: good1, subject: "mixed", body: "x"))
        #expect(result.accepted)
        #expect(result.recipients.map(\.delivered) == [true, false, true])
        let refused = result.recipients[1]
        #expect(refused.reply?.code == 550)
        #expect(refused.failure == .permanent)
        #expect(refused.reply?.text.contains(bad) == true || refused.reply?.text.isEmpty == false)
        #expect(result.failure == .permanent)
        #expect(result.failedRecipients.map(\.address) == [bad])
        for r in [good1, good2] {
            let imap = try IMAPSession(settings: servers.imap(r), logger: testLogger)
            #expect(try waitForMessages(imap, count: 1).messages == 1)
        }
        // The session goes on: the next message is accepted.
        let next = try smtp.send(from: "programme@example.test", recipients: [good1],
                                 data: sampleMessage(to: good1, subject: "after", body: "y"))
        #expect(next.accepted)
    }

    @Test func allRecipientsRefusedIsAResultNotAThrow() throws {
        let servers = try TestServers.require()
        let smtp = try SMTPSession(settings: servers.smtp(url: "SMTP_URL"), logger: testLogger)
        let bad = ["nobody-a@\(servers.domain)", "unknown-b@\(servers.domain)"]
        let result = try smtp.send(from: "programme@example.test", recipients: bad,
                                   data: sampleMessage(to: bad[0], subject: "none", body: "x"))
        #expect(!result.accepted)
        #expect(result.recipients.allSatisfy { !$0.delivered && $0.reply?.code == 550 && $0.failure == .permanent })
        #expect(result.curlCode != 0)
    }
}
