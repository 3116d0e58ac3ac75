// The public entry point of the generator.

extension OutgoingMessage {
    /// The message as RFC 5322 bytes, ready for an SMTP upload (see `Generator` for the
    /// invariants: CRLF only, lines ≤ 998 and ≤ 78/76 where possible, 7-bit, no line starting
    /// with `.` or `From `, header values unable to start new headers).
    ///
    /// Throws when an address or message id cannot be written safely; text values
    /// (subject, names, filenames, extra header values) are sanitised instead.
    /// Deterministic: the same message gives the same bytes.
    public func generate() throws(OutgoingMessageError) -> [UInt8] {
        try Generator(message: self).generate()
    }
}
