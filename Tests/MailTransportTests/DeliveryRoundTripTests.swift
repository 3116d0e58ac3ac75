import Foundation
import MailMessage
import Testing
import TestSupport
@testable import MailTransport

/// 300 messages through Postfix (SMTP, STARTTLS) into Dovecot, fetched back over IMAPS.
@Suite("SMTP delivery → IMAP fetch, byte-exact", .serialized)
struct DeliveryRoundTripTests {
    static let count = 300
    static let bigIndex = 150

    /// "Заявка на стажировку №n" as an RFC 2047 B-encoded word every third message.
    static func subject(_ i: Int) -> String {
        guard i % 3 == 0 else { return "Plain subject \(i)" }
        let b64 = Data("Заявка на стажировку №\(i) — Пермский край".utf8).base64EncodedString()
        return "=?UTF-8?B?\(b64)?="
    }

    static func attachmentMessage(to: String, id: String) -> [UInt8] {
        var generator = SeededRandom(seed: 42)
        let raw = (0..<(5 * 1024 * 1024)).map { _ in UInt8(truncatingIfNeeded: generator.next() as UInt64) }
        let b64 = Data(raw).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let text = [
            "From: sender@example.test", "To: \(to)", "Subject: \(subject(0))", "Message-ID: <\(id)@example.test>",
            "Date: Sun, 29 Nov 2026 09:00:00 +0500", "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b1\"", "", "--b1",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "",
            "Резюме во вложении.", "--b1",
            "Content-Type: application/octet-stream; name=\"resume.bin\"",
            "Content-Transfer-Encoding: base64", "Content-Disposition: attachment; filename=\"resume.bin\"", "",
            b64, "--b1--", "",
        ].joined(separator: "\r\n")
        return Array(text.utf8)
    }

    @Test func threeHundredMessagesFetchedBackByteExact() throws {
        let servers = try TestServers.require()
        let user = servers.freshUser("rt")
        var sent: [String: [UInt8]] = [:]
        let smtp = try SMTPSession(settings: servers.smtp(url: "SMTP_URL"), logger: testLogger)
        for i in 0..<Self.count {
            let id = "rt-\(i)-\(UUID().uuidString)"
            let bytes = i == Self.bigIndex
                ? Self.attachmentMessage(to: user, id: id)
                : sampleMessage(to: user, subject: Self.subject(i), body: "Сообщение \(i)\r\n.leading dot\r\n..two dots\r\n.\r\nafter a lone dot (RFC 5321 §4.5.2)", messageID: id)
            let result = try smtp.send(from: "sender@example.test", recipients: [user], data: bytes)
            #expect(result.accepted, "message \(i): \(String(describing: result.finalReply))")
            sent[id] = bytes
        }
        #expect(smtp.connectionsOpened == 1)

        let imap = try IMAPSession(settings: servers.imap(user), logger: testLogger)
        let status = try waitForMessages(imap, count: Self.count)
        let uids = try imap.searchUIDs(mailbox: "INBOX")
        #expect(uids.count == Self.count)

        // Parallel fetch on 2 reused handles: every message matches what was sent.
        var digests: [UInt32: String] = [:]
        var matched = Set<String>()
        var debugLogger = testLogger
        debugLogger.logLevel = .debug
        let fetcher = IMAPFetcher(settings: servers.imap(user, parallel: 2), logger: debugLogger)
        let stats = try fetcher.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uids: uids) { uid, result in
            let body = try result.get()
            digests[uid] = SHA256.hex(body)
            guard let id = messageID(body), let want = sent[id] else {
                Issue.record("UID \(uid): no known Message-ID")
                return
            }
            matched.insert(id)
            // Postfix and Dovecot prepend trace fields; everything we sent follows byte for byte.
            #expect(body.count >= want.count)
            let tail = body.suffix(want.count)
            #expect(SHA256.hex(Array(tail)) == SHA256.hex(want), "UID \(uid) differs from what was sent")
            let prefix = String(decoding: body.prefix(body.count - want.count), as: UTF8.self)
            #expect(onlyTraceFields(prefix), "UID \(uid) prefix: \(prefix.prefix(300))")
        }
        #expect(matched.count == Self.count)
        #expect(stats.delivered == Self.count)
        #expect(stats.connectionsOpened == 2)
        #expect(stats.bytes > 5 * 1024 * 1024)

        // One login serves 100 fetches on one reused handle, and they agree with the parallel run.
        let single = try IMAPSession(settings: servers.imap(user), logger: testLogger)
        for uid in uids.prefix(100) {
            let body = try single.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: uid)
            #expect(SHA256.hex(body) == digests[uid])
        }
        #expect(single.connectionsOpened == 1)
    }
}

func waitForMessages(_ imap: IMAPSession, mailbox: String = "INBOX", count: Int,
                     timeout: Duration = .seconds(90)) throws -> MailboxStatus {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while true {
        let status = try imap.status(mailbox: mailbox)
        if status.messages >= count || clock.now > deadline { return status }
        Thread.sleep(forTimeInterval: 0.3)
    }
}

func messageID(_ body: [UInt8]) -> String? {
    let head = String(decoding: body.prefix(4096), as: UTF8.self)
    guard let r = head.range(of: "\r\nMessage-ID: <"), let end = head[r.upperBound...].firstIndex(of: "@") else { return nil }
    return String(head[r.upperBound..<end])
}

/// True when every line is a Return-Path, Delivered-To or Received field (or its continuation).
func onlyTraceFields(_ prefix: String) -> Bool {
    prefix.components(separatedBy: "\r\n").filter { !$0.isEmpty }.allSatisfy { line in
        line.hasPrefix(" ") || line.hasPrefix("\t") || line.hasPrefix("Return-Path:")
            || line.hasPrefix("Delivered-To:") || line.hasPrefix("Received:")
    }
}

