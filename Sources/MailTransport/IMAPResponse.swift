// Pure parsers for the IMAP replies MailTransport reads (RFC 3501 §7, RFC 4315, RFC 4731).
// Each takes the lines libcurl handed over and returns facts; none throws or logs.

/// What a `UID SEARCH` reply held.
struct SearchReply: Equatable {
    var uids: [UInt32]
    /// At least one `* SEARCH` line was seen (an empty result still has one, RFC 3501 §7.2.5).
    var sawSearchLine: Bool
    /// Tokens that were not numbers: a cut line shows up here.
    var malformedTokens: [String]
}

enum IMAPResponse {
    /// Splits a line into words, keeping quoted strings and parenthesised lists whole.
    static func tokens(_ line: Substring) -> [Substring] {
        var out: [Substring] = []
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c == " " { i = line.index(after: i); continue }
            let start = i
            if c == "\"" {
                i = line.index(after: i)
                while i < line.endIndex, line[i] != "\"" {
                    if line[i] == "\\" { i = line.index(after: i); if i == line.endIndex { break } }
                    i = line.index(after: i)
                }
                if i < line.endIndex { i = line.index(after: i) }
            } else if c == "(" || c == "[" {
                let close: Character = c == "(" ? ")" : "]"
                var depth = 0
                while i < line.endIndex {
                    if line[i] == c { depth += 1 }
                    if line[i] == close { depth -= 1; if depth == 0 { i = line.index(after: i); break } }
                    i = line.index(after: i)
                }
            } else {
                while i < line.endIndex, line[i] != " " { i = line.index(after: i) }
            }
            out.append(line[start..<i])
        }
        return out
    }

    /// Removes the quotes and backslash escapes of an IMAP quoted string (RFC 3501 §4.3).
    static func unquote(_ s: Substring) -> String {
        guard s.count >= 2, s.first == "\"", s.last == "\"" else { return String(s) }
        var out = ""
        var escaped = false
        for c in s.dropFirst().dropLast() {
            if escaped { out.append(c); escaped = false }
            else if c == "\\" { escaped = true }
            else { out.append(c) }
        }
        return out
    }

    /// `* STATUS name (MESSAGES 3 UIDNEXT 4 UIDVALIDITY 5)` → the attribute/value pairs.
    static func statusAttributes(_ lines: [String]) -> [String: UInt64]? {
        for line in lines {
            let words = tokens(Substring(line))
            guard words.count >= 4, words[0] == "*", words[1].uppercased() == "STATUS",
                  let list = words.last, list.first == "(", list.last == ")" else { continue }
            let items = list.dropFirst().dropLast().split(separator: " ")
            var result: [String: UInt64] = [:]
            var k = 0
            while k + 1 < items.count {
                if let v = UInt64(items[k + 1]) { result[items[k].uppercased()] = v }
                k += 2
            }
            return result
        }
        return nil
    }

    static func mailboxStatus(_ lines: [String]) -> MailboxStatus? {
        guard let a = statusAttributes(lines), let v = a["UIDVALIDITY"], let n = a["UIDNEXT"],
              let m = a["MESSAGES"], let v32 = UInt32(exactly: v), let n32 = UInt32(exactly: n)
        else { return nil }
        return MailboxStatus(uidValidity: v32, uidNext: n32, messages: Int(m))
    }

    /// `* SEARCH 1 2 3` lines (RFC 3501 §7.2.5). A CONDSTORE `(MODSEQ n)` suffix is skipped.
    static func search(_ lines: [String]) -> SearchReply {
        var reply = SearchReply(uids: [], sawSearchLine: false, malformedTokens: [])
        for line in lines {
            let words = tokens(Substring(line))
            guard words.count >= 2, words[0] == "*", words[1].uppercased() == "SEARCH" else { continue }
            reply.sawSearchLine = true
            for w in words.dropFirst(2) {
                if w.first == "(" { continue }
                if let uid = UInt32(w), uid > 0 { reply.uids.append(uid) } else { reply.malformedTokens.append(String(w)) }
            }
        }
        return reply
    }

    /// `* ESEARCH (TAG "A5") UID COUNT 20000` (RFC 4731 §3.1) → the count.
    static func esearchCount(_ lines: [String]) -> Int? {
        for line in lines {
            let words = tokens(Substring(line))
            guard words.count >= 3, words[0] == "*", words[1].uppercased() == "ESEARCH" else { continue }
            if let k = words.firstIndex(where: { $0.uppercased() == "COUNT" }), k + 1 < words.count,
               let n = Int(words[k + 1]) { return n }
            return 0  // RFC 4731 §3.1: no COUNT item means nothing matched
        }
        return nil
    }

    /// Capabilities from `* CAPABILITY …` or a `[CAPABILITY …]` response code; the last wins.
    static func capabilities(_ lines: [String]) -> Set<String>? {
        var found: Set<String>?
        for line in lines {
            let upper = line.uppercased()
            if upper.hasPrefix("* CAPABILITY ") {
                found = Set(upper.dropFirst("* CAPABILITY ".count).split(separator: " ").map(String.init))
            } else if let r = upper.range(of: "[CAPABILITY "), let end = upper[r.upperBound...].firstIndex(of: "]") {
                found = Set(upper[r.upperBound..<end].split(separator: " ").map(String.init))
            }
        }
        return found
    }

    /// `* LIST (\HasNoChildren) "." INBOX` lines (RFC 3501 §7.2.2).
    static func list(_ lines: [String]) -> [ListedMailbox] {
        lines.compactMap { line in
            let words = tokens(Substring(line))
            guard words.count >= 5, words[0] == "*", words[1].uppercased() == "LIST",
                  words[2].first == "(" else { return nil }
            let attributes = words[2].dropFirst().dropLast().split(separator: " ").map(String.init)
            let delimiter: String? = words[3].uppercased() == "NIL" ? nil : unquote(words[3])
            let raw = unquote(words[4...].joined(separator: " ")[...])
            return ListedMailbox(name: ModifiedUTF7.decode(raw) ?? raw, delimiter: delimiter, attributes: attributes)
        }
    }

    /// A response code such as `[UIDVALIDITY 123]`, `[UIDNEXT 5]`, `[APPENDUID 7 42]`: its arguments.
    static func responseCode(_ name: String, in lines: [String]) -> [String]? {
        let key = "[" + name.uppercased()
        for line in lines.reversed() {
            let upper = line.uppercased()
            guard let r = upper.range(of: key) else { continue }
            let after = upper[r.upperBound...]
            guard after.first == " " || after.first == "]", let end = after.firstIndex(of: "]") else { continue }
            return after[..<end].split(separator: " ").map(String.init)
        }
        return nil
    }

    /// The server's words for a failed command: the last tagged NO/BAD (libcurl logs out after
    /// a failure, so a later `OK Logout completed` must not hide it), else the last completion.
    static func taggedCompletion(_ lines: [String]) -> String? {
        func status(_ line: String) -> String? {
            let w = line.split(separator: " ", maxSplits: 2)
            guard w.count >= 2, w[0] != "*", w[0] != "+" else { return nil }
            let s = w[1].uppercased()
            return s == "OK" || s == "NO" || s == "BAD" ? s : nil
        }
        return lines.last { status($0) == "NO" || status($0) == "BAD" } ?? lines.last { status($0) != nil }
    }
}
