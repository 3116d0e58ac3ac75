// Forms: reading labelled values out of an already decoded text.
import Foundation

/// A value as written after a label, before normalisation.
public struct RawValue: Sendable, Hashable {
    /// The label as the sender wrote it.
    public var label: String
    /// The value text, trimmed; lines kept for multi-line values; empty when not filled in.
    public var text: String
    /// The zone of the label line (`body` or `quoted`).
    public var zone: TextZone
    /// 0-based line index of the label in the text.
    public var line: Int
}

/// One form found in a text: its kind and the raw value of each label present.
public struct TextForm: Sendable {
    public var kind: FormKind
    /// Whether the heading of the kind was present (otherwise the kind came from the labels).
    public var headingFound: Bool
    /// The `Версия формы:` line, when present.
    public var version: String?
    /// Field id → raw value, for every label found (value text may be empty).
    public var values: [String: RawValue]
    /// True when the values were read from a quoted block (the sender typed into the quote).
    public var usesQuotedText: Bool
    /// How many fields have a non-empty value.
    public var filledCount: Int
}

extension TextForm {
    /// A form read from a quote counts only with its heading or half its fields filled: a
    /// quoted invitation listing dates and an address is not a programme application.
    var isPlausibleQuotedForm: Bool {
        filledCount > 0 && (headingFound || filledCount * 2 >= kind.fields.count)
    }
}

/// Finds forms in a decoded text with the label rules of issue 4. Linear-ish in the text length.
public struct FormTextReader: Sendable {
    public init() {}

    /// The form the sender filled in, if any: an unquoted one first; a quoted one only when
    /// it is the only filled form (people type into the quote). A blank form typed outside any
    /// quote is returned with no values, so that its problems can be listed.
    public func read(_ text: String) -> TextForm? {
        let all = readableCandidates(in: text)
        if let own = all.filter({ !$0.usesQuotedText && $0.filledCount > 0 }).max(by: { $0.filledCount < $1.filledCount }) {
            return own
        }
        if let quoted = all.filter(\.isPlausibleQuotedForm).max(by: { $0.filledCount < $1.filledCount }) {
            return quoted
        }
        return all.first { !$0.usesQuotedText && ($0.values.count >= 2 || $0.headingFound) && $0.values.count > 0 }
    }

    private enum LineInfo {
        case plain
        case terminator
        case heading(FormKind)
        case version(String)
        case label(Set<FieldRef>, label: Substring, value: Substring)
    }

    /// Every form-like block of the text (split at headings and quote headers).
    public func candidates(in text: String) -> [TextForm] {
        forms(zoned: TextZones.split(text))
    }

    /// The candidates a reading can choose from: all of them, except that when the sender's own
    /// text (everything above the first separator, Outlook header block or attribution over an
    /// unmarked original) holds a form they filled in, the original below is not read — it can
    /// only give forms read from a quote, which never beat an own filled form.
    func readableCandidates(in text: String) -> [TextForm] {
        let (own, complete) = TextZones.zone(text, stopBelowSeparator: true)
        let ownForms = forms(zoned: own)
        if complete || ownForms.contains(where: { !$0.usesQuotedText && $0.filledCount > 0 }) { return ownForms }
        return candidates(in: text)
    }

    private func forms(zoned: [ZonedLine]) -> [TextForm] {
        let index = LabelIndex.shared
        // No array per line: only lines with two colons can be split.
        var lines: [ZonedLine] = []
        lines.reserveCapacity(zoned.count)
        for line in zoned {
            if FormTextReader.hasTwoColons(line) {
                lines.append(contentsOf: splitInlineLabels(line, index: index))
            } else {
                lines.append(line)
            }
        }
        var infos: [LineInfo] = []
        infos.reserveCapacity(lines.count)
        for line in lines {
            guard line.zone == .body || line.zone == .quoted else { infos.append(.terminator); continue }
            infos.append(classify(line.text, index: index))
        }
        // Blocks: split at headings and quote headers.
        var blocks: [Range<Int>] = []
        var start = 0
        for (i, info) in infos.enumerated() {
            var splits = false
            if case .heading = info { splits = true }
            if lines[i].zone == .quoteHeader { splits = true }
            if splits {
                if i > start { blocks.append(start..<i) }
                start = i
            }
        }
        if start < infos.count { blocks.append(start..<infos.count) }

        var forms: [TextForm] = []
        for block in blocks {
            if let form = readBlock(block, lines: lines, infos: infos) { forms.append(form) }
        }
        return forms
    }

    /// Fields that also appear in signatures and cover notes; they never decide a kind alone.
    static let contactFieldIDs: Set<String> = ["organization", "phone", "email", "locality", "contact",
                                               "contact_person", "consent", "comment"]

    /// Most words a label has; bounds the look-back before each colon.
    static let maximumLabelWords = 8

    /// "ФИО: Иванова, Телефон: 8 912 …, Email: …" on one line (typed so, or an HTML layout table
    /// flattened to one line): split before every label that is followed by a colon, when the line
    /// holds at least two. Only exact label spellings split a line; work is bounded per colon.
    /// A line of the sender's text or a quote with at least two `:` bytes (what
    /// `splitInlineLabels` needs before it looks further).
    static func hasTwoColons(_ line: ZonedLine) -> Bool {
        guard line.zone == .body || line.zone == .quoted else { return false }
        var colonBytes = 0
        for b in line.text.utf8 where b == UInt8(ascii: ":") {
            colonBytes += 1
            if colonBytes >= 2 { return true }
        }
        return false
    }

    private func splitInlineLabels(_ line: ZonedLine, index: LabelIndex) -> [ZonedLine] {
        guard line.zone == .body || line.zone == .quoted else { return [line] }
        let text = line.text
        // At least two colons are needed; the byte count bounds the Character count.
        var colonBytes = 0
        for b in text.utf8 where b == UInt8(ascii: ":") {
            colonBytes += 1
            if colonBytes >= 2 { break }
        }
        guard colonBytes >= 2 else { return [line] }
        var colons: [Substring.Index] = []
        var depth = 0
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) } else if c == ":", depth == 0 { colons.append(i) }
            i = text.index(after: i)
        }
        guard colons.count >= 2 else { return [line] }
        var starts: [Substring.Index] = []
        var previousColonEnd = text.startIndex
        for colon in colons {
            // Word starts going back from the colon, nearest first, not past the previous colon.
            var wordStarts: [Substring.Index] = []
            var j = colon
            var inWord = false
            while j > previousColonEnd, wordStarts.count < FormTextReader.maximumLabelWords {
                let before = text.index(before: j)
                let ch = text[before]
                if ch == " " || ch == "\t" || ch == "," || ch == ";" || ch == "\u{A0}" {
                    if inWord { wordStarts.append(j) }
                    inWord = false
                } else {
                    inWord = true
                }
                j = before
            }
            if inWord, wordStarts.count < FormTextReader.maximumLabelWords { wordStarts.append(j) }
            // The longest label ending at this colon.
            for start in wordStarts.reversed() {
                let candidate = FormTextReader.trimLabel(text[start..<colon])
                if !candidate.isEmpty, !index.fields(forLabel: candidate, fuzzy: false).isEmpty {
                    starts.append(start)
                    break
                }
            }
            previousColonEnd = text.index(after: colon)
        }
        guard starts.count >= 2 || (starts.count == 1 && starts[0] > text.startIndex
            && !text[..<starts[0]].allSatisfy({ $0 == " " || $0 == "\t" || $0.isNumber || $0 == "." })) else { return [line] }
        var pieces: [ZonedLine] = []
        var from = text.startIndex
        for start in starts where start > from {
            let piece = text[from..<start]
            var trimmed = piece.trimmingCharacters(in: CharacterSet(charactersIn: " \t,;"))
            // "1. ФИО: Иванова 2. Телефон: …": the next label's number is not part of this value.
            if let last = trimmed.split(separator: " ").last, last.count <= 3, last.count >= 2,
               last.dropLast().allSatisfy(\.isNumber), last.last == "." || last.last == ")" {
                trimmed = String(trimmed.dropLast(last.count)).trimmingCharacters(in: .whitespaces)
            }
            if !trimmed.isEmpty { pieces.append(ZonedLine(text: Substring(trimmed), zone: line.zone, depth: line.depth)) }
            from = start
        }
        pieces.append(ZonedLine(text: text[from...], zone: line.zone, depth: line.depth))
        return pieces
    }

    private func classify(_ text: Substring, index: LabelIndex) -> LineInfo {
        // Lines rarely start with a space, tab or no-break space (C2 A0): no Character walk then.
        var line = FormTextReader.dropLeadingSpaces(text)
        guard !line.isEmpty else { return .plain }
        // Bounded work per line: labels live near the start of a line.
        let head = FormTextReader.head(line)
        if let version = versionValue(head) { return .version(version) }
        let colon = firstColonOutsideParentheses(head)
        if colon == nil || line[line.index(after: colon ?? line.startIndex)...].allSatisfy({ $0.isWhitespace }) {
            if head.endIndex == line.endIndex, let kind = index.heading(line) { return .heading(kind) }
        }
        // A checkbox before the label: "[x] Согласие на обработку персональных данных".
        var prefixMark: Substring = ""
        if let mark = leadingCheckbox(line) {
            prefixMark = line[..<mark]
            line = line[mark...].drop(while: { $0 == " " })
        }
        let unmarked = line
        line = FormTextReader.stripNumbering(line)
        // Most lines have neither: the head and its colon are the ones found above.
        let unchanged = line.startIndex == unmarked.startIndex && prefixMark.isEmpty
        let head2 = unchanged ? head : FormTextReader.head(line)
        let colon2 = unchanged ? colon : firstColonOutsideParentheses(head2)
        var labelPart: Substring
        var valuePart: Substring
        var refs: Set<FieldRef> = []
        if let c = colon2, c > line.startIndex,
           case let r = index.fields(forLabel: FormTextReader.trimLabel(line[..<c])), !r.isEmpty {
            refs = r
            labelPart = line[..<c]
            valuePart = line[line.index(after: c)...]
        } else if let (l, v, r) = splitAtDash(head2, full: line) {
            refs = r
            labelPart = l
            valuePart = v
        } else {
            // A line with no separator is a label only when it is exactly one ("ФИО" alone, value
            // below); a value line like "заявка № 5" must not be taken for a misspelt label.
            // (A head shorter than the line means more than 160 Characters.)
            guard !(unchanged && head.endIndex != line.endIndex) else { return .plain }
            guard line.utf8.count <= 120 || TextScan.end(ofCharacters: 120, in: line) == line.endIndex else { return .plain }
            labelPart = line
            valuePart = ""
            refs = index.fields(forLabel: FormTextReader.trimLabel(labelPart), fuzzy: false)
        }
        guard !refs.isEmpty else { return .plain }
        if !prefixMark.isEmpty {
            valuePart = Substring(String(prefixMark) + " " + valuePart)
        }
        return .label(refs, label: labelPart, value: valuePart)
    }

    /// Spaces, tabs and no-break spaces (C2 A0) dropped at the start; lines rarely start with
    /// one, so the Character walk runs only when the first byte could begin one.
    static func dropLeadingSpaces(_ text: Substring) -> Substring {
        guard let b = text.utf8.first, b == 0x20 || b == 0x09 || b == 0xC2 else { return text }
        return text.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{A0}" })
    }

    /// The first 160 characters of a line; a short line is its own head (no Character walk).
    static func head(_ line: Substring) -> Substring {
        line.utf8.count <= 160 ? line : line[..<TextScan.end(ofCharacters: 160, in: line)]
    }

    private func versionValue(_ head: Substring) -> String? {
        guard let first = head.unicodeScalars.first, "ВвFf".unicodeScalars.contains(first),
              let colon = head.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let key = LabelKey(head[..<colon])
        guard key.string == "версияформы" || key.string == "formversion" else { return nil }
        let v = head[head.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return v.isEmpty ? nil : v
    }

    /// On the UTF-8 bytes: `(`, `)`, `:` are ASCII and the full-width colon is EF BC 9A.
    func firstColonOutsideParentheses(_ s: Substring) -> Substring.Index? {
        let (found, scanned) = TextScan.offsetIndex(in: s) { b in
            var depth = 0
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c == UInt8(ascii: "(") {
                    depth += 1
                } else if c == UInt8(ascii: ")") {
                    depth = max(0, depth - 1)
                } else if depth == 0, c == UInt8(ascii: ":") {
                    return i
                } else if depth == 0, c == 0xEF, i + 2 < n, b[i + 1] == 0xBC, b[i + 2] == 0x9A {
                    return i
                }
                i += 1
            }
            return nil
        }
        return scanned ? found : firstColonOutsideParenthesesByIndex(s)
    }

    func firstColonOutsideParenthesesByIndex(_ s: Substring) -> Substring.Index? {
        var depth = 0
        let u = s.utf8
        var i = u.startIndex
        while i < u.endIndex {
            let c = u[i]
            if c == UInt8(ascii: "(") {
                depth += 1
            } else if c == UInt8(ascii: ")") {
                depth = max(0, depth - 1)
            } else if depth == 0, c == UInt8(ascii: ":") {
                return i
            } else if depth == 0, c == 0xEF, TextScan.bytes(u, at: i, are: [0xEF, 0xBC, 0x9A]) {
                return i
            }
            i = u.index(after: i)
        }
        return nil
    }

    static let asterisks = CharacterSet(charactersIn: "*")

    /// Spaces, tabs and markdown marks around a label; scalar-level, no Foundation bridging.
    static func trimLabel(_ s: Substring) -> Substring {
        func junk(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "*" || c == "_" || c == "#" || c == "\u{A0}" }
        let u = s.unicodeScalars
        var start = u.startIndex
        var end = u.endIndex
        while start < end, junk(u[start]) { start = u.index(after: start) }
        while end > start, junk(u[u.index(before: end)]) { end = u.index(before: end) }
        return Substring(u[start..<end])
    }
    static let labelTrim = CharacterSet(charactersIn: " \t*_#")

    /// "Телефон — 8 912 …", "Телефон - 8 912", "Телефон<TAB>8 912": a spaced dash or a tab
    /// after a known label.
    func splitAtDash(_ head: Substring, full: Substring) -> (Substring, Substring, Set<FieldRef>)? {
        // The first tab or spaced dash after the line's start, on the contiguous bytes.
        var sepEnd: Substring.Index?
        let (found, scanned) = TextScan.offsetIndex(in: head) { b in
            let n = b.count
            var i = 0
            while i < n {
                let c = b[i]
                var end: Int?
                if c == 0x09 {
                    end = i + 1
                } else if c == 0x20, i + 1 < n {
                    var afterDash: Int?
                    if b[i + 1] == UInt8(ascii: "-") {
                        afterDash = i + 2
                    } else if i + 3 < n, b[i + 1] == 0xE2, b[i + 2] == 0x80, b[i + 3] == 0x93 || b[i + 3] == 0x94 {
                        afterDash = i + 4
                    }
                    if let a = afterDash, a < n, b[a] == 0x20 { end = a + 1 }
                }
                if let end, i > 0 {
                    sepEnd = head.utf8.index(head.startIndex, offsetBy: end)
                    return i
                }
                i += 1
            }
            return nil
        }
        guard scanned else { return splitAtDashByIndex(head, full: full) }
        guard let i = found, let end = sepEnd else { return nil }
        let refs = LabelIndex.shared.fields(forLabel: FormTextReader.trimLabel(full[..<i]))
        return refs.isEmpty ? nil : (full[..<i], full[end...], refs)
    }

    func splitAtDashByIndex(_ head: Substring, full: Substring) -> (Substring, Substring, Set<FieldRef>)? {
        // On the UTF-8 bytes: tab, space, `-` are ASCII; `–` and `—` are E2 80 93 / E2 80 94.
        let u = head.utf8
        var i = u.startIndex
        while i < u.endIndex {
            let c = u[i]
            let next = u.index(after: i)
            var sepEnd: Substring.Index?
            if c == 0x09 {
                sepEnd = next
            } else if c == 0x20, next < u.endIndex {
                var afterDash: Substring.Index?
                if u[next] == UInt8(ascii: "-") {
                    afterDash = u.index(after: next)
                } else if TextScan.bytes(u, at: next, are: [0xE2, 0x80, 0x93]) || TextScan.bytes(u, at: next, are: [0xE2, 0x80, 0x94]) {
                    afterDash = u.index(next, offsetBy: 3)
                }
                if let a = afterDash, a < u.endIndex, u[a] == 0x20 { sepEnd = u.index(after: a) }
            }
            if let end = sepEnd, i > head.startIndex {
                let refs = LabelIndex.shared.fields(forLabel: FormTextReader.trimLabel(full[..<i]))
                if !refs.isEmpty { return (full[..<i], full[end...], refs) }
                return nil
            }
            i = next
        }
        return nil
    }

    private static let checkboxStarts: Set<Unicode.Scalar> = ["[", "☒", "☑", "✅", "☐", "✓", "✔"]

    private func leadingCheckbox(_ line: Substring) -> Substring.Index? {
        guard let first = line.unicodeScalars.first, FormTextReader.checkboxStarts.contains(first) else { return nil }
        for mark in ["[x]", "[X]", "[х]", "[Х]", "[v]", "[V]", "[✓]", "[✔]", "[ ]", "[]", "☒", "☑", "✅", "☐", "✓", "✔"] {
            if line.hasPrefix(mark) { return line.index(line.startIndex, offsetBy: mark.count) }
        }
        return nil
    }

    /// "1. ФИО", "2) Организация", "- Телефон", "• Email", "**ФИО**".
    static func stripNumbering(_ line: Substring) -> Substring {
        // A line starting with a letter has no numbering (a letter is neither a mark, a digit nor
        // a dot, whatever marks combine with it).
        if let f = line.unicodeScalars.first, TextScan.isBasicLetter(f) { return line }
        var s = line
        while let f = s.first, "-•*–—·#".contains(f) { s = s.dropFirst().drop(while: { $0 == " " }) }
        let digits = s.prefix(while: { $0.isNumber || $0 == "." })
        if !digits.isEmpty, digits.count <= 6 {
            let after = s.dropFirst(digits.count)
            if let f = after.first, f == "." || f == ")" {
                s = after.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
            } else if digits.last == ".", let f = after.first, f == " " || f == "\t" {
                s = after.drop(while: { $0 == " " || $0 == "\t" })
            }
        }
        return s
    }

    private func readBlock(_ block: Range<Int>, lines: [ZonedLine], infos: [LineInfo]) -> TextForm? {
        var headingKind: FormKind?
        var version: String?
        var hits: [Int] = []
        for i in block {
            switch infos[i] {
            case .heading(let k): if headingKind == nil { headingKind = k }
            case .version(let v): version = version ?? v
            case .label: hits.append(i)
            default: break
            }
        }
        guard let kind = headingKind ?? vote(hits.map { labelRefs(infos[$0]) }) else { return nil }
        let kindHits = hits.filter { labelRefs(infos[$0]).contains { $0.kind == kind } }
        var perField: [String: [RawValue]] = [:]
        for (n, i) in kindHits.enumerated() {
            guard case .label(let refs, let label, let sameLine) = infos[i],
                  let ref = refs.first(where: { $0.kind == kind }), let spec = kind.field(ref.id) else { continue }
            let end = n + 1 < kindHits.count ? kindHits[n + 1] : block.upperBound
            let text = value(sameLine: sameLine, following: (i + 1)..<end, lines: lines, infos: infos, type: spec.type)
            perField[ref.id, default: []].append(
                RawValue(label: TextScan.trimmingWhitespaces(label), text: text, zone: lines[i].zone, line: i))
        }
        let ownFilled = perField.values.contains { $0.contains { $0.zone == .body && FormTextReader.isFilled($0.text) } }
        var values: [String: RawValue] = [:]
        var usesQuoted = false
        for (id, list) in perField {
            let usable = ownFilled ? list.filter { $0.zone == .body } : list
            guard let chosen = usable.first(where: { FormTextReader.isFilled($0.text) }) ?? usable.first else { continue }
            if chosen.zone != .body { usesQuoted = true }
            values[id] = chosen
        }
        if values.isEmpty, headingKind == nil { return nil }
        if values.isEmpty { usesQuoted = block.contains { lines[$0].zone == .quoted } }
        return TextForm(kind: kind, headingFound: headingKind != nil, version: version, values: values,
                        usesQuotedText: usesQuoted, filledCount: values.values.filter { FormTextReader.isFilled($0.text) }.count)
    }

    private func labelRefs(_ info: LineInfo) -> Set<FieldRef> {
        if case .label(let refs, _, _) = info { return refs }
        return []
    }

    /// The kind most labels point to: at least two different fields of it.
    private func vote(_ hits: [Set<FieldRef>]) -> FormKind? {
        var distinct: [FormKind: Set<String>] = [:]
        var unique: [FormKind: Set<String>] = [:]
        for refs in hits {
            let kinds = Set(refs.map(\.kind))
            for r in refs {
                distinct[r.kind, default: []].insert(r.id)
                if kinds.count == 1 { unique[r.kind, default: []].insert(r.id) }
            }
        }
        let ranked = FormKind.allCases.compactMap { k -> (FormKind, Int, Int)? in
            // Contact lines alone (a signature without its marker) are not a form.
            guard let d = distinct[k], d.count >= 2, !d.isSubset(of: FormTextReader.contactFieldIDs) else { return nil }
            return (k, d.count, unique[k]?.count ?? 0)
        }
        return ranked.max { a, b in (a.1, a.2) < (b.1, b.2) }?.0
    }

    private func value(sameLine: Substring, following: Range<Int>, lines: [ZonedLine], infos: [LineInfo],
                       type: ValueType) -> String {
        var first = TextScan.trimmingWhitespaces(sameLine)
        var collected: [String] = first.isEmpty ? [] : [first]
        var stop = following.lowerBound
        while stop < following.upperBound {
            if case .terminator = infos[stop] { break }
            if case .heading = infos[stop] { break }
            if case .version = infos[stop] { break }
            stop += 1
        }
        let range = following.lowerBound..<stop
        // An untouched template value ("[ ]") with the answer typed on the next line.
        if !first.isEmpty, !FormTextReader.isFilled(first),
           range.contains(where: { !TextScan.trimmingWhitespaces(lines[$0].text).isEmpty }) {
            first = ""
            collected = []
        }
        if type.takesContinuationLines {
            for i in range { collected.append(TextScan.trimmingWhitespaces(lines[i].text)) }
            while let last = collected.last, last.isEmpty { collected.removeLast() }
            while let f = collected.first, f.isEmpty { collected.removeFirst() }
            return FormTextReader.cleanPlaceholder(collected.joined(separator: "\n"))
        }
        if collected.isEmpty {
            var started = false
            for i in range {
                let t = TextScan.trimmingWhitespaces(lines[i].text)
                if t.isEmpty { if started { break } else { continue } }
                started = true
                collected.append(t)
                if collected.count >= 5 { break }
            }
        }
        return FormTextReader.cleanPlaceholder(collected.joined(separator: " "))
    }

    /// Whether a value was filled in: not empty and not an untouched checkbox (`[ ] да [ ] нет`).
    static func isFilled(_ text: String) -> Bool {
        if text.isEmpty { return false }
        // Checkbox templates are short; long values are filled whatever they contain.
        guard text.utf8.count < 200 else { return true }
        // Byte pre-checks first: none of the three has another canonically equivalent spelling.
        let unchecked = (TextScan.containsBytes(text, "☐") && text.contains("☐"))
            || (TextScan.containsBytes(text, "[") && (text.contains("[ ]") || text.contains("[]")))
        if unchecked, !BooleanParsing.containsCheckedMark(text) {
            return false
        }
        return true
    }

    /// `______`, `…`: nothing filled in.
    static func cleanPlaceholder(_ s: String) -> String {
        var t = TextScan.trimming(Substring(s), where: TextScan.isWhitespaceOrNewline)
        // Markdown-style emphasis around a value.
        t = TextScan.trimming(Substring(t), where: { $0 == "*" })
        let meaningful = t.unicodeScalars.contains { !"_.…-–—  \t\n*".unicodeScalars.contains($0) }
        if !meaningful { return "" }
        return TextScan.trimming(Substring(t), where: TextScan.isWhitespaceOrNewline)
    }
}
