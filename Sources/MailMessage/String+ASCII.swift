// Small ASCII string helpers for header work.

extension StringProtocol {
    /// Trims the given characters (each a single scalar) at both ends.
    func trimming(chars set: String) -> String {
        // Fast path: ASCII characters can be trimmed on the UTF-8 bytes.
        if set.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(self.utf8)
            let chars = Array(set.utf8)
            var s = 0
            var e = bytes.count
            while s < e, chars.contains(bytes[s]) { s += 1 }
            while e > s, chars.contains(bytes[e - 1]) { e -= 1 }
            if s == 0 && e == bytes.count { return String(self) }
            return String(decoding: bytes[s..<e], as: UTF8.self)
        }
        let u = self.unicodeScalars
        var s = u.startIndex
        var e = u.endIndex
        while s < e, set.unicodeScalars.contains(u[s]) { s = u.index(after: s) }
        while e > s, set.unicodeScalars.contains(u[u.index(before: e)]) { e = u.index(before: e) }
        return String(String.UnicodeScalarView(u[s..<e]))
    }
}

extension String {
    @inline(__always)
    func caseInsensitiveEquals(_ other: String) -> Bool {
        var a = self
        var b = other
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                guard pa.count == pb.count else { return false }
                for i in 0..<pa.count where ASCII.lower(pa[i]) != ASCII.lower(pb[i]) { return false }
                return true
            }
        }
    }
}

extension String {
    func trimmingASCIIWhitespaceAndQuotes() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\"" || f == "'" || f == "\r" || f == "\n" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\"" || l == "'" || l == "\r" || l == "\n" { s.removeLast() }
        return String(s)
    }
}
