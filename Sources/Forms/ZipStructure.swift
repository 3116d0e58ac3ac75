// Forms: a bounds check of a ZIP archive's directory before an entry is read from it
// (ZipStructure+Entry.swift). ZIPFoundation 0.9.20, which read entries before, traps (Archive.MemoryFile.readData: "Range requires lowerBound <=
// upperBound") when a central-directory or local-header offset points past the data — one
// mail with a corrupted `.docx` would stop every run. Found by `scripts/fuzz forms`; fixture
// Tests/Fuzz/regressions/forms-crash-Range-requires-lowerBound-upperBound-in-Archive.MemoryFile.readData-d8600869.eml.

enum ZipStructure {
    /// True when the end-of-central-directory record, every central-directory entry and the
    /// local header and data it points to lie inside `bytes` (APPNOTE.TXT §4.3). ZIP64 and
    /// multi-disk archives are refused: a form's `.docx` needs neither.
    static func isConsistent(_ bytes: [UInt8]) -> Bool {
        let n = bytes.count
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func signature(_ at: Int, _ value: Int) -> Bool { at >= 0 && at + 4 <= n && u32(at) == value }

        // §4.3.16: the EOCD record is 22 bytes plus a comment of at most 65,535.
        guard n >= 22 else { return false }
        var eocd = -1
        var at = n - 22
        while at >= max(0, n - 22 - 65_535) {
            if signature(at, 0x0605_4B50) && at + 22 + u16(at + 20) <= n { eocd = at; break }
            at -= 1
        }
        guard eocd >= 0, u16(eocd + 4) == 0, u16(eocd + 6) == 0 else { return false }
        let entries = u16(eocd + 10), directorySize = u32(eocd + 12), directoryOffset = u32(eocd + 16)
        guard entries != 0xFFFF, directoryOffset != 0xFFFF_FFFF,
              directoryOffset + directorySize <= eocd else { return false }

        var entry = directoryOffset
        let directoryEnd = directoryOffset + directorySize
        for _ in 0..<entries {
            guard entry + 46 <= directoryEnd, signature(entry, 0x0201_4B50) else { return false }
            let compressed = u32(entry + 20), uncompressed = u32(entry + 24)
            let nameLength = u16(entry + 28), extraLength = u16(entry + 30), commentLength = u16(entry + 32)
            let local = u32(entry + 42)
            guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF else { return false }
            // §4.3.7: the local header (30 bytes + name + extra) and the data precede the directory.
            guard local + 30 <= directoryOffset, signature(local, 0x0403_4B50) else { return false }
            let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
            guard dataStart + compressed <= directoryOffset else { return false }
            entry += 46 + nameLength + extraLength + commentLength
            guard entry <= directoryEnd else { return false }
        }
        return true
    }
}
