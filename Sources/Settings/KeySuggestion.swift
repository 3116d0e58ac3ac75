/// "Did you mean" for unknown keys: the nearest known key by edit distance, when near enough
/// to be a typo (one or two edits, or a third for long names) rather than a different idea.
enum KeySuggestion {
    static func nearest(to key: String, among known: [String]) -> String? {
        let k = Array(key.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in known {
            let d = distance(k, Array(candidate.lowercased()))
            if d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        guard let best else { return nil }
        let allowed = key.count >= 10 ? 3 : (key.count >= 4 ? 2 : 1)
        return best.distance <= allowed ? best.name : nil
    }

    /// Damerau–Levenshtein (optimal string alignment): a swap of two letters is one edit.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
