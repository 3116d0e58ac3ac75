// Turns an `OutgoingMessage` into RFC 5322 / MIME bytes. Pure and deterministic: the same
// message gives the same bytes (boundaries are derived from the content, not random).

import Foundation

/// The serialiser behind `OutgoingMessage.generate()`.
///
/// Invariants of every output: CRLF line ends only; header lines ≤ 78 characters where a
/// folding point exists and never over 998 (RFC 5322 §2.1.1, §2.2.3); body lines ≤ 76
/// (quoted-printable or base64, RFC 2045 §6.7/§6.8); only ASCII bytes; no line starts with
/// `.` (so the message is safe for SMTP even without dot-stuffing — libcurl also dot-stuffs
/// SMTP uploads, RFC 5321 §4.5.2) and no line starts with `From `; no header value can
/// contain CR, LF or NUL, so no value can start a header of its own.
struct Generator {
    static let preferredLineLength = 78
    static let maxLineLength = 998
    /// ASCII words longer than this are RFC 2047 encoded so a header line stays ≤ 998.
    static let maxLiteralWordLength = 900

    static let crlf: [UInt8] = [13, 10]

    /// One MIME entity before serialisation. Multipart boundaries are chosen when the
    /// children's bytes are known.
    indirect enum Entity {
        /// Content header lines (folded, CRLF-terminated) and the encoded body.
        case leaf(headers: [UInt8], body: [UInt8])
        case multipart(subtype: String, children: [Entity])
    }

    let message: OutgoingMessage

    func generate() throws(OutgoingMessageError) -> [UInt8] {
        var top: [UInt8] = []
        top += Self.simpleHeader("Date", Self.rfc5322Date(message.date, in: message.timeZone))
        top += try Self.addressHeader("From", [message.from])
        if !message.replyTo.isEmpty { top += try Self.addressHeader("Reply-To", message.replyTo) }
        if !message.to.isEmpty { top += try Self.addressHeader("To", message.to) }
        if !message.cc.isEmpty { top += try Self.addressHeader("Cc", message.cc) }
        top += Self.unstructuredHeader("Subject", message.subject)
        top += try Self.messageIDHeader("Message-ID", [message.messageID])
        if !message.inReplyTo.isEmpty { top += try Self.messageIDHeader("In-Reply-To", message.inReplyTo) }
        if !message.references.isEmpty { top += try Self.messageIDHeader("References", message.references) }
        for header in message.extraHeaders {
            // Also checked by the initialiser; repeated so the invariant is visible where the
            // bytes are written.
            precondition(OutgoingHeader.isValidName(header.name),
                         "extra header name \(header.name.debugDescription) is not RFC 5322 ftext")
            top += Self.unstructuredHeader(header.name, header.value)
        }
        top += Self.simpleHeader("MIME-Version", "1.0")
        return Self.serialize(body(), prefix: top, salt: 0)
    }

    /// The MIME tree, smallest shape that fits (see `OutgoingMessage`).
    private func body() -> Entity {
        var alternatives: [Entity] = [Self.textLeaf(subtype: "plain", parameters: [], text: message.textBody)]
        if let html = message.htmlBody {
            alternatives.append(Self.textLeaf(subtype: "html", parameters: [], text: html))
        }
        var files: [OutgoingAttachment] = []
        if let calendar = message.calendar {
            precondition(Encoders.isToken(calendar.method),
                         "calendar method \(calendar.method.debugDescription) is not an RFC 2045 token")
            alternatives.append(Self.textLeaf(subtype: "calendar",
                                              parameters: [.init(name: "method", value: calendar.method)],
                                              text: calendar.text))
            if let filename = calendar.attachmentFilename {
                files.append(OutgoingAttachment(filename: filename, contentType: "application/ics",
                                                data: Self.crlfBytes(calendar.text)))
            }
        }
        files += message.attachments
        let main = alternatives.count == 1 ? alternatives[0] : .multipart(subtype: "alternative", children: alternatives)
        if files.isEmpty { return main }
        return .multipart(subtype: "mixed", children: [main] + files.map(Self.attachmentLeaf))
    }

    /// Writes an entity; `prefix` holds the header lines that go before its own.
    static func serialize(_ entity: Entity, prefix: [UInt8], salt: UInt64) -> [UInt8] {
        switch entity {
        case let .leaf(headers, body):
            return prefix + headers + crlf + body
        case let .multipart(subtype, children):
            let parts = children.enumerated().map { index, child in
                serialize(child, prefix: [], salt: salt &* 31 &+ UInt64(index) &+ 1)
            }
            let boundary = chooseBoundary(parts: parts, salt: salt)
            var out = prefix
            var contentType = HeaderFolder(name: "Content-Type")
            contentType.append("multipart/\(subtype);")
            contentType.append("boundary=\"\(boundary)\"")
            out += contentType.bytes()
            out += crlf
            let delimiter = Array("--\(boundary)".utf8)
            // RFC 2046 §5.1.1: the CRLF before each delimiter belongs to the delimiter.
            for part in parts {
                out += delimiter + crlf + part + crlf
            }
            out += delimiter + Array("--".utf8) + crlf
            return out
        }
    }
}
