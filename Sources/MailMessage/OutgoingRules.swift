// Character classes of RFC 5322 / RFC 5321 that the generator checks values against.

/// Character rules shared by address and message-id validation.
enum OutgoingRules {
    /// RFC 5322 §3.2.3 atext.
    static func isAtext(_ b: UInt8) -> Bool {
        switch b {
        case 48...57, 65...90, 97...122: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
             UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"),
             UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "?"),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "{"),
             UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"): true
        default: false
        }
    }

    /// RFC 5322 §3.2.3 dot-atom-text: atext runs joined by single dots.
    static func isDotAtomText(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last,
              first != UInt8(ascii: "."), last != UInt8(ascii: ".") else { return false }
        var previousDot = false
        for b in bytes {
            if b == UInt8(ascii: ".") {
                if previousDot { return false }
                previousDot = true
            } else {
                guard isAtext(b) else { return false }
                previousDot = false
            }
        }
        return true
    }

    /// RFC 1035 / RFC 5321 host name: dot-separated labels of letters, digits and hyphens,
    /// 1…63 each, no hyphen at either end, ≤ 253 in all.
    static func isHostName(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard (1...63).contains(label.count),
                  label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                  label.allSatisfy({ (48...57).contains($0) || (65...90).contains($0)
                      || (97...122).contains($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return true
    }
}
