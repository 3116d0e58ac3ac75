// UID sets on the wire (RFC 3501 §9 sequence-set): sorted, runs collapsed to "a:b".

enum IMAPSequenceSet {
    /// `[5, 1, 2, 3, 9]` → `"1:3,5,9"`. Duplicates are dropped; empty input gives "".
    static func format(_ uids: [UInt32]) -> String {
        let sorted = Array(Set(uids)).sorted()
        var parts: [String] = []
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(i == j ? "\(sorted[i])" : "\(sorted[i]):\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }

    /// Splits UIDs into chunks so one command line stays short (RFC 7162 §4 suggests ≤ 8 KiB).
    static func chunks(_ uids: [UInt32], size: Int = 500) -> [[UInt32]] {
        let sorted = Array(Set(uids)).sorted()
        return stride(from: 0, to: sorted.count, by: size).map { Array(sorted[$0..<min($0 + size, sorted.count)]) }
    }
}
