// Convenience views of a parsed message used by forms, pipeline and `parse --json`.
// CONTRACT: the signatures of the original stubs are fixed; new API may be added.

import Foundation

extension Message {
    /// Mailboxes of the From field(s); groups flattened, display names decoded.
    public var from: [Address] { addresses("From") }
    public var replyTo: [Address] { addresses("Reply-To") }
    public var to: [Address] { addresses("To") }
    public var cc: [Address] { addresses("Cc") }
    /// The decoded Subject (RFC 2047 words, raw 8-bit bytes), trimmed.
    public var subject: String? { header("Subject").map(Self.trimmedHeaderText) }
    /// Message-ID without angle brackets.
    public var messageID: String? { rawHeader("Message-ID").flatMap { MessageIDList.parse($0).first } }
    /// In-Reply-To ids without angle brackets.
    public var inReplyTo: [String] { rawHeader("In-Reply-To").map(MessageIDList.parse) ?? [] }
    /// References ids without angle brackets, oldest first.
    public var references: [String] { rawHeader("References").map(MessageIDList.parse) ?? [] }
    /// The Date header as an instant; nil when absent or not understood (defect `date.invalid`).
    public var date: Date? { header("Date").flatMap(DateParser.parse) }
    /// The Auto-Submitted value (RFC 3834 §5), lower-cased and without parameters.
    public var autoSubmitted: String? {
        header("Auto-Submitted").map { v in
            let main = v.split(separator: ";", maxSplits: 1).first.map(String.init) ?? v
            return main.trimming(chars: " \t").lowercased()
        }
    }

    /// The readable text of the message: the text/plain alternative when present, else the
    /// HTML alternative converted to text. Quotes and signatures are kept as written.
    /// format=flowed is unwrapped; line ends are LF.
    public var textBody: String {
        let parts = BodySelection.bodyPaths(root).compactMap { root.part(at: $0) }
        var texts: [String] = []
        for p in parts {
            if p.contentType == "text/html" {
                texts.append(HTMLText.text(fromHTML: p.text ?? ""))
            } else {
                texts.append(p.text ?? "")
            }
        }
        return texts.joined(separator: "\n")
    }

    /// The HTML body converted to readable text, when the message has an HTML part.
    public var htmlText: String? {
        guard let html = BodySelection.htmlPath(root).flatMap({ root.part(at: $0) }) else { return nil }
        return HTMLText.text(fromHTML: html.text ?? "")
    }

    /// Parts that are attachments (not the chosen body), embedded messages excluded.
    /// A leaf counts when it is not the chosen body and has a filename, or
    /// `Content-Disposition: attachment`, or a non-text type (inline images and
    /// `message/delivery-status` included). uuencoded blocks found in a text body appear here
    /// too. `text` is filled for text/* parts (declared charset, else detected) and for
    /// `.txt`/`.csv` files sent with another type.
    public var attachments: [Attachment] {
        let body = Set(BodySelection.bodyPaths(root))
        let html = BodySelection.htmlPath(root)
        var out: [Attachment] = []
        root.walk { part, path in
            if part.contentType.hasPrefix("multipart/") { return true }
            if part.embedded != nil || part.contentType == "message/rfc822" || part.contentType == "message/global" {
                return false
            }
            if body.contains(path) || path == html { return true }
            let isAttachment = part.filename != nil || part.disposition == "attachment"
                || !part.contentType.hasPrefix("text/")
            if isAttachment {
                var text = part.text
                if text == nil, let name = part.filename?.lowercased(),
                   name.hasSuffix(".txt") || name.hasSuffix(".csv") {
                    text = Bytes.normalizeNewlines(Charset.decodeDetailed(part.body, label: nil).text)
                }
                out.append(Attachment(filename: part.filename, contentType: part.contentType,
                                      data: part.body, text: text))
            }
            return true
        }
        return out
    }

    /// Embedded `message/rfc822` parts (forwards), in order.
    public var embeddedMessages: [Message] {
        var out: [Message] = []
        root.walk { part, _ in
            if let e = part.embedded {
                out.append(e.value)
                return false
            }
            return true
        }
        return out
    }

    // MARK: - Helpers

    /// The raw (unfolded, undecoded) bytes of the first header with this name.
    public func rawHeader(_ name: String) -> [UInt8]? {
        root.headers.first { $0.name.caseInsensitiveEquals(name) }?.raw
    }

    private func addresses(_ name: String) -> [Address] {
        root.headers.filter { $0.name.caseInsensitiveEquals(name) }.flatMap { AddressParser.parseList($0.raw) }
    }

    static func trimmedHeaderText(_ s: String) -> String {
        s.trimming(chars: " \t\r\n")
    }
}
