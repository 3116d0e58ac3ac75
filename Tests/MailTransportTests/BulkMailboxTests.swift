import Foundation
import Testing
@testable import MailTransport

/// 20,000 messages loaded straight into the Maildir: the windowed UID search finds them all,
/// where one unwindowed search line would be cut by libcurl.
@Suite("Large mailbox search")
struct BulkMailboxTests {
    static let count = 20_000

    @Test func searchReturnsAllTwentyThousandUIDs() throws {
        let servers = try TestServers.require()
        let user = servers.freshUser("bulk")
        let session = try IMAPSession(settings: servers.imap(user), logger: testLogger)
        _ = try session.status(mailbox: "INBOX")  // first login creates the Maildir
        let cur = servers.maildir(user) + "/cur"
        defer { try? FileManager.default.removeItem(atPath: servers.maildir(user)) }
        let owner = try FileManager.default.attributesOfItem(atPath: cur)
        let uid = (owner[.ownerAccountID] as? NSNumber)?.uint32Value ?? 0
        let gid = (owner[.groupOwnerAccountID] as? NSNumber)?.uint32Value ?? 0
        // Plain POSIX writes: FileManager.createFile is ~8 ms per file here (atomic rename).
        for i in 0..<Self.count {
            let path = "\(cur)/1764400000.M\(i)P1.bulk:2,S"
            let body = sampleMessage(to: user, subject: "bulk \(i)", body: "n \(i)", messageID: "bulk-\(i)")
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard fd >= 0 else { Issue.record("cannot write \(path)"); return }
            let written = body.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            fchown(fd, uid, gid)
            close(fd)
            guard written == body.count else { Issue.record("short write \(path)"); return }
        }
        #expect(try servers.doveadm(["force-resync", "-u", user, "INBOX"]) == 0)
        #expect(try servers.doveadm(["index", "-u", user, "INBOX"]) == 0)

        let status = try session.status(mailbox: "INBOX")
        #expect(status.messages == Self.count)
        let uids = try session.searchUIDs(mailbox: "INBOX")
        #expect(uids.count == Self.count)
        #expect(Set(uids).count == Self.count)
        #expect(uids == uids.sorted())
        // From a cursor in the middle: only UIDs at or above it, none of the "n:*" extra.
        let tail = try session.searchUIDs(mailbox: "INBOX", from: uids[Self.count - 10])
        #expect(tail == Array(uids.suffix(10)))
        let beyond = try session.searchUIDs(mailbox: "INBOX", from: status.uidNext)
        #expect(beyond.isEmpty)
        #expect(session.connectionsOpened == 1)

        // Another session flags all 20,000: a session with INBOX selected gets 20,000
        // untagged FETCH updates with its next command, more than libcurl's 300 KiB limit on
        // a transfer's server lines (CURLE 56). Idempotent commands are retried on a fresh
        // login; APPEND is never retried, it goes after a NOOP that clears the backlog.
        let flooded = try IMAPSession(settings: servers.imap(user), logger: testLogger)
        _ = try flooded.searchUIDs(mailbox: "INBOX")
        let other = try IMAPSession(settings: servers.imap(user), logger: testLogger)
        try other.setFlags(mailbox: "INBOX", uidValidity: status.uidValidity, uids: uids, flags: ["\\Flagged"])
        #expect(try flooded.status(mailbox: "INBOX").messages == Self.count)
        #expect(try flooded.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: uids[7]).count > 0)
        try other.setFlags(mailbox: "INBOX", uidValidity: status.uidValidity, uids: uids, flags: ["\\Flagged"], add: false)
        try flooded.append(mailbox: "INBOX", bytes: sampleMessage(to: user, subject: "after flood", body: "x"))
        try other.setFlags(mailbox: "INBOX", uidValidity: status.uidValidity, uids: uids, flags: ["\\Answered"])
        #expect(try flooded.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: uids[8]).count > 0)
        // Exactly one message appended (APPEND is never retried), and STATUS is current.
        #expect(try other.status(mailbox: "INBOX").messages == Self.count + 1)
        #expect(try other.searchUIDs(mailbox: "INBOX").count == Self.count + 1)
        #expect(flooded.connectionsOpened >= 4)  // the floods really cost fresh logins

        // One window over everything still fits: the buffer is raised to libcurl's maximum.
        var wide = servers.imap(user)
        wide.searchWindow = 100_000
        #expect(try IMAPSession(settings: wide, logger: testLogger).searchUIDs(mailbox: "INBOX").prefix(Self.count) == uids[...])

        // With libcurl's default 16 KiB buffer one 20,000-UID line is cut without an error;
        // the count cross-check turns that into a typed error instead of a short list.
        let small = try IMAPSession(settings: wide, logger: testLogger)
        try small.setReceiveBufferSize(16 * 1024)
        let cut = try #require(throws: TransportError.self) { try small.searchUIDs(mailbox: "INBOX") }
        #expect(cut.kind == .truncated)
        #expect(cut.hint.contains("\(Self.count + 1)"))
    }
}
