// MIME parameter values (RFC 2045 §5.1) with RFC 2231 extended values for non-ASCII or long.

extension Encoders {
    /// The longest `name=value` segment we emit, so that " " + segment + ";" fits a 78-column
    /// line after folding.
    static let maxParameterSegmentLength = 74

    /// RFC 2045 §5.1 tspecials.
    private static let tspecials: Set<UInt8> = Set("()<>@,;:\\\"/[]?=".utf8)

    /// True for an RFC 2045 token: printable ASCII without SPACE and tspecials.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 > 32 && $0 < 127 && !tspecials.contains($0) }
    }

    /// One parameter as one or more `name=value` segments, to be joined with `;` + folding
    /// whitespace.
    ///
    /// * a token value stays bare: `method=REQUEST`;
    /// * short printable ASCII becomes a quoted-string: `name="report 1.pdf"`;
    /// * anything else (non-ASCII, controls, or too long for one line) becomes an RFC 2231
    ///   extended value in UTF-8, split into numbered continuations when long
    ///   (RFC 2231 §3 continuations, §4 charset): `filename*0*=UTF-8''%D0%9E…; filename*1*=…`.
    ///   Continuations split between Unicode scalars, so each piece also decodes on its own.
    /// `name` must be a token (the caller's programming error otherwise).
    static func parameterSegments(name: String, value: String) -> [String] {
        precondition(isToken(name), "MIME parameter name \(name.debugDescription) is not an RFC 2045 token")
        let limit = maxParameterSegmentLength
        if isToken(value), name.utf8.count + 1 + value.utf8.count <= limit {
            return ["\(name)=\(value)"]
        }
        // `=?` inside quotes: RFC 2047 forbids decoding it there, yet many readers (Python's
        // email among them) do, so such values take the RFC 2231 form below.
        let printable = value.utf8.allSatisfy { $0 >= 32 && $0 < 127 } && !value.contains("=?")
        if printable {
            let quoted = quotedString(value)
            if name.utf8.count + 1 + quoted.utf8.count <= limit {
                return ["\(name)=\(quoted)"]
            }
        }
        // RFC 2231 §4: charset'language'percent-encoded.
        let pieces = value.unicodeScalars.map { percentEncoded(String($0)) }
        let whole = pieces.joined()
        let single = "\(name)*=UTF-8''\(whole)"
        if single.utf8.count <= limit { return [single] }
        var segments: [String] = []
        var current = ""
        func head(_ index: Int) -> String {
            index == 0 ? "\(name)*0*=UTF-8''" : "\(name)*\(index)*="
        }
        for piece in pieces {
            if !current.isEmpty,
               head(segments.count).utf8.count + current.utf8.count + piece.utf8.count > limit {
                segments.append(head(segments.count) + current)
                current = ""
            }
            current += piece
        }
        if !current.isEmpty || segments.isEmpty {
            segments.append(head(segments.count) + current)
        }
        return segments
    }

    /// RFC 5322 §3.2.4 quoted-string: backslash before `"` and `\`.
    static func quotedString(_ text: String) -> String {
        var out = "\""
        for ch in text.unicodeScalars {
            if ch == "\"" || ch == "\\" { out.append("\\") }
            out.unicodeScalars.append(ch)
        }
        out.append("\"")
        return out
    }

    /// RFC 2231 §7 attribute-char kept, every other byte as %XX.
    private static func percentEncoded(_ text: String) -> String {
        var out: [UInt8] = []
        for b in text.utf8 {
            let keep = b > 32 && b < 127 && !tspecials.contains(b) && b != 42 && b != 39 && b != 37
            if keep {
                out.append(b)
            } else {
                out.append(37)
                out.append(hexDigits[Int(b >> 4)])
                out.append(hexDigits[Int(b & 15)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
