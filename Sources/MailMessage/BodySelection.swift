// Which parts are "the body" (RFC 2046 §5.1.4 alternative, §5.1.3 mixed; RFC 2387 related).

enum BodySelection {
    /// Paths of the parts whose text makes `textBody`, in order. Usually one; Apple Mail's
    /// mixed bodies (text, inline image, text) give several.
    static func bodyPaths(_ root: MIMEPart) -> [[Int]] {
        choose(root, path: [], preferHTML: false)
    }

    /// The path of the HTML part shown to a reader, if any.
    static func htmlPath(_ root: MIMEPart) -> [Int]? {
        choose(root, path: [], preferHTML: true).first { root.part(at: $0)?.contentType == "text/html" }
    }

    private static func isInlineText(_ p: MIMEPart) -> Bool {
        (p.contentType == "text/plain" || p.contentType == "text/html")
            && p.disposition != "attachment" && p.filename == nil
    }

    private static func choose(_ p: MIMEPart, path: [Int], preferHTML: Bool) -> [[Int]] {
        if !p.contentType.hasPrefix("multipart/") {
            if p.contentType == "text/plain" || p.contentType == "text/html" {
                // A text part sent as a file (even as the whole message) is an attachment.
                return p.disposition == "attachment" || p.filename != nil ? [] : [path]
            }
            return []
        }
        let kids = p.children.enumerated().map { (p: $0.element, path: path + [$0.offset]) }
        switch p.contentType {
        case "multipart/alternative":
            // Prefer text/plain unless it is empty; fall back to HTML, then to nested structures.
            var plain: [[Int]] = []
            var html: [[Int]] = []
            for k in kids {
                let chosen = choose(k.p, path: k.path, preferHTML: preferHTML)
                guard let first = chosen.first, let fp = p.part(at: Array(first.dropFirst(path.count))) else { continue }
                let empty = (fp.text ?? "").allSatisfy(\.isWhitespace)
                if fp.contentType == "text/html" { if html.isEmpty { html = chosen } } else if plain.isEmpty && !empty {
                    plain = chosen
                }
            }
            if preferHTML { return html.isEmpty ? plain : html }
            return plain.isEmpty ? html : plain
        case "multipart/related":
            // RFC 2387: the root is the start parameter or the first part.
            if let first = kids.first { return choose(first.p, path: first.path, preferHTML: preferHTML) }
            return []
        default:
            // mixed, signed, report, unknown: the first displayable child, plus following
            // inline text/plain parts (text split around inline images).
            var out: [[Int]] = []
            for k in kids {
                if out.isEmpty {
                    if k.p.contentType.hasPrefix("multipart/") || isInlineText(k.p) {
                        out = choose(k.p, path: k.path, preferHTML: preferHTML)
                        if p.contentType == "multipart/report" && !out.isEmpty { break }
                    }
                } else if k.p.contentType == "text/plain" && isInlineText(k.p) && !preferHTML {
                    out.append(k.path)
                }
            }
            return out
        }
    }
}
