// Forms: one entry of a ZIP archive read without ZIPFoundation's reader. ZIPFoundation 0.9.20
// inflates from the entry's offset to the end of the archive in a loop that ends only at the
// deflate stream's end: a truncated or damaged stream (a cut or byte-flipped `.docx`) makes it
// loop forever on empty reads (Data+Compression.swift `decode`: `repeat … while result !=
// Z_STREAM_END`). Here the input is exactly the entry's compressed bytes, and inflating stops
// at the stream's end, at the first error, when no progress is possible, or past `limit`.
// Fixture: Tests/FormsTests/Corpus/damaged/ (truncated-deflate-*.docx, stored-block-*.docx).
import CZlib

extension ZipStructure {
    /// Why an entry could not be read; the caller treats every case as "not a readable file".
    enum EntryFailure: Error, Equatable {
        case inconsistent       // the directory fails `isConsistent`
        case missing            // no entry of that name
        case unsupported(Int)   // encrypted, or a method other than stored (0) and deflate (8)
        case tooLarge           // more than `limit` bytes once inflated
        case damaged            // the deflate stream is truncated or corrupt
    }

    /// The uncompressed bytes of the entry called `name` (APPNOTE.TXT §4.3.12, §4.4).
    static func read(_ name: String, in bytes: [UInt8], limit: Int) -> Result<[UInt8], EntryFailure> {
        guard isConsistent(bytes) else { return .failure(.inconsistent) }
        guard let entry = locate(Array(name.utf8), in: bytes) else { return .failure(.missing) }
        if entry.flags & 1 != 0 { return .failure(.unsupported(entry.method)) }
        let data = bytes[entry.data]
        switch entry.method {
        case 0:
            return data.count > limit ? .failure(.tooLarge) : .success(Array(data))
        case 8:
            return inflateRaw(data, limit: limit)
        default:
            return .failure(.unsupported(entry.method))
        }
    }

    struct LocatedEntry {
        let method: Int
        let flags: Int
        let data: Range<Int>
    }

    /// The central-directory entry called `name`; only for bytes `isConsistent` accepted (every
    /// offset used here was bounds-checked there).
    static func locate(_ name: [UInt8], in bytes: [UInt8]) -> LocatedEntry? {
        let n = bytes.count
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        var eocd = n - 22
        while eocd >= 0 && !(u32(eocd) == 0x0605_4B50 && eocd + 22 + u16(eocd + 20) <= n) { eocd -= 1 }
        guard eocd >= 0 else { return nil }
        var entry = u32(eocd + 16)
        for _ in 0..<u16(eocd + 10) {
            let nameLength = u16(entry + 28), extraLength = u16(entry + 30), commentLength = u16(entry + 32)
            guard entry + 46 + nameLength <= n else { return nil }
            if Array(bytes[(entry + 46)..<(entry + 46 + nameLength)]) == name {
                let local = u32(entry + 42)
                let start = local + 30 + u16(local + 26) + u16(local + 28)
                return LocatedEntry(method: u16(entry + 10), flags: u16(entry + 8),
                                    data: start..<(start + u32(entry + 20)))
            }
            entry += 46 + nameLength + extraLength + commentLength
        }
        return nil
    }

    /// RFC 1951 raw deflate of exactly `input`. Every round of `inflate` either consumes input
    /// or produces output (bounded by `limit`), else zlib answers `Z_BUF_ERROR` and we stop.
    static func inflateRaw(_ input: ArraySlice<UInt8>, limit: Int) -> Result<[UInt8], EntryFailure> {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return .failure(.damaged)
        }
        defer { inflateEnd(&stream) }
        var source = Array(input)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        return source.withUnsafeMutableBufferPointer { source -> Result<[UInt8], EntryFailure> in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            while true {
                let status = buffer.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = buffer.count - Int(stream.avail_out)
                if output.count + produced > limit { return .failure(.tooLarge) }
                output += buffer[..<produced]
                switch status {
                case Z_STREAM_END: return .success(output)
                case Z_OK where produced > 0 || stream.avail_in > 0: continue
                default: return .failure(.damaged) // Z_BUF_ERROR (input ended early), data error, …
                }
            }
        }
    }
}
