// Leaf parts: text bodies (quoted-printable or base64, whichever is smaller) and
// attachments (base64), with their Content-* headers.

extension Generator {
    /// Line ends normalised to LF, then a final line end added if missing (RFC 5322 text is
    /// lines), NUL removed (RFC 2045 §2.7: text never contains NUL; readers drop or choke on
    /// it). Written out with CRLF by `crlfBytes`. Attachments are sent byte for byte.
    static func normalizedText(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars where scalar != "\0" {
            if scalar == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(scalar)
        }
        var result = String(out)
        if !result.isEmpty && !result.hasSuffix("\n") { result += "\n" }
        return result
    }

    /// The normalised text as UTF-8 with CRLF line ends.
    static func crlfBytes(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for b in normalizedText(text).utf8 {
            if b == 10 { out.append(13) }
            out.append(b)
        }
        return out
    }

    /// A `text/<subtype>; charset=UTF-8` part. Transfer encoding: quoted-printable unless
    /// base64 is smaller. Mostly-ASCII text stays readable in QP; Cyrillic costs 6 bytes per
    /// letter in QP (`=D0=9F`) against 2.67 in base64, so Russian bodies go base64.
    /// Both keep lines ≤ 76 and are 7-bit, so no relay needs to convert them.
    static func textLeaf(subtype: String, parameters: [OutgoingAttachment.Parameter], text: String) -> Entity {
        let bytes = crlfBytes(text)
        let qp = Encoders.quotedPrintable(bytes)
        let useBase64 = Encoders.base64LinesCount(bytes.count) < qp.count
        // `method` first, then charset: the order Outlook and Gmail write for invitations.
        let params = parameters + [.init(name: "charset", value: "UTF-8")]
        var headers = contentTypeHeader("text/\(subtype)", params, filename: nil)
        headers += simpleHeader("Content-Transfer-Encoding", useBase64 ? "base64" : "quoted-printable")
        return .leaf(headers: headers, body: useBase64 ? Encoders.base64Lines(bytes) : qp)
    }

    /// An attachment part: Content-Type (with an RFC 2047 `name` for old clients),
    /// Content-Disposition with the RFC 2231 `filename`, base64 body.
    static func attachmentLeaf(_ attachment: OutgoingAttachment) -> Entity {
        let type = attachment.contentType.lowercased()
        let halves = type.split(separator: "/", omittingEmptySubsequences: false)
        precondition(halves.count == 2 && halves.allSatisfy { Encoders.isToken(String($0)) },
                     "attachment content type \(attachment.contentType.debugDescription) is not type/subtype of RFC 2045 tokens")
        let filename = attachment.filename.map(safeFilename).flatMap { $0.isEmpty ? nil : $0 }
        var headers = contentTypeHeader(type, attachment.parameters, filename: filename)
        headers += simpleHeader("Content-Transfer-Encoding", "base64")
        var disposition = HeaderFolder(name: "Content-Disposition")
        let segments = filename.map { Encoders.parameterSegments(name: "filename", value: $0) } ?? []
        appendParameters(to: &disposition, value: attachment.disposition.rawValue, segments.map { [$0] })
        headers += disposition.bytes()
        return .leaf(headers: headers, body: Encoders.base64Lines(attachment.data))
    }

    /// A filename as sent: sanitised like any header text, trimmed, and with `/` and `\`
    /// replaced by `_` — RFC 2183 §2.3: a filename carries no directory path, and readers
    /// (ours included) keep only what follows the last separator.
    static func safeFilename(_ name: String) -> String {
        String(trimmedWSP(sanitized(name)).map { $0 == "/" || $0 == "\\" ? "_" : $0 })
    }

    /// `Content-Type: type; p=v…` plus, when there is a filename, `name=`: the plain or
    /// RFC 2231 form for ASCII names, RFC 2047 words inside a quoted-string for non-ASCII
    /// names (not standard — RFC 2047 §5 forbids words in quoted-strings — but what Outlook,
    /// Gmail and old clients send and read; RFC 2231 readers use `filename*` instead).
    static func contentTypeHeader(_ type: String, _ parameters: [OutgoingAttachment.Parameter],
                                  filename: String?) -> [UInt8] {
        // Each RFC 2231 continuation is a parameter of its own, so a group of one atom.
        var groups: [[String]] = parameters.flatMap { parameter in
            Encoders.parameterSegments(name: parameter.name, value: sanitized(parameter.value)).map { [$0] }
        }
        if let filename {
            if filename.utf8.allSatisfy({ $0 < 128 }) && !filename.contains("=?") {
                groups += Encoders.parameterSegments(name: "name", value: filename).map { [$0] }
            } else {
                // 70 leaves room for ` name="` before the first word and `";` after the last.
                var words = Encoders.encodedWords(filename, maxLength: 70)
                if let first = words.first, let last = words.indices.last {
                    words[0] = "name=\"" + first
                    words[last] += "\""
                    groups.append(words)
                }
            }
        }
        var folder = HeaderFolder(name: "Content-Type")
        appendParameters(to: &folder, value: type, groups)
        return folder.bytes()
    }

    /// `value; a; b c` where each group is a parameter whose atoms may fold between them.
    static func appendParameters(to folder: inout HeaderFolder, value: String, _ groups: [[String]]) {
        var atoms = [value]
        for group in groups {
            atoms[atoms.count - 1] += ";"
            atoms += group
        }
        for atom in atoms { folder.append(atom) }
    }
}
