// Fakes for the edges: an in-memory IMAP mailbox, a relay, a small reader, a crash hook.
import Foundation
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
        try lock.withLock {
            if down { throw PipelineError.temporary("SMTP 127.0.0.1:2525 connection refused (fake)") }
            connections += 1
            return batch.map { envelope in
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

/// A small reader for test messages: a few headers and a `FORM: kind` block of `id: value`.
struct FakeReader: MessageReader {
    static let required = [
        "program": ["organization", "inn", "program_title"],
        "participant": ["full_name", "organization"],
        "score": ["expert", "application_number", "relevance"],
    ]

    func read(_ raw: [UInt8]) -> MessageReading {
        let text = String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        let parts = text.components(separatedBy: "\n\n")
        let headerText = parts.first ?? ""
        let body = parts.dropFirst().joined(separator: "\n\n")
        var headers: [String: String] = [:]
        for line in headerText.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            if headers[name] == nil {
                headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        func address(_ value: String?) -> String? {
            guard let value else { return nil }
            if let open = value.firstIndex(of: "<"), let close = value.firstIndex(of: ">") {
                return String(value[value.index(after: open)..<close]).lowercased()
            }
            return value.lowercased()
        }
        let sender = address(headers["from"])
        var messageClass = MessageClass.human
        if headers["x-internships-loop"] != nil || sender == "intake@example.test" { messageClass = .own }
        else if let auto = headers["auto-submitted"], auto != "no" { messageClass = .autoReply }
        else if headers["content-type"]?.hasPrefix("multipart/report") == true { messageClass = .bounce }
        else if headers["x-spam-flag"] == "YES" { messageClass = .spam }
        else if headers["precedence"] == "bulk" || headers["list-id"] != nil { messageClass = .bulk }
        var form: FormResult?
        let lines = body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        if let first = lines.first(where: { $0.hasPrefix("FORM:") }) {
            let kind = first.dropFirst(5).trimmingCharacters(in: .whitespaces)
            var fields: [FormField] = []
            for line in lines where !line.hasPrefix("FORM:") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                fields.append(FormField(id: String(line[..<colon]),
                                        value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            let errors = (Self.required[kind] ?? []).filter { id in
                !(fields.contains { $0.id == id && !($0.value ?? "").isEmpty })
            }.map { FormProblem(code: "missing:\($0)", message: "Заполните поле \($0)") }
            form = FormResult(kind: kind, location: "body", fields: fields, errors: errors)
        }
        let messageID = headers["message-id"].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<>")) }
        return MessageReading(messageClass: messageClass, sender: sender, replyTo: address(headers["reply-to"]),
                              subject: headers["subject"], messageID: messageID,
                              form: messageClass == .human ? form : nil)
    }
}

/// Records what each reply said, then renders it plainly.
final class RecordingRenderer: ReplyRenderer, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var contents: [ReplyContent] = []
    func render(_ content: ReplyContent) throws -> RenderedReply {
        lock.withLock { contents.append(content) }
        return try PlainReplyRenderer().render(content)
    }
}

/// Test message bytes.
enum Mail {
    static func make(from: String, subject: String = "Заявка", body: String, id: String,
                     headers: [String] = []) -> [UInt8] {
        var lines = ["From: Отправитель <\(from)>", "To: intake@example.test", "Subject: \(subject)",
                     "Message-ID: <\(id)>", "Date: Sun, 29 Nov 2026 09:00:00 +0500"]
        lines += headers
        lines += ["Content-Type: text/plain; charset=utf-8", "", body]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    static func program(org: String, inn: String = "5902123456", title: String = "Инклюзивный туризм") -> String {
        "FORM: program\norganization: \(org)\ninn: \(inn)\nprogram_title: \(title)\nseats: 10\n"
    }

    static func participant(name: String) -> String {
        "FORM: participant\nfull_name: \(name)\norganization: АНО Ромашка\n"
    }

    /// Decodes the base64 text/plain body of a composed reply.
    static func replyText(_ raw: [UInt8]) -> String {
        let text = String(decoding: raw, as: UTF8.self)
        guard let range = text.range(of: "\r\n\r\n") else { return "" }
        let b64 = text[range.upperBound...].replacingOccurrences(of: "\r\n", with: "")
        return Data(base64Encoded: b64).map { String(decoding: $0, as: UTF8.self) } ?? ""
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
