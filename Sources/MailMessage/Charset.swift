// Charset conversion for MIME bodies and header words, through glibc iconv.
// Foundation's String(data:encoding:) misses koi8-r, cp866 and iso-8859-5; iconv has them all.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Charset conversion through glibc iconv.
public enum Charset {
    /// The result of a detailed decode.
    public struct Decoded: Sendable, Hashable {
        /// The text, invalid sequences replaced with U+FFFD. Line ends as in the input.
        public var text: String
        /// The charset actually used (an iconv name such as `WINDOWS-1251`, or `UTF-8`).
        public var charset: String
        /// True when the label was missing, unknown or wrong and the charset was guessed.
        public var usedFallback: Bool
        /// Number of byte sequences that could not be decoded and became U+FFFD.
        public var invalidSequences: Int
    }

    /// Decode bytes labelled with a MIME charset name. Unknown labels fall back (UTF-8 if
    /// valid, else windows-1251 for Russian mail) and report `usedFallback`.
    public static func decode(_ bytes: [UInt8], label: String?) -> (text: String, usedFallback: Bool) {
        let d = decodeDetailed(bytes, label: label)
        return (d.text, d.usedFallback)
    }

    /// Decode with details: which charset was used, whether it was a guess, how many
    /// sequences were invalid. Never fails: the worst case is U+FFFD replacements.
    public static func decodeDetailed<C: Collection>(_ bytes: C, label: String?) -> Decoded
    where C.Element == UInt8 {
        let array = Array(bytes)
        guard let label, let name = canonicalName(label) else {
            // No label or an unknown one: guess. A missing label on pure ASCII is no guess.
            let guessed = detect(array)
            var d = decodeKnown(array, name: guessed) ?? utf8Decode(array)
            d.usedFallback = label != nil || guessed != "US-ASCII"
            return d
        }
        if name == "US-ASCII" {
            // RFC 2046 §4.1.2 default; 8-bit bytes under an ASCII label are mislabelled mail.
            if Bytes.isASCII(array) {
                return Decoded(text: String(decoding: array, as: UTF8.self), charset: name,
                               usedFallback: false, invalidSequences: 0)
            }
            let guessed = detect(array)
            var d = decodeKnown(array, name: guessed) ?? utf8Decode(array)
            d.usedFallback = true
            return d
        }
        if name == "UTF-8", let s = String(validating: array, as: UTF8.self) {
            // The common case: one validation pass, no second one in utf8Decode.
            return Decoded(text: s, charset: name, usedFallback: false, invalidSequences: 0)
        }
        if name == "UTF-8", array.lazy.filter({ $0 >= 0x80 }).count >= 4,
           !hasValidMultibyteUTF8(array) {
            // Labelled UTF-8 but not one valid multi-byte character: a legacy 8-bit body
            // mislabelled by the client (seen with cp1251 from old Russian webmail).
            let guessed = detect(array)
            if let d = decodeKnown(array, name: guessed) {
                var d = d
                d.usedFallback = true
                return d
            }
        }
        if singleByteLegacy.contains(name), multibyteUTF8Count(array, atLeast: 2) {
            // Valid UTF-8 with several multi-byte characters under a legacy 8-bit label: the
            // label is wrong (PHP mailers that say windows-1251 and send UTF-8). Legacy
            // Cyrillic text practically never forms valid UTF-8 sequences.
            var d = utf8Decode(array)
            d.usedFallback = true
            return d
        }
        if let d = decodeKnown(array, name: name) { return d }
        // iconv does not know the label: same fallback as an unknown one.
        let guessed = detect(array)
        var d = decodeKnown(array, name: guessed) ?? utf8Decode(array)
        d.usedFallback = true
        return d
    }

    /// The iconv name for a MIME charset label, or nil when the label is unknown.
    /// Aliases seen in real mail (`win-1251`, `x-cp1251`, `koi8r`, `utf8`, `ks_c_5601-1987`)
    /// map to the names glibc knows.
    public static func canonicalName(_ label: String) -> String? {
        // Fast path: the label as most clients write it.
        if let mapped = aliases[label] { return mapped.isEmpty ? nil : mapped }
        var l = label.trimmingASCIIWhitespaceAndQuotes().lowercased()
        if let star = l.firstIndex(of: "*") { l = String(l[..<star]) }  // RFC 2231 §5 language
        if let mapped = aliases[l] { return mapped.isEmpty ? nil : mapped }
        guard !l.isEmpty, l.count <= 40,
              l.unicodeScalars.allSatisfy({ $0.isASCII && (isAlnum($0) || "-_.:".unicodeScalars.contains($0)) })
        else { return nil }
        let upper = l.uppercased()
        return isKnownToIconv(upper) ? upper : nil
    }

    /// Guesses a charset for unlabelled bytes: `US-ASCII`, `UTF-8` when valid, else
    /// windows-1251 or koi8-r by a letter-frequency check (Russian mail).
    public static func detect(_ bytes: [UInt8]) -> String {
        if Bytes.isASCII(bytes) { return "US-ASCII" }
        if isValidUTF8(bytes) { return "UTF-8" }
        if let cp = byteScore(bytes, "WINDOWS-1251"), let koi = byteScore(bytes, "KOI8-R") {
            return koi > cp ? "KOI8-R" : "WINDOWS-1251"
        }
        let cp = iconvDecode(bytes, from: "WINDOWS-1251")?.text ?? ""
        let koi = iconvDecode(bytes, from: "KOI8-R")?.text ?? ""
        return cyrillicScore(koi) > cyrillicScore(cp) ? "KOI8-R" : "WINDOWS-1251"
    }

    /// `cyrillicScore` of the bytes decoded with a single-byte table, without decoding:
    /// each byte is one scalar there (U+FFFD when the table rejects it), so each byte's
    /// class comes from a 256-entry table. nil when the charset has no table.
    static func byteScore(_ bytes: [UInt8], _ name: String) -> Int? {
        guard let classes = scoreClasses[name] else { return nil }
        var score = 0
        var previousLower: Bool? = nil
        classes.withUnsafeBufferPointer { c in
            for b in bytes {
                switch c[Int(b)] {
                case .lower:
                    score += 2
                    previousLower = true
                case .frequentLower:
                    score += 3
                    previousLower = true
                case .upper:
                    if previousLower == true { score -= 4 }
                    previousLower = false
                case .penalty:
                    score -= 5
                    previousLower = nil
                case .other:
                    previousLower = nil
                }
            }
        }
        return score
    }

    /// How `cyrillicScore` counts one scalar.
    enum ScoreClass {
        case lower, frequentLower, upper, penalty, other

        init(_ v: UInt32) {
            if (0x0430...0x044F).contains(v) || v == 0x0451 {
                self = "оеаинтср".unicodeScalars.contains(where: { $0.value == v }) ? .frequentLower : .lower
            } else if (0x0410...0x042F).contains(v) || v == 0x0401 {
                self = .upper
            } else if (0x2500...0x25FF).contains(v) || (0x2320...0x2321).contains(v) || v == 0x00A0 {
                self = .penalty
            } else {
                self = .other
            }
        }
    }

    /// Per-byte score classes of the single-byte tables (from the same table entries
    /// `tableDecode` writes, so the answer is the decoded text's `cyrillicScore`).
    private static let scoreClasses: [String: [ScoreClass]] = {
        var out: [String: [ScoreClass]] = [:]
        for (name, table) in singleByteTables {
            out[name] = table.map { packed -> ScoreClass in
                let len = Int(packed & 0xFF)
                guard len > 0 else { return ScoreClass(0xFFFD) }
                let bytes = (0..<len).map { UInt8(truncatingIfNeeded: packed >> (8 * ($0 + 1))) }
                let scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars
                return scalars.count == 1 ? ScoreClass(scalars.first?.value ?? 0xFFFD) : .other
            }
        }
        return out
    }()

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }

    // MARK: - Internals

    private static func isAlnum(_ u: Unicode.Scalar) -> Bool {
        (u >= "a" && u <= "z") || (u >= "0" && u <= "9") || (u >= "A" && u <= "Z")
    }

    /// Empty value = known to be meaningless (fallback).
    private static let aliases: [String: String] = [
        "utf-8": "UTF-8", "utf8": "UTF-8", "unicode-1-1-utf-8": "UTF-8", "x-unicode20utf8": "UTF-8",
        "utf_8": "UTF-8",
        "us-ascii": "US-ASCII", "ascii": "US-ASCII", "ansi_x3.4-1968": "US-ASCII", "us": "US-ASCII",
        "iso646-us": "US-ASCII",
        "windows-1251": "WINDOWS-1251", "win-1251": "WINDOWS-1251", "cp1251": "WINDOWS-1251",
        "windows1251": "WINDOWS-1251", "x-cp1251": "WINDOWS-1251", "cp-1251": "WINDOWS-1251",
        "win1251": "WINDOWS-1251", "1251": "WINDOWS-1251", "ms-cyrl": "WINDOWS-1251",
        "x-win-1251": "WINDOWS-1251", "windows-1251-cyrillic": "WINDOWS-1251",
        "koi8-r": "KOI8-R", "koi8r": "KOI8-R", "koi8": "KOI8-R", "koi-8": "KOI8-R", "koi8_r": "KOI8-R",
        "cskoi8r": "KOI8-R", "x-koi8-r": "KOI8-R",
        "koi8-u": "KOI8-U", "koi8u": "KOI8-U", "koi8-ru": "KOI8-RU",
        "cp866": "CP866", "ibm866": "CP866", "866": "CP866", "csibm866": "CP866", "dos-866": "CP866",
        "x-cp866": "CP866",
        "iso-8859-5": "ISO-8859-5", "iso8859-5": "ISO-8859-5", "iso_8859-5": "ISO-8859-5",
        "cyrillic": "ISO-8859-5",
        "ks_c_5601-1987": "CP949", "ks_c_5601": "CP949", "ksc5601": "CP949", "euc-kr": "CP949",
        "korean": "CP949",
        "gb2312": "GB18030", "gbk": "GB18030", "x-gbk": "GB18030", "cp936": "GB18030",
        "shift_jis": "CP932", "shift-jis": "CP932", "sjis": "CP932", "x-sjis": "CP932",
        "ms_kanji": "CP932", "windows-31j": "CP932", "cp932": "CP932",
        "iso-2022-jp": "ISO-2022-JP", "csiso2022jp": "ISO-2022-JP",
        "iso-8859-8-i": "ISO-8859-8",
        "x-mac-cyrillic": "MAC-CYRILLIC", "mac-cyrillic": "MAC-CYRILLIC", "maccyrillic": "MAC-CYRILLIC",
        "latin1": "ISO-8859-1", "l1": "ISO-8859-1", "iso-8859-1": "ISO-8859-1",
        "windows-1252": "CP1252", "cp1252": "CP1252", "win-1252": "CP1252",
        "utf-16": "UTF-16", "utf-16le": "UTF-16LE", "utf-16be": "UTF-16BE", "unicode": "UTF-16",
        "unknown-8bit": "", "x-unknown": "", "unknown": "", "default": "", "x-user-defined": "",
        "8bit": "", "none": "", "": "", "charset": "",
    ]

    private static func isKnownToIconv(_ name: String) -> Bool {
        IconvPool.shared.isKnown(name)
    }

    /// Charsets whose CR and LF are the ASCII bytes 0x0D and 0x0A and never occur inside
    /// another character: line ends may be normalized on the raw bytes before decoding.
    static func hasASCIINewlines(_ name: String) -> Bool {
        name == "UTF-8" || name == "US-ASCII" || singleByteLegacy.contains(name)
    }

    static let singleByteLegacy: Set<String> = [
        "WINDOWS-1251", "KOI8-R", "KOI8-U", "KOI8-RU", "CP866", "ISO-8859-5", "ISO-8859-1", "CP1252", "MAC-CYRILLIC",
    ]

    /// True when the bytes are valid UTF-8 with at least `n` multi-byte characters.
    static func multibyteUTF8Count(_ bytes: [UInt8], atLeast n: Int) -> Bool {
        guard !Bytes.isASCII(bytes), isValidUTF8(bytes) else { return false }
        var count = 0
        for b in bytes where b >= 0xC2 && b <= 0xF4 {  // lead bytes
            count += 1
            if count >= n { return true }
        }
        return false
    }

    /// True when at least one well-formed 2-4 byte UTF-8 sequence occurs.
    static func hasValidMultibyteUTF8(_ bytes: [UInt8]) -> Bool {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let u) where u.value >= 0x80: return true
            case .scalarValue: continue
            case .emptyInput: return false
            case .error: continue
            }
        }
    }

    private static func utf8Decode(_ bytes: [UInt8]) -> Decoded {
        if let s = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: s, charset: "UTF-8", usedFallback: false, invalidSequences: 0)
        }
        // Count replaced sequences by decoding scalar by scalar.
        var invalid = 0
        var out = String.UnicodeScalarView()
        var it = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let u): out.append(u)
            case .emptyInput: break loop
            case .error:
                invalid += 1
                out.append("\u{FFFD}")
            }
        }
        return Decoded(text: String(out), charset: "UTF-8", usedFallback: false, invalidSequences: invalid)
    }

    /// Decodes with a canonical name; nil when iconv cannot open it.
    private static func decodeKnown(_ bytes: [UInt8], name: String) -> Decoded? {
        if name == "UTF-8" { return utf8Decode(bytes) }
        if name == "US-ASCII" {
            return Decoded(text: String(decoding: bytes, as: UTF8.self), charset: name,
                           usedFallback: false, invalidSequences: 0)
        }
        guard let r = iconvDecode(bytes, from: name) else { return nil }
        return Decoded(text: r.text, charset: name, usedFallback: false, invalidSequences: r.invalid)
    }

    /// Runs iconv to UTF-8. Invalid or incomplete input becomes U+FFFD; never fails after open.
    static func iconvDecode(_ bytes: [UInt8], from name: String) -> (text: String, invalid: Int)? {
        if let table = singleByteTables[name] { return tableDecode(bytes, table) }
        guard let r = iconvBytes(bytes, from: name) else { return nil }
        return (String(decoding: r.bytes, as: UTF8.self), r.invalid)
    }

    /// Per-byte UTF-8 for the stateless single-byte charsets, taken from iconv itself one
    /// byte at a time (so the answers are iconv's): low 8 bits the length (0 = iconv
    /// rejects the byte), then up to 3 bytes. A table lookup per byte instead of iconv's
    /// generic conversion loop.
    private static let singleByteTables: [String: [UInt32]] = {
        var tables: [String: [UInt32]] = [:]
        build: for name in singleByteLegacy {
            var t = [UInt32](repeating: 0, count: 256)
            for b in 0..<256 {
                guard let r = iconvBytes([UInt8(b)], from: name) else { continue build }
                if r.invalid > 0 { continue }
                guard !r.bytes.isEmpty, r.bytes.count <= 3 else { continue build }
                var packed = UInt32(r.bytes.count)
                for (k, x) in r.bytes.enumerated() { packed |= UInt32(x) << (8 * (k + 1)) }
                t[b] = packed
            }
            // tableDecode copies ASCII bytes without a lookup: only for tables that agree.
            for b in 0..<0x80 where t[b] != (UInt32(b) << 8 | 1) { continue build }
            tables[name] = t
        }
        return tables
    }()

    /// Table decoding on raw pointers: ASCII bytes copied as they are (every table maps
    /// them to themselves, checked below), others written as 4 bytes at once and the
    /// output advanced by the character's length (the buffer has one byte of slack).
    private static func tableDecode(_ bytes: [UInt8], _ table: [UInt32]) -> (text: String, invalid: Int) {
        var invalid = 0
        let n = bytes.count
        let text = String(unsafeUninitializedCapacity: n * 3 + 1) { out in
            guard let dst = out.baseAddress else { return 0 }
            return bytes.withUnsafeBufferPointer { inBuf -> Int in
                table.withUnsafeBufferPointer { tb -> Int in
                    guard let src = inBuf.baseAddress, let t = tb.baseAddress else { return 0 }
                    let raw = UnsafeMutableRawPointer(dst)
                    var o = 0
                    for i in 0..<n {
                        let b = src[i]
                        if b < 0x80 {
                            dst[o] = b
                            o += 1
                            continue
                        }
                        var packed = t[Int(b)]
                        if packed & 0xFF == 0 {
                            invalid += 1
                            packed = 0xBD_BF_EF_03
                        }
                        raw.storeBytes(of: (packed >> 8).littleEndian, toByteOffset: o, as: UInt32.self)
                        o += Int(packed & 0xFF)
                    }
                    return o
                }
            }
        }
        return (text, invalid)
    }

    /// Runs iconv to UTF-8 bytes. Invalid or incomplete input becomes U+FFFD; never fails after open.
    private static func iconvBytes(_ bytes: [UInt8], from name: String) -> (bytes: [UInt8], invalid: Int)? {
        guard let cd = IconvPool.shared.acquire(name) else { return nil }
        defer { IconvPool.shared.release(name, cd) }
        if bytes.isEmpty { return ([], 0) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2 + 16)
        var invalid = 0
        // Small inputs (the per-byte table build) need no 16 KB chunk; E2BIG loops anyway.
        let chunkSize = min(16 * 1024, bytes.count * 4 + 64)
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        bytes.withUnsafeBufferPointer { inBuf in
            guard let inBase = inBuf.baseAddress else { return }
            // iconv's prototype takes `char **` but never writes the input: no copy needed.
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inBase)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            chunk.withUnsafeMutableBufferPointer { outBuf in
                guard let outBase = outBuf.baseAddress else { return }
                let outStart = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                while true {
                    var outPtr: UnsafeMutablePointer<CChar>? = outStart
                    var outLeft = chunkSize
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    let err = errno
                    out.append(contentsOf: UnsafeBufferPointer(start: outBase, count: chunkSize - outLeft))
                    if r != -1 { break }
                    if err == E2BIG { continue }
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    invalid += 1
                    if err == EILSEQ, inLeft > 0 {
                        inPtr = inPtr.map { $0 + 1 }
                        inLeft -= 1
                        if inLeft == 0 { break }
                        continue
                    }
                    break  // EINVAL: incomplete sequence at the end
                }
                // Flush shift state (ISO-2022-JP and other stateful encodings).
                var outPtr: UnsafeMutablePointer<CChar>? = outStart
                var outLeft = chunkSize
                _ = iconv(cd, nil, nil, &outPtr, &outLeft)
                out.append(contentsOf: UnsafeBufferPointer(start: outBase, count: chunkSize - outLeft))
            }
        }
        return (out, invalid)
    }

    /// Higher is more like Russian text: lower-case letters inside words, few case flips,
    /// no box-drawing characters (which koi8-r makes of windows-1251 bytes and vice versa).
    static func cyrillicScore(_ text: String) -> Int {
        var score = 0
        var previousLower: Bool? = nil
        for u in text.unicodeScalars {
            let v = u.value
            if (0x0430...0x044F).contains(v) || v == 0x0451 {
                score += 2
                if "оеаинтср".unicodeScalars.contains(u) { score += 1 }
                previousLower = true
            } else if (0x0410...0x042F).contains(v) || v == 0x0401 {
                if previousLower == true { score -= 4 }
                previousLower = false
            } else {
                if (0x2500...0x25FF).contains(v) || (0x2320...0x2321).contains(v) || v == 0x00A0 { score -= 5 }
                previousLower = nil
            }
        }
        return score
    }
}
