// Forms: the text of a `.docx` attachment (ECMA-376 WordprocessingML): paragraphs `<w:p>`
// one per line, table rows `<w:tr>` as `cell: cell`, checkbox symbols as ☒/☐.
import Foundation

enum DocxText {
    /// Largest `word/document.xml` read, against zip bombs.
    static let maximumXMLBytes = 16 * 1024 * 1024

    /// The readable text, or nil when the bytes are not a readable `.docx`. The entry is read
    /// by `ZipStructure.read`, not ZIPFoundation, which never returns on a truncated stream.
    static func extract(_ bytes: [UInt8]) -> String? {
        guard bytes.count > 4, bytes[0] == 0x50, bytes[1] == 0x4B,
              case .success(let xml) = ZipStructure.read("word/document.xml", in: bytes, limit: maximumXMLBytes)
        else { return nil }
        return text(fromDocumentXML: String(decoding: xml, as: UTF8.self))
    }

    /// WordprocessingML to lines. A single pass over the tags; no XML parser needed for text.
    static func text(fromDocumentXML xml: String) -> String {
        var out = ""
        var paragraph = ""
        var cells: [String] = []
        var cell = ""
        var cellDepth = 0
        var inText = false
        var s = xml.unicodeScalars[...]
        func endParagraph() {
            if cellDepth > 0 {
                if !cell.isEmpty { cell += "\n" }
                cell += paragraph
            } else {
                out += paragraph + "\n"
            }
            paragraph = ""
        }
        while let lt = s.firstIndex(of: "<") {
            if inText { paragraph += decodeEntities(String(String.UnicodeScalarView(s[..<lt]))) }
            guard let gt = s[lt...].firstIndex(of: ">") else { break }
            let tag = String(String.UnicodeScalarView(s[s.index(after: lt)..<gt]))
            s = s[s.index(after: gt)...]
            let name = tag.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "\t" || $0 == "\n" }).first.map(String.init) ?? ""
            let closing = tag.hasPrefix("/")
            let selfClosing = tag.hasSuffix("/")
            switch (closing ? "/" + String(tag.dropFirst().prefix(while: { $0 != " " && $0 != ">" })) : name) {
            case "w:t": inText = !selfClosing
            case "/w:t": inText = false
            case "w:tab": paragraph += "\t"
            case "w:br", "w:cr": paragraph += "\n"
            case "w:sym":
                if let r = tag.range(of: "w:char=\"") {
                    let code = tag[r.upperBound...].prefix(4).uppercased()
                    paragraph += ["F0FE", "F078", "F0FD", "F0FC"].contains(code) ? "☒" : "☐"
                }
            case "/w:p": endParagraph()
            case "w:tc": if !selfClosing { cellDepth += 1; if cellDepth == 1 { cell = "" } }
            case "/w:tc":
                if !paragraph.isEmpty { endParagraph() }
                cellDepth = max(0, cellDepth - 1)
                if cellDepth == 0 { cells.append(cell.trimmingCharacters(in: .whitespacesAndNewlines)) }
            case "w:tr": cells = []
            case "/w:tr":
                var row = ""
                for c in cells where !c.isEmpty {
                    if row.isEmpty { row = c } else { row += (row.hasSuffix(":") ? " " : ": ") + c }
                }
                if !row.isEmpty { out += row + "\n" }
                cells = []
            default: break
            }
        }
        if !paragraph.isEmpty { out += paragraph }
        return out
    }

    /// XML 1.0 §4.6 predefined entities and character references.
    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = s[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                var scalar: Unicode.Scalar?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") { scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                }
                if let sc = scalar { out.unicodeScalars.append(sc) } else { out += "&" + entity + ";" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        out += rest
        return out
    }
}
