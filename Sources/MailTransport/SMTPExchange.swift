// The pure parser that pairs SMTP replies with the commands libcurl sent (read from the
// redacted transcript), so each recipient gets its own reply.

/// The replies to one message's envelope and data, as read from the transcript.
struct SMTPExchange: Equatable {
    var mailReply: SMTPReply?
    /// Recipient address (without angle brackets) → its RCPT reply, in the order sent.
    var recipientReplies: [(address: String, reply: SMTPReply)]
    /// The reply to DATA (354 expected).
    var dataReply: SMTPReply?
    /// The reply after the message body (RFC 5321 §4.1.1.4: 250 when accepted).
    var finalReply: SMTPReply?

    static func == (a: SMTPExchange, b: SMTPExchange) -> Bool {
        a.mailReply == b.mailReply && a.dataReply == b.dataReply && a.finalReply == b.finalReply
            && a.recipientReplies.map(\.address) == b.recipientReplies.map(\.address)
            && a.recipientReplies.map(\.reply) == b.recipientReplies.map(\.reply)
    }

    /// Walks the transcript; the exchange starts at the last `MAIL FROM` (earlier lines belong
    /// to the greeting, EHLO, STARTTLS and AUTH, or to the previous message).
    static func parse(_ lines: [TranscriptLine]) -> SMTPExchange {
        var exchange = SMTPExchange(mailReply: nil, recipientReplies: [], dataReply: nil, finalReply: nil)
        let start = lines.lastIndex { $0.direction == .client && hasVerb($0.text, "MAIL FROM") } ?? lines.endIndex
        var command = ""
        var pending: [String] = []
        for line in lines[start...] {
            switch line.direction {
            case .note:
                continue
            case .client:
                command = line.text
                pending = []
            case .server:
                pending.append(line.text)
                guard let reply = complete(pending) else { continue }
                pending = []
                if hasVerb(command, "MAIL FROM") {
                    exchange.mailReply = reply
                } else if hasVerb(command, "RCPT TO") {
                    exchange.recipientReplies.append((address: address(in: command), reply: reply))
                } else if hasVerb(command, "DATA") {
                    if exchange.dataReply == nil { exchange.dataReply = reply } else { exchange.finalReply = reply }
                }
            }
        }
        return exchange
    }

    /// Whether `line` starts with `verb` (upper-case ASCII), in any case: the same answer as
    /// `line.uppercased().hasPrefix(verb)` for the ASCII commands libcurl sends, without
    /// building an upper-cased copy of every line.
    static func hasVerb(_ line: String, _ verb: String) -> Bool {
        var bytes = line.utf8.makeIterator()
        for want in verb.utf8 {
            guard let got = bytes.next() else { return false }
            let upper = (0x61...0x7A).contains(got) ? got - 0x20 : got
            if upper != want { return false }
        }
        return true
    }

    /// A reply is complete at a line `NNN ` or `NNN` (RFC 5321 §4.2.1: `NNN-` continues).
    static func complete(_ lines: [String]) -> SMTPReply? {
        guard let last = lines.last, let code = replyCode(last) else { return nil }
        let sep = last.dropFirst(3).first
        guard sep == nil || sep == " " else { return nil }
        var enhanced: String?
        var texts: [String] = []
        for line in lines {
            var text = line.dropFirst(4)[...]
            // RFC 2034 §4: the enhanced code starts each line's text.
            if let first = text.split(separator: " ", maxSplits: 1).first, isEnhancedCode(first) {
                enhanced = enhanced ?? String(first)
                text = text.dropFirst(first.count).drop { $0 == " " }
            }
            texts.append(String(text))
        }
        return SMTPReply(code: code, enhancedCode: enhanced, text: texts.joined(separator: " "))
    }

    static func replyCode(_ line: String) -> Int? {
        let digits = line.prefix(3)
        guard digits.count == 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    static func isEnhancedCode(_ s: Substring) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && ["2", "4", "5"].contains(parts[0])
            && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// `RCPT TO:<a@b> NOTIFY=…` → `a@b`.
    static func address(in command: String) -> String {
        guard let open = command.firstIndex(of: "<"), let close = command[open...].firstIndex(of: ">") else {
            return String(command.dropFirst("RCPT TO:".count)).trimmingSpaces()
        }
        return String(command[command.index(after: open)..<close])
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
