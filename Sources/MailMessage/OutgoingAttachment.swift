// One attachment of an outgoing message.

/// A file attached to an outgoing message, always sent base64 (RFC 2045 §6.8).
public struct OutgoingAttachment: Sendable, Hashable {
    public enum Disposition: String, Sendable, Hashable {
        case attachment
        case inline
    }

    /// A MIME parameter (`method=REQUEST`, `charset=UTF-8`), written in order.
    public struct Parameter: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Shown to the recipient. Non-ASCII names go out as RFC 2231 `filename*=` and, for old
    /// clients, an RFC 2047 `name="=?UTF-8?B?…?="` on Content-Type. Control characters become
    /// spaces, `/` and `\` become `_` (a name, not a path). Empty means no filename.
    public var filename: String?
    /// `type/subtype`, both RFC 2045 tokens (a bad one is a programming error and traps).
    public var contentType: String
    /// Extra Content-Type parameters; names must be tokens, values may be anything.
    public var parameters: [Parameter]
    public var data: [UInt8]
    public var disposition: Disposition

    public init(filename: String?, contentType: String, parameters: [Parameter] = [],
                data: [UInt8], disposition: Disposition = .attachment) {
        self.filename = filename
        self.contentType = contentType
        self.parameters = parameters
        self.data = data
        self.disposition = disposition
    }
}
