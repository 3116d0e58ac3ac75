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

extension IMAPSessionTests {
    @Test func vanishedUIDAndStaleUIDValidityAreTypedAndTheNextOperationWorks() throws {
        let servers = try TestServers.require()
        let user = servers.freshUser()
        let session = try IMAPSession(settings: servers.imap(user), logger: testLogger)
        let message = sampleMessage(to: user, subject: "keep", body: "x")
        try session.append(mailbox: "INBOX", bytes: message)
        let status = try session.status(mailbox: "INBOX")

        let vanished = try #require(throws: TransportError.self) {
            try session.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: 999)
        }
        #expect(vanished.kind == .noSuchMessage)
        #expect(vanished.hint.contains("999"))
        #expect(try session.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: 1) == message)

        let stale = try #require(throws: TransportError.self) {
            try session.fetch(mailbox: "INBOX", uidValidity: status.uidValidity &+ 1, uid: 1)
        }
        #expect(stale.kind == .staleUIDValidity)
        #expect(try session.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: 1) == message)

        let staleFlags = try #require(throws: TransportError.self) {
            try session.setFlags(mailbox: "INBOX", uidValidity: status.uidValidity &+ 1, uids: [1], flags: ["\\Flagged"])
        }
        #expect(staleFlags.kind == .staleUIDValidity)

        let noMailbox = try #require(throws: TransportError.self) { try session.status(mailbox: "Nope") }
        #expect(noMailbox.kind == .noSuchMailbox)
        let noMailboxFetch = try #require(throws: TransportError.self) {
            try session.fetch(mailbox: "Nope", uidValidity: 1, uid: 1)
        }
        #expect(noMailboxFetch.kind == .noSuchMailbox)
        #expect(try session.status(mailbox: "INBOX").messages == 1)
    }

    @Test func fetcherDeliversAVanishedUIDAsAFailureAndGoesOn() throws {
        let servers = try TestServers.require()
        let user = servers.freshUser()
        let session = try IMAPSession(settings: servers.imap(user), logger: testLogger)
        let messages = (1...5).map { sampleMessage(to: user, subject: "f\($0)", body: "b\($0)") }
        for m in messages { try session.append(mailbox: "INBOX", bytes: m) }
        let validity = try session.status(mailbox: "INBOX").uidValidity
        var order: [UInt32] = []
        var missing: [UInt32] = []
        let fetcher = IMAPFetcher(settings: servers.imap(user, parallel: 3), logger: testLogger)
        let stats = try fetcher.fetch(mailbox: "INBOX", uidValidity: validity, uids: [5, 1, 77, 3, 2, 4]) { uid, result in
            order.append(uid)
            switch result {
            case .success(let body): #expect(body == messages[Int(uid) - 1])
            case .failure(let e): #expect(e.kind == .noSuchMessage); missing.append(uid)
            }
        }
        #expect(order == [5, 1, 77, 3, 2, 4])
        #expect(missing == [77])
        #expect(stats.delivered == 5)
        #expect(stats.missing == 1)

        let stale = try #require(throws: TransportError.self) {
            _ = try fetcher.fetch(mailbox: "INBOX", uidValidity: validity &+ 1, uids: [1, 2, 3]) { _, _ in }
        }
        #expect(stale.kind == .staleUIDValidity)
    }

    @Test(arguments: [MoveMethod.move, MoveMethod.copyStoreExpunge])
    func moveCreatesTheTargetAndMoves(method: MoveMethod) throws {
        let servers = try TestServers.require()
        let user = servers.freshUser()
        let session = try IMAPSession(settings: servers.imap(user), logger: testLogger)
        for i in 1...4 { try session.append(mailbox: "INBOX", bytes: sampleMessage(to: user, subject: "m\(i)", body: "\(i)")) }
        let validity = try session.status(mailbox: "INBOX").uidValidity
        let target = "Обработано/2026"
        let used = try session.move(mailbox: "INBOX", uidValidity: validity, uids: [1, 3], to: target, method: method)
        #expect(used == method)
        #expect(try session.searchUIDs(mailbox: "INBOX") == [2, 4])
        #expect(try session.status(mailbox: target).messages == 2)
        #expect(try session.listMailboxes().map(\.name).contains(target))
        // A second move into the now existing folder works too (no CREATE error).
        try session.move(mailbox: "INBOX", uidValidity: validity, uids: [2], to: target, method: method)
        #expect(try session.status(mailbox: target).messages == 3)
        #expect(session.connectionsOpened == 1)
    }

    @Test func moveChoosesUIDMoveWhenOffered() throws {
        let servers = try TestServers.require()
        let user = servers.freshUser()
        let session = try IMAPSession(settings: servers.imap(user), logger: testLogger)
        try session.append(mailbox: "INBOX", bytes: sampleMessage(to: user, subject: "m", body: "x"))
        let validity = try session.status(mailbox: "INBOX").uidValidity
        #expect(try session.capabilities().contains("MOVE"))
        #expect(try session.move(mailbox: "INBOX", uidValidity: validity, uids: [1], to: "Processed") == .move)
    }

    @Test func appendKeepsRequestedFlagsOnlyAndFlagsCanChange() throws {
        let servers = try TestServers.require()
        let user = servers.freshUser()
        let session = try IMAPSession(settings: servers.imap(user), logger: testLogger)
        let uid = try session.append(mailbox: "INBOX", bytes: sampleMessage(to: user, subject: "m", body: "x"))
        #expect(uid == 1)
        let validity = try session.status(mailbox: "INBOX").uidValidity
        #expect(try flags(session, uid: 1).contains("\\Seen") == false)
        try session.setFlags(mailbox: "INBOX", uidValidity: validity, uids: [1], flags: ["\\Flagged", "$Processed"])
        let after = try flags(session, uid: 1)
        #expect(after.contains("\\Flagged") && after.contains("$Processed"))
        try session.setFlags(mailbox: "INBOX", uidValidity: validity, uids: [1], flags: ["\\Flagged"], add: false)
        #expect(!(try flags(session, uid: 1)).contains("\\Flagged"))
    }

    /// Flags of one message through a custom UID FETCH (test helper).
    func flags(_ session: IMAPSession, uid: UInt32) throws -> String {
        let t = try session.run("flags", url: session.mailboxURL("INBOX"), command: "UID FETCH \(uid) (FLAGS)")
        return String(decoding: t.body, as: UTF8.self)
    }
}

extension IMAPSessionTests {
    /// Another session changes flags; Dovecot then reports "* n FETCH (FLAGS …)" unasked,
    /// which libcurl takes for the answer. The fetch still returns the right bytes.
    @Test func fetchSurvivesUnsolicitedFlagUpdates() throws {
        let servers = try TestServers.require()
        let user = servers.freshUser()
        let a = try IMAPSession(settings: servers.imap(user), logger: testLogger)
        let messages = (1...6).map { sampleMessage(to: user, subject: "u\($0)", body: "\($0)") }
        for m in messages { try a.append(mailbox: "INBOX", bytes: m) }
        let validity = try a.status(mailbox: "INBOX").uidValidity
        #expect(try a.fetch(mailbox: "INBOX", uidValidity: validity, uid: 1) == messages[0])
        let b = try IMAPSession(settings: servers.imap(user), logger: testLogger)
        for uid: UInt32 in 2...6 {
            try b.setFlags(mailbox: "INBOX", uidValidity: validity, uids: [uid % 6 + 1], flags: ["\\Flagged"])
            #expect(try a.fetch(mailbox: "INBOX", uidValidity: validity, uid: uid) == messages[Int(uid) - 1])
        }
        // Updates that follow the literal are harmless: still the first login.
        #expect(a.connectionsOpened == 1)
        let vanished = try #require(throws: TransportError.self) {
            try b.setFlags(mailbox: "INBOX", uidValidity: validity, uids: [1], flags: ["\\Answered"])
            _ = try a.fetch(mailbox: "INBOX", uidValidity: validity, uid: 99)
        }
        #expect(vanished.kind == .noSuchMessage)
        // For a vanished UID the update is the only FETCH line: CURLE 8, one retry on a new
        // login, then the true answer (no such message).
        #expect(a.connectionsOpened == 2)
    }
}
