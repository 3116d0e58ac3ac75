// Forms: label normalisation and tolerant matching (case, ё/е, look-alike letters,
// punctuation, spaces, one-letter typos).

/// A label reduced to the letters and digits that identify it: lower case, `ё`→`е`,
/// Latin look-alikes turned Cyrillic in Cyrillic words (and back in Latin words such as
/// `Е-mail` typed with a Cyrillic `Е`), punctuation and spaces removed.
struct LabelKey: Hashable, Sendable {
    let scalars: [Unicode.Scalar]

    var string: String { String(String.UnicodeScalarView(scalars)) }

    /// Keys longer than this are never labels; longer input is cut (bounded work per line).
    static let inputLimit = 400

    init(_ text: some StringProtocol) {
        var out: [Unicode.Scalar] = []
        var token: [Unicode.Scalar] = []
        var seen = 0
        func flush() {
            guard !token.isEmpty else { return }
            var cyrillic = 0
            var latin = 0
            for s in token {
                if LabelKey.isCyrillic(s) { cyrillic += 1 } else if LabelKey.isLatin(s) { latin += 1 }
            }
            // A word turns Latin only when all its Cyrillic letters could be Latin look-alikes and
            // Latin letters are the majority (`Е-mail`); otherwise Cyrillic (`ИHH`, `Тeлeфон`).
            let toCyrillic = !(latin > cyrillic
                && token.allSatisfy { !LabelKey.isCyrillic($0) || LabelKey.cyrillicToLatin[$0] != nil })
            let mixed = cyrillic > 0 && latin > 0
            for var s in token {
                if mixed, toCyrillic, LabelKey.isLatin(s), let c = LabelKey.latinToCyrillic[s] { s = c }
                if !toCyrillic, LabelKey.isCyrillic(s), let l = LabelKey.cyrillicToLatin[s] { s = l }
                if LabelKey.isCyrillic(s) || LabelKey.isLatin(s) || ("0"..."9").contains(s)
                    || (s.value > 0x7F && s.properties.isAlphabetic) {
                    out.append(s)
                }
            }
            token.removeAll(keepingCapacity: true)
        }
        for s in text.unicodeScalars {
            seen += 1
            if seen > LabelKey.inputLimit { break }
            if s == " " || s == "\t" || s == "\u{A0}" || s == "\n" || s == "\r" || s == "\u{2009}" || s == "\u{202F}" {
                flush()
            } else {
                token.append(LabelKey.lower(s))
            }
        }
        flush()
        scalars = out
    }

    /// Lower case with `ё`→`е`: fast paths for ASCII and Russian, the Unicode mapping otherwise.
    static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        switch v {
        case 0x41...0x5A: return Unicode.Scalar(v + 0x20) ?? s
        case 0x0410...0x042F: return Unicode.Scalar(v + 0x20) ?? s
        case 0x0401, 0x0451: return "е"
        case 0...0x7F, 0x0430...0x044F: return s
        default:
            let mapped = s.properties.lowercaseMapping.unicodeScalars
            return mapped.count == 1 ? (mapped.first ?? s) : s
        }
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
        // The label lookups only ask "at most one typo?": answer in one pass, no allocation.
        if limit == 1 { return LabelKey.withinOneEdit(a, b) }
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

    /// The optimal-string-alignment distance when it is 0 or 1, else 2: equal, or one letter
    /// changed, inserted, deleted, or two adjacent letters swapped. Linear, allocation-free.
    static func withinOneEdit(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.count == b.count {
            guard let i = a.indices.first(where: { a[$0] != b[$0] }) else { return 0 }
            // One substitution at i, or a swap of i and i+1.
            if a[(i + 1)...].elementsEqual(b[(i + 1)...]) { return 1 }
            if i + 1 < a.count, a[i] == b[i + 1], a[i + 1] == b[i], a[(i + 2)...].elementsEqual(b[(i + 2)...]) { return 1 }
            return 2
        }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        guard long.count == short.count + 1 else { return 2 }
        // One insertion: the first difference is the extra letter.
        var i = 0
        while i < short.count, long[i] == short[i] { i += 1 }
        return long[(i + 1)...].elementsEqual(short[i...]) ? 1 : 2
    }
}
