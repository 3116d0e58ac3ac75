// Forms: every label spelling and heading of every kind, for exact and one-typo lookups.

/// A field of some kind, as a label can point to it.
struct FieldRef: Hashable, Sendable {
    var kind: FormKind
    var id: String
}

/// Every label spelling of every kind, for exact and one-typo lookups.
struct LabelIndex: Sendable {
    private var exact: [LabelKey: Set<FieldRef>] = [:]
    /// Spellings long enough for one-typo matching, by length.
    private var fuzzy: [Int: [(key: LabelKey, refs: Set<FieldRef>)]] = [:]
    private var longestFuzzy = 0
    private var headings: [(key: LabelKey, kind: FormKind, prefixAllowed: Bool)] = []
    /// Labels this long or longer tolerate one wrong, missing, extra or swapped letter.
    static let fuzzyMinimumLength = 5
    static let maximumKeyLength = 90

    static let shared = LabelIndex()

    init() {
        for kind in FormKind.allCases {
            for field in kind.fields {
                let ref = FieldRef(kind: kind, id: field.id)
                for spelling in [field.label, field.shortLabel] + field.variants {
                    let key = LabelKey(spelling)
                    guard key.count > 0 else { continue }
                    exact[key, default: []].insert(ref)
                    let withoutParens = LabelKey(LabelIndex.removingParentheses(spelling))
                    if withoutParens.count > 0 { exact[withoutParens, default: []].insert(ref) }
                }
            }
            headings.append((LabelKey(kind.heading), kind, true))
            for v in kind.headingVariants { headings.append((LabelKey(v), kind, false)) }
        }
        for (key, refs) in exact where key.count >= LabelIndex.fuzzyMinimumLength {
            fuzzy[key.count, default: []].append((key, refs))
            longestFuzzy = max(longestFuzzy, key.count)
        }
    }

    static func removingParentheses(_ s: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var depth = 0
        for c in s.unicodeScalars {
            if c == "(" { depth += 1; continue }
            if c == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { out.append(c) }
        }
        return String(out)
    }

    /// The fields a written label may mean; empty when it is not a label.
    func fields(forLabel raw: some StringProtocol, fuzzy allowFuzzy: Bool = true) -> Set<FieldRef> {
        let full = LabelKey(raw)
        if full.count > 0, full.count <= LabelIndex.maximumKeyLength, let refs = exact[full] { return refs }
        var key = full
        if raw.unicodeScalars.contains("(") {
            key = LabelKey(LabelIndex.removingParentheses(raw))
            if key.count > 0, key.count <= LabelIndex.maximumKeyLength, let refs = exact[key] { return refs }
        }
        // Labels have no digits outside their parenthetical hints: "Строка 12" is prose.
        guard allowFuzzy, key.count >= LabelIndex.fuzzyMinimumLength, key.count <= longestFuzzy + 1,
              !key.scalars.contains(where: { ("0"..."9").contains($0) }) else { return [] }
        var found: Set<FieldRef> = []
        for length in (key.count - 1)...(key.count + 1) {
            for entry in fuzzy[length] ?? [] where key.distance(to: entry.key, limit: 1) <= 1 {
                found.formUnion(entry.refs)
            }
        }
        return found
    }

    /// The kind whose heading this line is, if any.
    func heading(_ line: some StringProtocol) -> FormKind? {
        let key = LabelKey(line)
        guard key.count >= 5, key.count <= 120 else { return nil }
        for h in headings {
            if h.key == key { return h.kind }
            if h.prefixAllowed, key.scalars.starts(with: h.key.scalars) { return h.kind }
            if h.key.count >= 10, key.distance(to: h.key, limit: 1) <= 1 { return h.kind }
        }
        return nil
    }
}
