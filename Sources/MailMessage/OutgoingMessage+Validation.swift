// What the generator accepts in the places where a bad value could change the message's
// structure: addr-specs and message ids are refused, never repaired.

extension Address {
    /// True when `address` can be written as an addr-spec without encoding: ASCII dot-atom
    /// local part (≤ 64) `@` a host name (RFC 5322 §3.4.1, RFC 5321 §4.5.3.1), ≤ 254 in all.
    /// Quoted local parts, address literals and non-ASCII (SMTPUTF8) are not supported. The
    /// display name is always acceptable: the generator sanitises and encodes it.
    public var isValidForSending: Bool {
        let bytes = Array(address.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        return local.count <= 64 && OutgoingRules.isDotAtomText(local) && OutgoingRules.isHostName(domain)
    }
}

extension OutgoingMessage {
    /// The longest message id accepted (RFC 5322 sets none; this keeps header lines short).
    public static let maxMessageIDLength = 250

    /// True for an id (without angle brackets) of the form `dot-atom-text@dot-atom-text`
    /// (RFC 5322 §3.6.4, no obsolete forms, no domain literals), at most 250 characters.
    public static func isValidMessageID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count <= maxMessageIDLength,
              let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return false }
        return OutgoingRules.isDotAtomText(bytes[..<at]) && OutgoingRules.isDotAtomText(bytes[(at + 1)...])
    }

    /// A Message-ID (without angle brackets) that depends only on its inputs, so the
    /// pipeline can derive it from the outbox row's key and a resend keeps it. No clock, no
    /// randomness. `unique` is used as written when it is short and made of
    /// `[A-Za-z0-9._+-]` (dot-atom); otherwise it is replaced by a 128-bit FNV-1a hash in
    /// hex, prefixed `h.`.
    public static func makeMessageID(domain: String, unique: String) throws(OutgoingMessageError) -> String {
        guard OutgoingRules.isHostName(Array(domain.utf8)[...]) else { throw .invalidDomain(domain) }
        let plain = unique.utf8.allSatisfy { b in
            (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b)
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "+")
                || b == UInt8(ascii: "-")
        }
        let usable = plain && unique.utf8.count <= 120 && !unique.hasPrefix("h.")
            && OutgoingRules.isDotAtomText(Array(unique.utf8)[...])
        let left: String
        if usable {
            left = unique
        } else {
            let bytes = Array(unique.utf8)
            let high = Generator.fnv1a64(bytes, seed: Generator.fnvOffset)
            let low = Generator.fnv1a64(bytes, seed: Generator.fnvOffset ^ 0x9E37_79B9_7F4A_7C15)
            left = "h." + Generator.hex(high) + Generator.hex(low)
        }
        let id = left + "@" + domain
        guard isValidMessageID(id) else { throw .invalidDomain(domain) }
        return id
    }
}
