// The encoding direction of MIME: bytes and text to their wire form.
// Decoders live with the parser; nothing here reads or decodes.
// Used by the generator (`OutgoingMessage.generate()`); pure functions, no state.

/// Namespace for the generator's encoders: base64 and quoted-printable bodies (RFC 2045),
/// RFC 2047 encoded words and RFC 2231 parameter values.
enum Encoders {
    /// The longest encoded line in a body, CRLF excluded (RFC 2045 §6.7 rule 5, §6.8).
    static let maxBodyLineLength = 76

    static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
