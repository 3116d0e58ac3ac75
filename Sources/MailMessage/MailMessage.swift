// The public model of one parsed message. Pure: no I/O, no clock.
// CONTRACT NOTE: the signatures in this file are what `Forms`, the pipeline and the
// executable build against. Implementations may change; signatures may only grow.

import Foundation

/// A problem found while parsing. Bad input is data: parsing never throws.
public struct Defect: Sendable, Hashable, Codable {
    /// A stable machine code, e.g. `header.too_long`, `mime.missing_boundary`, `charset.unknown`.
    public var code: String
    /// A short English detail for logs and debugging.
    public var detail: String
    public init(code: String, detail: String = "") {
        self.code = code
        self.detail = detail
    }
}

/// One header field as it appeared, plus its unfolded, decoded value.
public struct HeaderField: Sendable, Hashable {
    public var name: String
    /// Raw bytes of the value, unfolded (CRLF+WSP removed), not decoded.
    public var raw: [UInt8]
    /// The value unfolded with RFC 2047 words and raw 8-bit bytes decoded to text.
    public var value: String
    public init(name: String, raw: [UInt8], value: String) {
        self.name = name
        self.raw = raw
        self.value = value
    }
}

/// A mailbox address, e.g. `Иван Петров <ivan@example.test>`.
public struct Address: Sendable, Hashable, Codable {
    public var name: String?
    /// The addr-spec as written (local part case kept; domain as written).
    public var address: String
    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }
    /// Lower-cased addr-spec, for comparisons and keys.
    public var normalized: String { address.lowercased() }
}

/// Who or what sent a message, for RFC 3834 loop prevention.
public enum MessageClass: String, Sendable, Codable, CaseIterable {
    case human
    case autoReply = "auto_reply"
    case bounce
    case spam
    case bulk
    case own
}

/// One MIME entity: the message itself, a part of a multipart, or an embedded message.
public struct MIMEPart: Sendable {
    public var headers: [HeaderField]
    /// Lower-cased `type/subtype`; `text/plain` when absent (RFC 2045 §5.2).
    public var contentType: String
    /// Lower-cased parameter names, decoded values (RFC 2231 included).
    public var parameters: [String: String]
    /// `inline`, `attachment` or nil, lower-cased.
    public var disposition: String?
    /// Decoded filename (Content-Disposition filename, else Content-Type name), if any.
    public var filename: String?
    /// Body after transfer decoding (base64, quoted-printable, uuencode …). Empty for multiparts.
    public var body: [UInt8]
    /// For `text/*` parts: the body decoded from its charset to text (with LF line ends).
    public var text: String?
    /// Children of a `multipart/*` part, in order.
    public var children: [MIMEPart]
    /// For `message/rfc822` (and `message/global`): the embedded message, parsed.
    public var embedded: Box<Message>?
    /// For multiparts: the bytes before the first boundary (RFC 2046 §5.1.1), if any.
    public var preamble: [UInt8]? = nil
    /// For multiparts: the bytes after the close boundary, if any.
    public var epilogue: [UInt8]? = nil
    /// The charset actually used to decode `text` (e.g. `WINDOWS-1251`), nil for non-text.
    public var charset: String? = nil
    /// Lower-cased Content-Transfer-Encoding as declared, nil when absent.
    public var transferEncoding: String? = nil

    public init(
        headers: [HeaderField] = [], contentType: String = "text/plain",
        parameters: [String: String] = [:], disposition: String? = nil, filename: String? = nil,
        body: [UInt8] = [], text: String? = nil, children: [MIMEPart] = [], embedded: Message? = nil
    ) {
        self.headers = headers
        self.contentType = contentType
        self.parameters = parameters
        self.disposition = disposition
        self.filename = filename
        self.body = body
        self.text = text
        self.children = children
        self.embedded = embedded.map(Box.init)
    }
}

/// Indirection so a message can contain a message.
public final class Box<Value: Sendable>: Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}

/// An attachment as the forms reader sees it.
public struct Attachment: Sendable {
    public var filename: String?
    public var contentType: String
    /// Decoded bytes.
    public var data: [UInt8]
    /// For text attachments: the data decoded through its charset (declared, else detected).
    public var text: String?
    public init(filename: String?, contentType: String, data: [UInt8], text: String?) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
        self.text = text
    }
}

/// A parsed message. Build with `Message.parse(_:)`.
public struct Message: Sendable {
    public var root: MIMEPart
    public var defects: [Defect]

    public init(root: MIMEPart, defects: [Defect] = []) {
        self.root = root
        self.defects = defects
    }

    public var headers: [HeaderField] { root.headers }

    /// The decoded value of the first header with this name (case-insensitive).
    public func header(_ name: String) -> String? {
        root.headers.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// All decoded values of headers with this name, in order.
    public func headers(named name: String) -> [String] {
        root.headers.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }
}
