import Foundation
import Testing
@testable import MailTransport

@Suite("IMAP against Dovecot", .serialized)
struct IMAPSessionTests {
    @Test func appendStatusSearchFetchRoundTrip() throws {
        let servers = try TestServers.require()
        let user = servers.freshUser()
        let session = try IMAPSession(settings: servers.imap(user), logger: testLogger)
        let messages = (1...3).map { sampleMessage(to: user, subject: "m\($0)", body: "body \($0)") }
        for m in messages { try session.append(mailbox: "INBOX", bytes: m) }
        let status = try session.status(mailbox: "INBOX")
        #expect(status.messages == 3)
        #expect(status.uidNext == 4)
        let uids = try session.searchUIDs(mailbox: "INBOX", from: 1)
        #expect(uids == [1, 2, 3])
        for (uid, want) in zip(uids, messages) {
            let got = try session.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: uid)
            #expect(got == want)
        }
        #expect(session.connectionsOpened == 1)
    }
}
