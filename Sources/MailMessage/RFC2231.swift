// Structured header values with parameters: Content-Type and Content-Disposition
// (RFC 2045 §5.1, RFC 2183) and RFC 2231 parameter continuations, charsets and languages.
// Also tolerates what clients really send: RFC 2047 words inside quoted filenames (Outlook,
// Gmail), raw 8-bit filenames, unquoted values with spaces, comments.

struct ParameterizedValue {
    /// The main value, lower-cased, e.g. `multipart/mixed` or `attachment`.
    var value: String
    /// Lower-cased names (without `*N*` suffixes), decoded values.
    var parameters: [String: String]
    var defects: [Defect]

    static func parse(_ raw: [UInt8]) -> ParameterizedValue {
        // Comments are rare: without "(" the segments are slices of `raw` (no copies).
        let segments: [ArraySlice<UInt8>] = raw.contains(0x28) ? split(raw).map { $0[...] } : splitSlices(raw)
        guard let main = segments.first else { return ParameterizedValue(value: "", parameters: [:], defects: []) }
        let value = Bytes.lowerString(Bytes.trimmed(main))
        var defects: [Defect] = []
        var plain: [String: String] = [:]
        // RFC 2231 §3, §4: name*N or name*N* or name*.
        var extended: [String: [(index: Int, encoded: Bool, bytes: [UInt8])]] = [:]
        for seg in segments.dropFirst() {
            let s = Bytes.trimmed(seg)
            if s.isEmpty { continue }
            guard let eq = s.firstIndex(of: ASCII.equals) else {
                defects.append(Defect(code: "mime.bad_parameter", detail: String(decoding: s, as: UTF8.self)))
                continue
            }
            let nameBytes = Bytes.trimmed(s[s.startIndex..<eq])
            let name = Bytes.lowerString(nameBytes)
            var v = Bytes.trimmed(s[(eq + 1)...])
            var quoted = false
            if v.first == ASCII.quote {
                quoted = true
                v = v.dropFirst()
                if v.last == ASCII.quote { v = v.dropLast() }
            }
            let valueBytes: ArraySlice<UInt8> = quoted && v.contains(ASCII.backslash) ? unescape(v)[...] : v
            if nameBytes.contains(0x2A), let star = name.firstIndex(of: "*") {
                let base = String(name[..<star])
                let rest = name[name.index(after: star)...]
                var encoded = false
                var indexPart = Substring(rest)
                if indexPart.hasSuffix("*") {
                    encoded = true
                    indexPart = indexPart.dropLast()
                }
                if indexPart.isEmpty {
                    // name*=charset'lang'value (no continuation)
                    extended[base, default: []].append((0, true, Array(valueBytes)))
                } else if let n = Int(indexPart), n >= 0, n < 10_000 {
                    extended[base, default: []].append((n, encoded, Array(valueBytes)))
                } else {
                    defects.append(Defect(code: "mime.bad_parameter", detail: name))
                }
                continue
            }
            if plain[name] == nil, name == "boundary" {
                // A boundary is compared byte for byte: never decoded.
                plain[name] = String(decoding: valueBytes, as: UTF8.self)
            } else if plain[name] == nil {
                var flags = RFC2047.Flags()
                plain[name] = RFC2047.decode(valueBytes, flags: &flags)
                if flags.contains(.unknownCharset) { defects.append(Defect(code: "charset.unknown", detail: name)) }
            }
        }
        var params = plain
        for (base, parts) in extended {
            let sorted = parts.sorted { $0.index < $1.index }
            var bytes: [UInt8] = []
            var charset: String? = nil
            for (k, part) in sorted.enumerated() {
                if part.encoded {
                    var body = part.bytes[...]
                    if k == 0 {
                        // charset'language'value (RFC 2231 §4)
                        let quotes = body.indices.filter { body[$0] == 0x27 }.prefix(2)
                        if quotes.count == 2, let q1 = quotes.first, let q2 = quotes.last {
                            let cs = String(decoding: body[body.startIndex..<q1], as: UTF8.self)
                            charset = cs.isEmpty ? nil : cs
                            body = body[(q2 + 1)...]
                        }
                    }
                    bytes.append(contentsOf: percentDecode(body))
                } else {
                    bytes.append(contentsOf: part.bytes)
                }
            }
            if let charset {
                let d = Charset.decodeDetailed(bytes, label: charset)
                if d.usedFallback && Charset.canonicalName(charset) == nil {
                    defects.append(Defect(code: "charset.unknown", detail: base))
                }
                params[base] = d.text
            } else {
                var flags = RFC2047.Flags()
                params[base] = RFC2047.decode(bytes[...], flags: &flags)
            }
        }
        return ParameterizedValue(value: value, parameters: params, defects: defects)
    }

    /// Splits at ";" outside quoted strings into slices of `raw` (no comments present).
    private static func splitSlices(_ raw: [UInt8]) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = 0
        var inQuote = false
        var i = 0
        while i < raw.count {
            let c = raw[i]
            if inQuote {
                if c == ASCII.backslash {
                    i += 2
                    continue
                }
                if c == ASCII.quote { inQuote = false }
            } else if c == ASCII.quote {
                inQuote = true
            } else if c == ASCII.semicolon {
                out.append(raw[start..<i])
                start = i + 1
            }
            i += 1
        }
        out.append(raw[min(start, raw.count)..<raw.count])
        return out
    }

    /// Splits at ";" outside quoted strings; drops comments outside quotes.
    private static func split(_ raw: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var cur: [UInt8] = []
        var inQuote = false
        var depth = 0
        var curHasEquals = false
        var i = 0
        while i < raw.count {
            let c = raw[i]
            if inQuote {
                cur.append(c)
                if c == ASCII.backslash, i + 1 < raw.count {
                    cur.append(raw[i + 1])
                    i += 2
                    continue
                }
                if c == ASCII.quote { inQuote = false }
            } else if depth > 0 {
                if c == 0x28 { depth += 1 } else if c == 0x29 { depth -= 1 }
            } else if c == ASCII.quote {
                inQuote = true
                cur.append(c)
            } else if c == 0x28 && !curHasEquals {
                depth = 1
            } else if c == ASCII.semicolon {
                out.append(cur)
                cur.removeAll()
                curHasEquals = false
            } else {
                if c == ASCII.equals { curHasEquals = true }
                cur.append(c)
            }
            i += 1
        }
        out.append(cur)
        return out
    }

    private static func unescape(_ s: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = s.startIndex
        while i < s.endIndex {
            // Windows paths in filenames ("C:\dir\a.doc") are common: keep a backslash that
            // does not escape a quote or a backslash.
            if s[i] == ASCII.backslash, i + 1 < s.endIndex, s[i + 1] == ASCII.quote || s[i + 1] == ASCII.backslash {
                out.append(s[i + 1])
                i += 2
                continue
            }
            out.append(s[i])
            i += 1
        }
        return out
    }

    private static func percentDecode(_ s: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == 0x25, i + 2 < s.endIndex, let h = ASCII.hexValue(s[i + 1]), let l = ASCII.hexValue(s[i + 2]) {
                out.append(h << 4 | l)
                i += 3
                continue
            }
            out.append(s[i])
            i += 1
        }
        return out
    }
}
