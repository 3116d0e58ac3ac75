import Testing
@testable import MailTransport

/// What `internships mailbox check` prints and which exit status it uses.
@Suite("mailbox check report")
struct MailboxReportTests {
    @Test func reportsCapabilitiesAndEveryFolder() throws {
        let servers = try TestServers.require()
        let user = servers.freshUser("check")
        let session = try IMAPSession(settings: servers.imap(user, url: "IMAP_URL"), logger: testLogger)
        for i in 1...3 { try session.append(mailbox: "INBOX", bytes: sampleMessage(to: user, subject: "\(i)", body: "x")) }
        try session.createMailboxIfAbsent("Обработано")
        try session.append(mailbox: "Обработано", bytes: sampleMessage(to: user, subject: "p", body: "y"))

        let inboxOnly = try MailboxReport(session: session, allFolders: false)
        #expect(inboxOnly.folders.map(\.name) == ["INBOX"])
        #expect(inboxOnly.folders[0].status.messages == 3)
        #expect(inboxOnly.folders[0].status.uidNext == 4)

        let all = try MailboxReport(session: session, allFolders: true)
        #expect(Set(all.folders.map(\.name)) == ["INBOX", "Обработано"])
        let lines = all.lines(user: user)
        #expect(lines[0] == "IMAP imap://127.0.0.1:1143 user \(user): logged in (STARTTLS)")
        #expect(lines[1].hasPrefix("capabilities: MOVE yes, UIDPLUS yes, ESEARCH yes"))
        #expect(lines.contains { $0.hasPrefix("Обработано") && $0.hasSuffix("uidnext=2  messages=1") })
        #expect(lines.contains { $0.hasPrefix("INBOX ") && $0.contains("uidvalidity=\(inboxOnly.folders[0].status.uidValidity)") })
        #expect(!lines.joined().contains(servers.password.reveal()))
    }

    @Test(arguments: [
        (TransportError.Kind.connection, Int32(75)), (.timeout, 75), (.authentication, 78), (.tlsVerification, 78),
        (.insecureURL, 78), (.configuration, 78), (.noSuchMailbox, 78),
    ])
    func exitStatus(kind: TransportError.Kind, want: Int32) {
        #expect(TransportError(kind: kind, hint: "").exitStatus == want)
    }
}
