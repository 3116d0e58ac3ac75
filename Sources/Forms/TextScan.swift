// Forms: byte- and scalar-level helpers for the line scanners (issue 10: form reading was
// dominated by Character iteration — grapheme breaking and normalising comparisons).

enum TextScan {
    /// Whether the scalar is always a Character on its own, whatever surrounds it: ASCII and
    /// Latin-1 letters and punctuation (not CR, which pairs with LF) and Cyrillic letters.
    /// Combining marks, joiners, Hangul, emoji and the like are not.
    @inline(__always)
    static func standsAlone(_ v: UInt32) -> Bool {
        (v < 0x300 && v != 0x0D) || (0x400...0x482).contains(v) || (0x48A...0x52F).contains(v)
            // Dashes, quotes, bullets, ellipsis; per mille … ⁞; currency signs; letterlike (№, ™).
            || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v) || (0x20A0...0x20C0).contains(v)
            || (0x2100...0x214F).contains(v)
    }

    /// The index after the first `n` Characters of `s`, or `s.endIndex` when it has no more
    /// than `n`: the same as `s.prefix(n).endIndex`, counted on scalars while every scalar
    /// stands alone (the usual Russian or English text), by Characters otherwise.
    static func end(ofCharacters n: Int, in s: Substring) -> Substring.Index {
        // Decoded from the contiguous UTF-8 bytes: scalars that stand alone are 1 to 3 bytes.
        let found: Int?? = s.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            var i = 0
            var taken = 0
            while i < bytes.count {
                let b0 = bytes[i]
                var value = UInt32(b0)
                var length = 1
                if b0 >= 0x80 {
                    if b0 & 0xE0 == 0xC0, i + 1 < bytes.count {
                        value = UInt32(b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                        length = 2
                    } else if b0 & 0xF0 == 0xE0, i + 2 < bytes.count {
                        value = UInt32(b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                        length = 3
                    } else {
                        return nil
                    }
                }
                guard standsAlone(value) else { return nil }
                if taken == n { return i }
                taken += 1
                i += length
            }
            return bytes.count
        }
        if case .some(.some(let offset)) = found { return s.utf8.index(s.startIndex, offsetBy: offset) }
        if case .some(.none) = found { return s.prefix(n).endIndex }
        let u = s.unicodeScalars
        var i = u.startIndex
        var taken = 0
        while i < u.endIndex {
            guard standsAlone(u[i].value) else { return s.prefix(n).endIndex }
            if taken == n { return i }
            taken += 1
            i = u.index(after: i)
        }
        return s.endIndex
    }

    /// `trimmingCharacters(in: .whitespaces)` (tab and the space separators, Zs) without
    /// bridging to NSString.
    static func trimmingWhitespaces(_ s: Substring) -> String {
        func space(_ c: Unicode.Scalar) -> Bool {
            c == " " || c == "\t" || (c.value >= 0x80 && c.properties.generalCategory == .spaceSeparator)
        }
        let u = s.unicodeScalars
        var start = u.startIndex
        var end = u.endIndex
        while start < end, space(u[start]) { start = u.index(after: start) }
        while end > start, space(u[u.index(before: end)]) { end = u.index(before: end) }
        return String(u[start..<end])
    }

    /// Scalars matching `junk` removed at both ends: what `trimmingCharacters(in:)` does with a
    /// CharacterSet of those scalars, without bridging to NSString.
    static func trimming(_ s: Substring, where junk: (Unicode.Scalar) -> Bool) -> String {
        let u = s.unicodeScalars
        var start = u.startIndex
        var end = u.endIndex
        while start < end, junk(u[start]) { start = u.index(after: start) }
        while end > start, junk(u[u.index(before: end)]) { end = u.index(before: end) }
        return String(u[start..<end])
    }

    /// A member of `CharacterSet.whitespacesAndNewlines`: tab, LF…CR, NEL and the Unicode
    /// space, line and paragraph separators (Zs, Zl, Zp).
    static func isWhitespaceOrNewline(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return v == 0x20 || (0x09...0x0D).contains(v) }
        if v == 0x85 { return true }
        switch c.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// Whether the UTF-8 bytes of `text` contain those of `needle` (a quick "certainly not"
    /// before a Foundation search for a needle that has no other canonically equivalent form).
    static func containsBytes(_ text: String, _ needle: StaticString) -> Bool {
        let m = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        guard m > 0 else { return true }
        var copy = text
        return copy.withUTF8 { u in
            guard u.count >= m else { return false }
            var i = 0
            while i + m <= u.count {
                if u[i] == p[0] {
                    var k = 1
                    while k < m, u[i + k] == p[k] { k += 1 }
                    if k == m { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// `body` on the contiguous UTF-8 bytes of `s`, its byte offset turned back into an index of
    /// `s`; nil when `body` finds nothing or the bytes are not contiguous (a bridged string).
    /// `body` must answer offsets of ASCII bytes or lead bytes (scalar boundaries).
    @inline(__always)
    static func offsetIndex(in s: Substring, _ body: (UnsafeBufferPointer<UInt8>) -> Int?) -> (found: Substring.Index?, scanned: Bool) {
        guard let r = s.utf8.withContiguousStorageIfAvailable(body) else { return (nil, false) }
        return (r.map { s.utf8.index(s.startIndex, offsetBy: $0) }, true)
    }

    /// Whether the bytes at `i` are `expected`.
    @inline(__always)
    static func bytes(_ u: Substring.UTF8View, at i: Substring.Index, are expected: [UInt8]) -> Bool {
        var j = i
        for b in expected {
            guard j < u.endIndex, u[j] == b else { return false }
            j = u.index(after: j)
        }
        return true
    }

    /// ASCII and Russian letters: never a digit, a dot or a list mark, alone or combined.
    @inline(__always)
    static func isBasicLetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || (0x410...0x44F).contains(v) || v == 0x401 || v == 0x451
    }

    /// The first scalar of `lowercased(String(c))`, without building a String.
    static func lowercasedFirst(_ c: Unicode.Scalar) -> Unicode.Scalar {
        let v = c.value
        switch v {
        case 0x41...0x5A, 0x410...0x42F: return Unicode.Scalar(v + 0x20) ?? c
        case 0x400...0x40F: return Unicode.Scalar(v + 0x50) ?? c
        case 0...0x7F, 0x430...0x45F: return c
        default: return c.properties.lowercaseMapping.unicodeScalars.first ?? c
        }
    }

    /// Lower case of a short text, scalar by scalar: ASCII and Cyrillic directly, the Unicode
    /// lower-case mapping otherwise (what `lowercased()` does outside a few contextual cases).
    static func lowercased(_ s: Substring) -> String {
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            let v = c.value
            switch v {
            case 0x41...0x5A, 0x410...0x42F:
                out.append(Unicode.Scalar(v + 0x20) ?? c)
            case 0x400...0x40F:
                out.append(Unicode.Scalar(v + 0x50) ?? c)
            case 0...0x7F, 0x430...0x45F:
                out.append(c)
            default:
                out.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }
}
