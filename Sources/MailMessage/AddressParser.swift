// Address lists (RFC 5322 §3.4, obsolete forms §4.4): display names with RFC 2047 words
// or raw 8-bit bytes, groups (`undisclosed-recipients:;`), comments as names, routes,
// and what broken clients write (`Иван ivan@mail.ru` without brackets, `mailto:`).

enum AddressParser {
    private enum Kind: Equatable { case atom, quoted, comment, special(UInt8) }
    private struct Token {
        var kind: Kind
        var bytes: ArraySlice<UInt8>
        var spaceBefore: Bool
    }

    /// Parses an address-list header value (raw, unfolded bytes). Groups are flattened.
    static func parseList(_ raw: [UInt8]) -> [Address] {
        let tokens = tokenize(raw)
        var out: [Address] = []
        var item: [Token] = []
        var angle = 0
        for t in tokens {
            switch t.kind {
            case .special(ASCII.colon) where angle == 0:
                // A group's display name ends here unless this looks like a route inside <>.
                if !item.contains(where: { $0.kind == .special(0x40) }) {
                    item.removeAll()
                } else {
                    item.append(t)
                }
            case .special(ASCII.semicolon) where angle == 0, .special(0x2C) where angle == 0:
                if let a = mailbox(item) { out.append(a) }
                item.removeAll()
            case .special(0x3C):
                angle += 1
                item.append(t)
            case .special(0x3E):
                angle = max(0, angle - 1)
                item.append(t)
            default:
                item.append(t)
            }
        }
        if let a = mailbox(item) { out.append(a) }
        return out
    }

    private static func tokenize(_ b: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        var space = false
        while i < b.count {
            let c = b[i]
            if ASCII.isSpace(c) {
                space = true
                i += 1
                continue
            }
            if c == ASCII.quote {
                var j = i + 1
                var content: [UInt8] = []
                while j < b.count, b[j] != ASCII.quote {
                    if b[j] == ASCII.backslash, j + 1 < b.count { j += 1 }
                    content.append(b[j])
                    j += 1
                }
                tokens.append(Token(kind: .quoted, bytes: content[...], spaceBefore: space))
                i = min(j + 1, b.count)
            } else if c == 0x28 {
                var depth = 1
                var j = i + 1
                var content: [UInt8] = []
                while j < b.count {
                    let d = b[j]
                    if d == ASCII.backslash, j + 1 < b.count {
                        content.append(b[j + 1])
                        j += 2
                        continue
                    }
                    if d == 0x28 { depth += 1 }
                    if d == 0x29 {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    content.append(d)
                    j += 1
                }
                tokens.append(Token(kind: .comment, bytes: content[...], spaceBefore: space))
                i = min(j + 1, b.count)
            } else if c == 0x3C || c == 0x3E || c == 0x40 || c == 0x2C || c == ASCII.colon || c == ASCII.semicolon {
                tokens.append(Token(kind: .special(c), bytes: b[i..<(i + 1)], spaceBefore: space))
                i += 1
            } else {
                var j = i
                while j < b.count {
                    let d = b[j]
                    if ASCII.isSpace(d) || d == ASCII.quote || d == 0x28 || d == 0x3C || d == 0x3E || d == 0x40
                        || d == 0x2C || d == ASCII.colon || d == ASCII.semicolon { break }
                    if d == 0x5B {  // domain literal [1.2.3.4]
                        while j < b.count, b[j] != 0x5D { j += 1 }
                    }
                    j += 1
                }
                j = min(j, b.count)
                tokens.append(Token(kind: .atom, bytes: b[i..<j], spaceBefore: space))
                i = j
            }
            space = false
        }
        return tokens
    }

    private static func mailbox(_ item: [Token]) -> Address? {
        guard !item.isEmpty else { return nil }
        if let open = item.firstIndex(where: { $0.kind == .special(0x3C) }) {
            let close = item[open...].firstIndex(where: { $0.kind == .special(0x3E) }) ?? item.endIndex
            var inner = Array(item[(open + 1)..<close])
            // obs-route: <@a.example,@b.example:user@c.example>
            if let colon = inner.lastIndex(where: { $0.kind == .special(ASCII.colon) }) {
                inner = Array(inner[(colon + 1)...])
            }
            let addr = cleanAddress(joined(inner.filter { $0.kind != .comment }))
            guard !addr.isEmpty else { return nil }
            var name = phrase(Array(item[..<open]))
            if name == nil { name = commentName(item) }
            return Address(name: name, address: addr)
        }
        // No angle brackets: the word containing "@" is the address, other words the name.
        let words = wordsBySpace(item.filter { $0.kind != .comment })
        guard let k = words.firstIndex(where: { $0.contains { $0.kind == .special(0x40) } }) else {
            return nil
        }
        let addr = cleanAddress(joined(words[k]))
        guard !addr.isEmpty else { return nil }
        let rest = words.enumerated().filter { $0.offset != k }.flatMap { $0.element }
        var name = phrase(rest)
        if name == nil { name = commentName(item) }
        return Address(name: name, address: addr)
    }

    private static func wordsBySpace(_ tokens: [Token]) -> [[Token]] {
        var words: [[Token]] = []
        for t in tokens {
            let glue = t.kind == .special(0x40) || (words.last?.last?.kind == .special(0x40))
            if t.spaceBefore && !glue || words.isEmpty {
                words.append([t])
            } else {
                words[words.count - 1].append(t)
            }
        }
        return words
    }

    private static func joined(_ tokens: [Token]) -> [UInt8] {
        var out: [UInt8] = []
        for t in tokens {
            if t.kind == .quoted {
                out.append(ASCII.quote)
                out.append(contentsOf: t.bytes)
                out.append(ASCII.quote)
            } else {
                out.append(contentsOf: t.bytes)
            }
        }
        return out
    }

    private static func cleanAddress(_ bytes: [UInt8]) -> String {
        var s = String(decoding: bytes, as: UTF8.self)
        if s.lowercased().hasPrefix("mailto:") { s = String(s.dropFirst(7)) }
        while let l = s.last, l == "." || l == " " { s.removeLast() }
        return s
    }

    /// A display name: atoms and quoted strings joined by single spaces, RFC 2047 decoded.
    private static func phrase(_ tokens: [Token]) -> String? {
        var raw: [UInt8] = []
        for t in tokens {
            switch t.kind {
            case .atom, .quoted:
                if !raw.isEmpty && t.spaceBefore { raw.append(ASCII.space) }
                raw.append(contentsOf: t.bytes)
            case .special(let c) where c != 0x3C && c != 0x3E:
                raw.append(c)
            default:
                continue
            }
        }
        return decodedName(raw)
    }

    private static func commentName(_ tokens: [Token]) -> String? {
        guard let c = tokens.first(where: { $0.kind == .comment }) else { return nil }
        return decodedName(Array(c.bytes))
    }

    private static func decodedName(_ raw: [UInt8]) -> String? {
        var flags = RFC2047.Flags()
        var s = RFC2047.decode(raw[...], flags: &flags)
        s = s.trimming(chars: " \t\"'")
        return s.isEmpty ? nil : s
    }
}
