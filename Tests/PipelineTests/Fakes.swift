// Fakes for the edges: an in-memory IMAP mailbox, a relay, a small reader, a crash hook.
import Foundation
import TestSupport
import MailMessage
@testable import Pipeline

/// An in-memory mailbox with IMAP's UID rules (UIDs only grow; UIDVALIDITY can change).
final class FakeMailbox: MailboxSource, @unchecked Sendable {
    private let lock = NSLock()
    var uidValidity: Int64 = 1000
    private(set) var nextUid: Int64 = 1
    private(set) var inbox: [(uid: Int64, raw: [UInt8])] = []
    private(set) var folders: [String: [[UInt8]]] = [:]
    var down = false
    private(set) var fetchCount = 0
    private(set) var moveCount = 0

    func deliver(_ raw: [UInt8]) {
        lock.withLock {
            inbox.append((nextUid, raw))
            nextUid += 1
        }
    }

    /// The server renumbers everything (e.g. a restored mailbox): RFC 3501 §2.3.1.1.
    func renumber(uidValidity: Int64) {
        lock.withLock {
            self.uidValidity = uidValidity
            nextUid = 1
            inbox = inbox.map { message in
                defer { nextUid += 1 }
                return (nextUid, message.raw)
            }
        }
    }

    var inboxUIDs: [Int64] { lock.withLock { inbox.map(\.uid) } }

    func status() throws -> MailboxStatus {
        try lock.withLock {
            if down { throw PipelineError.temporary("IMAP 127.0.0.1:1143 unreachable (fake)") }
            return MailboxStatus(uidValidity: uidValidity, messages: inbox.count, uidNext: nextUid)
        }
    }

    func searchUIDs(from: Int64) throws -> [Int64] {
        try lock.withLock {
            if down { throw PipelineError.temporary("IMAP down (fake)") }
            let found = inbox.map(\.uid).filter { $0 >= from }
            // RFC 3501: `n:*` includes the highest UID even when it is below n.
            if found.isEmpty, let last = inbox.last?.uid { return [last] }
            return found
        }
    }

    func fetch(uids: [Int64], uidValidity: Int64) throws -> [FetchedMessage] {
        try lock.withLock {
            if down || uidValidity != self.uidValidity { throw PipelineError.temporary("IMAP down (fake)") }
            fetchCount += uids.count
            let wanted = Set(uids)
            return inbox.filter { wanted.contains($0.uid) }.map { FetchedMessage(uid: $0.uid, raw: $0.raw) }
        }
    }

    func move(uids: [Int64], uidValidity: Int64, to folder: String) throws {
        try lock.withLock {
            if down || uidValidity != self.uidValidity { throw PipelineError.temporary("IMAP down (fake)") }
            moveCount += 1
            let wanted = Set(uids)
            for message in inbox where wanted.contains(message.uid) {
                folders[folder, default: []].append(message.raw)
            }
            inbox.removeAll { wanted.contains($0.uid) }
        }
    }
}

/// A relay that records what it accepted (by Message-ID) and can be down or refuse.
final class FakeSender: MailSender, @unchecked Sendable {
    private let lock = NSLock()
    var down = false
    /// Recipients the relay refuses with 550.
    var refused: Set<String> = []
    /// Recipients the relay defers with 451.
    var tempFailing: Set<String> = []
    private(set) var accepted: [(messageID: String, recipient: String, raw: [UInt8])] = []
    private(set) var connections = 0

    func send(_ batch: [Envelope]) throws -> [SendResult] {
        var results: [SendResult] = []
        try send(batch) { results.append($0) }
        return results
    }

    /// As a relay does: each message is accepted (or not) before the next one is sent, and
    /// the verdict is handed over at once.
    func send(_ batch: [Envelope], each: (SendResult) throws -> Void) throws {
        try lock.withLock {
            if down { throw PipelineError.temporary("SMTP 127.0.0.1:2525 connection refused (fake)") }
            connections += 1
        }
        for envelope in batch {
            let result = lock.withLock { () -> SendResult in
                let recipient = envelope.recipients.first ?? ""
                if refused.contains(recipient) {
                    return SendResult(id: envelope.id, code: 550, text: "5.1.1 no such user", outcome: .permanent)
                }
                if tempFailing.contains(recipient) {
                    return SendResult(id: envelope.id, code: 451, text: "4.3.0 try later", outcome: .retryLater)
                }
                accepted.append((RawHeaders.messageID(in: envelope.raw) ?? "", recipient, envelope.raw))
                return SendResult(id: envelope.id, code: 250, text: "2.0.0 Ok: queued", outcome: .delivered)
            }
            try each(result)
        }
    }

    var acceptedIDs: [String] { lock.withLock { accepted.map(\.messageID) } }
}

/// Throws `SimulatedCrash` at the k-th step (1-based); with nil only counts and names steps.
final class CountingCrash: CrashPoint, @unchecked Sendable {
    private let lock = NSLock()
    let crashAt: Int?
    private(set) var steps: [String] = []
    init(crashAt: Int?) { self.crashAt = crashAt }

    func reach(_ step: String) throws {
        try lock.withLock {
            steps.append(step)
            if steps.count == crashAt { throw SimulatedCrash(step: step, index: steps.count) }
        }
    }
}

/// The project's real templates (`mail-templates/` at the package root).
let templatesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("mail-templates")

/// Records what each reply said, then renders it with the real templates.
final class RecordingRenderer: ReplyRenderer, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var contents: [ReplyContent] = []
    let inner: any ReplyRenderer

    init() throws {
        inner = try TemplateReplyRenderer(directory: templatesDirectory, campaignTitle: "Стажировки НКО 2026",
                                          timeZone: TimeZone(identifier: "Asia/Yekaterinburg") ?? .current)
    }

    func render(_ content: ReplyContent) throws -> RenderedReply {
        lock.withLock { contents.append(content) }
        return try inner.render(content)
    }
}

/// Test message bytes with real forms.
enum Mail {
    static func make(from: String, subject: String = "Заявка", body: String, id: String,
                     headers: [String] = []) -> [UInt8] {
        var lines = ["From: Отправитель <\(from)>", "To: intake@example.test", "Subject: \(subject)",
                     "Message-ID: <\(id)>", "Date: Sun, 29 Nov 2026 09:00:00 +0500", "MIME-Version: 1.0"]
        var body = body
        for header in headers {
            if header.lowercased().hasPrefix("content-type: multipart/report") {
                // A real RFC 3464 report: human part, then message/delivery-status.
                lines.append(header + "; boundary=\"rpt\"")
                body = "--rpt\nContent-Type: text/plain; charset=utf-8\n\n\(body)\n--rpt\n"
                    + "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.test\n\n"
                    + "Final-Recipient: rfc822; someone@example.test\nAction: failed\nStatus: 5.1.1\n\n--rpt--\n"
            } else {
                lines.append(header)
            }
        }
        if !headers.contains(where: { $0.lowercased().hasPrefix("content-type:") }) {
            lines += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
        }
        lines += ["", body.replacingOccurrences(of: "\n", with: "\r\n")]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    static func program(org: String, inn: String? = "5902123456", title: String = "Инклюзивный туризм") -> String {
        FormText.program(org: org, inn: inn, title: title)
    }

    static func participant(name: String) -> String { FormText.participant(name: name) }

    static func score(expert: String, number: String) -> String { FormText.score(expert: expert, number: number) }

    /// The text body of a composed reply, through the real parser.
    static func replyText(_ raw: [UInt8]) -> String {
        Message.parse(raw).textBody
    }

    static func header(_ name: String, in raw: [UInt8]) -> String? {
        let text = String(decoding: raw, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
        let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ")
        for line in unfolded.components(separatedBy: "\r\n") where line.lowercased().hasPrefix(name.lowercased() + ":") {
            return String(line.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
