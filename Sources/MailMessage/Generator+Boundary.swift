// Multipart boundaries derived from the content: deterministic, and checked not to occur.

extension Generator {
    static let fnvOffset: UInt64 = 0xCBF2_9CE4_8422_2325
    private static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3

    /// FNV-1a 64 (not cryptographic: only spreads boundaries and message-id inputs).
    static func fnv1a64(_ bytes: [UInt8], seed: UInt64) -> UInt64 {
        var hash = seed
        for b in bytes {
            hash ^= UInt64(b)
            hash = hash &* fnvPrime
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// A boundary (RFC 2046 §5.1.1, ≤ 70 bchars) that occurs nowhere in `parts`. It starts
    /// with `=_`, which quoted-printable and base64 bodies cannot contain, and is hashed from
    /// the parts so the same message always gets the same boundary; the search below still
    /// checks every byte (nested multipart headers do contain `=_`), retrying with a new
    /// hash on a hit.
    static func chooseBoundary(parts: [[UInt8]], salt: UInt64) -> String {
        var hash = fnvOffset ^ salt
        for part in parts { hash = fnv1a64(part, seed: hash) }
        return firstAbsentBoundary(startingAt: hash, parts: parts)
    }

    /// The first of the candidates derived from `hash` that no part contains.
    static func firstAbsentBoundary(startingAt hash: UInt64, parts: [[UInt8]]) -> String {
        var hash = hash
        var attempt: UInt64 = 0
        while true {
            let boundary = boundaryCandidate(hash: hash, attempt: attempt)
            let needle = Array("--\(boundary)".utf8)
            if !parts.contains(where: { contains($0, needle) }) { return boundary }
            attempt += 1
            hash = fnv1a64(Array(boundary.utf8), seed: hash)
        }
    }

    static func boundaryCandidate(hash: UInt64, attempt: UInt64) -> String {
        "=_ia_" + hex(hash) + (attempt == 0 ? "" : "_\(attempt)")
    }

    /// Plain substring search; the needle starts with "--", rare in encoded bodies.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                var i = 0
                let last = hay.count - pin.count
                while i <= last {
                    if hay[i] == first {
                        var j = 1
                        while j < pin.count && hay[i + j] == pin[j] { j += 1 }
                        if j == pin.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
