// Forms: label normalisation and tolerant matching (case, ё/е, look-alike letters,
// punctuation, spaces, one-letter typos).

/// A label reduced to the letters and digits that identify it: lower case, `ё`→`е`,
/// Latin look-alikes turned Cyrillic in Cyrillic words (and back in Latin words such as
/// `Е-mail` typed with a Cyrillic `Е`), punctuation and spaces removed.
struct LabelKey: Hashable, Sendable {
    let scalars: [Unicode.Scalar]

    var string: String { String(String.UnicodeScalarView(scalars)) }

    init(_ text: some StringProtocol) {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.unicodeScalars.count)
        for token in text.lowercased().split(whereSeparator: { $0.isWhitespace }) {
            var cyrillic = 0
            var latin = 0
            for s in token.unicodeScalars {
                if LabelKey.isCyrillic(s) { cyrillic += 1 } else if LabelKey.isLatin(s) { latin += 1 }
            }
            // A word turns Latin only when all its Cyrillic letters could be Latin look-alikes and
            // Latin letters are the majority (`Е-mail`); otherwise Cyrillic (`ИHH`, `Тeлeфон`).
            let cyrillicAllLookalike = token.unicodeScalars.allSatisfy {
                !LabelKey.isCyrillic($0) || LabelKey.cyrillicToLatin[$0] != nil
            }
            let toCyrillic = !(cyrillicAllLookalike && latin > cyrillic)
            for s in token.unicodeScalars {
                var s = s
                if s == "ё" { s = "е" }
                if toCyrillic, let c = LabelKey.latinToCyrillic[s] { s = c }
                if !toCyrillic, let l = LabelKey.cyrillicToLatin[s] { s = l }
                if s.properties.isAlphabetic || ("0"..."9").contains(s) { out.append(s) }
            }
        }
        scalars = out
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var count: Int { scalars.count }

    static func isCyrillic(_ s: Unicode.Scalar) -> Bool { (0x0400...0x04FF).contains(s.value) }
    static func isLatin(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s)
    }

    static let latinToCyrillic: [Unicode.Scalar: Unicode.Scalar] = [
        "a": "а", "b": "в", "c": "с", "e": "е", "h": "н", "k": "к", "m": "м", "o": "о", "p": "р",
        "t": "т", "x": "х", "y": "у",
    ]
    static let cyrillicToLatin: [Unicode.Scalar: Unicode.Scalar] = [
        "а": "a", "в": "b", "с": "c", "е": "e", "н": "h", "к": "k", "м": "m", "о": "o", "р": "p",
        "т": "t", "х": "x", "у": "y", "і": "i",
    ]

    /// Optimal-string-alignment distance (Levenshtein plus adjacent transposition), capped:
    /// returns `limit + 1` as soon as the distance must exceed `limit`.
    func distance(to other: LabelKey, limit: Int) -> Int {
        let a = scalars, b = other.scalars
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                cur[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return limit + 1 }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[b.count]
    }
}

/// A field of some kind, as a label can point to it.
struct FieldRef: Hashable, Sendable {
    var kind: FormKind
    var id: String
}

/// Every label spelling of every kind, for exact and one-typo lookups.
struct LabelIndex: Sendable {
    private var exact: [LabelKey: Set<FieldRef>] = [:]
    private var fuzzy: [(key: LabelKey, refs: Set<FieldRef>)] = []
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
        fuzzy = exact.filter { $0.key.count >= LabelIndex.fuzzyMinimumLength }
            .map { ($0.key, $0.value) }
            .sorted { $0.key.string < $1.key.string }
    }

    static func removingParentheses(_ s: some StringProtocol) -> String {
        var out = ""
        var depth = 0
        for c in s {
            if c == "(" { depth += 1; continue }
            if c == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { out.append(c) }
        }
        return out
    }

    /// The fields a written label may mean; empty when it is not a label.
    func fields(forLabel raw: some StringProtocol) -> Set<FieldRef> {
        for candidate in [String(raw), LabelIndex.removingParentheses(raw)] {
            let key = LabelKey(candidate)
            guard key.count > 0, key.count <= LabelIndex.maximumKeyLength else { continue }
            if let refs = exact[key] { return refs }
        }
        let key = LabelKey(LabelIndex.removingParentheses(raw))
        guard key.count >= LabelIndex.fuzzyMinimumLength, key.count <= LabelIndex.maximumKeyLength else { return [] }
        var found: Set<FieldRef> = []
        for entry in fuzzy where abs(entry.key.count - key.count) <= 1 {
            if key.distance(to: entry.key, limit: 1) <= 1 { found.formUnion(entry.refs) }
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
