// Builds the bytes of an outgoing reply: headers per RFC 5322 / RFC 3834, UTF-8 text (and
// HTML) bodies in base64 so no line-length or 8-bit issues reach the relay.
import Foundation

/// The headers that tie a reply to its cause.
public struct ReplyHeaders: Sendable, Hashable {
    public var from: String
    public var fromName: String?
    public var to: String
    public var subject: String
    /// Without angle brackets.
    public var messageID: String
    public var inReplyTo: String?
    /// Oldest first, without angle brackets.
    public var references: [String]
    public var replyTo: String
    public var loopHeader: String
    public var loopValue: String
    public var date: Date
}

/// Composes a reply message. Deterministic: same input, same bytes.
public enum ReplyComposer {
    public static func compose(_ headers: ReplyHeaders, text: String, html: String?) -> [UInt8] {
        var lines: [String] = []
        lines.append("From: " + mailbox(name: headers.fromName, address: headers.from))
        lines.append("To: " + headers.to)
        lines.append("Reply-To: " + headers.replyTo)
        lines.append("Subject: " + encodeWords(headers.subject))
        lines.append("Date: " + rfc5322Date(headers.date))
        lines.append("Message-ID: <\(headers.messageID)>")
        if let parent = headers.inReplyTo { lines.append("In-Reply-To: <\(parent)>") }
        if !headers.references.isEmpty {
            // RFC 5322 §3.6.4: fold between ids to stay under 998 octets.
            lines.append("References: " + headers.references.map { "<\($0)>" }.joined(separator: "\r\n "))
        }
        // RFC 3834 §5: a response to a message is auto-replied.
        lines.append("Auto-Submitted: auto-replied")
        lines.append("\(headers.loopHeader): \(headers.loopValue)")
        lines.append("MIME-Version: 1.0")
        var body: [String] = []
        if let html {
            let boundary = "=_" + String(headers.messageID.unicodeScalars.filter {
                CharacterSet.alphanumerics.contains($0)
            }.map(Character.init).prefix(40))
            lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            body.append("--\(boundary)")
            body.append(contentsOf: part(type: "text/plain", content: text))
            body.append("--\(boundary)")
            body.append(contentsOf: part(type: "text/html", content: html))
            body.append("--\(boundary)--")
        } else {
            lines.append("Content-Type: text/plain; charset=utf-8")
            lines.append("Content-Transfer-Encoding: base64")
            body.append("")
            body.append(contentsOf: base64Lines(text))
        }
        if html != nil { body.insert("", at: 0) }
        return Array((lines + body).joined(separator: "\r\n").utf8) + [13, 10]
    }

    static func part(type: String, content: String) -> [String] {
        ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""]
            + base64Lines(content)
    }

    static func base64Lines(_ text: String) -> [String] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        // RFC 2045 §6.8: lines of at most 76 characters.
        let encoded = Data(normalized.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return encoded.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    static func mailbox(name: String?, address: String) -> String {
        guard let name, !name.isEmpty else { return address }
        return "\(encodeWords(name)) <\(address)>"
    }

    /// RFC 2047 §2: `=?utf-8?B?...?=` words of at most 75 characters, split on characters.
    static func encodeWords(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && text.count < 900 {
            return text
        }
        var words: [String] = []
        var chunk = ""
        for character in text {
            let candidate = chunk + String(character)
            // 36 bytes of UTF-8 -> 48 base64 chars + 12 of framing = 60: with `Subject: `
            // the first line stays under RFC 5322 §2.1.1's 78 characters.
            if candidate.utf8.count > 36 {
                words.append(chunk)
                chunk = String(character)
            } else {
                chunk = candidate
            }
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?utf-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }
            .joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
