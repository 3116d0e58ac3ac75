// RawHeaders.messageID works on the bytes; the String version it replaced (Foundation
// unfolding of the whole header block) is kept here as the reference and both must agree on
// random header blocks: CRLF / LF, folds with space and tab, case, Cyrillic, bad UTF-8. (Not
// CR CR LF: there the String version saw a CR LF grapheme left over by its own replacement and
// did not split the line — an accident of Character semantics, not a rule worth keeping.)
import Foundation
import Testing
@testable import Pipeline

/// The implementation before session 3 (commit d2b5a20), verbatim.
func referenceMessageID(in raw: [UInt8]) -> String? {
    var end = raw.count
    var index = 0
    while index + 1 < raw.count {
        if raw[index] == 10 && (raw[index + 1] == 10 || (raw[index + 1] == 13 && index + 2 < raw.count && raw[index + 2] == 10)) {
            end = index
            break
        }
        index += 1
    }
    let text = String(decoding: raw[0..<end], as: UTF8.self)
    let unfolded = text.replacingOccurrences(of: "\r\n", with: "\n")
        .replacingOccurrences(of: "\n ", with: " ").replacingOccurrences(of: "\n\t", with: " ")
    for line in unfolded.split(separator: "\n") {
        guard line.lowercased().hasPrefix("message-id:") else { continue }
        let value = line.dropFirst("message-id:".count).trimmingCharacters(in: .whitespacesAndNewlines)
        if let open = value.firstIndex(of: "<"), let close = value[open...].firstIndex(of: ">") {
            let id = value[value.index(after: open)..<close]
            return id.isEmpty ? nil : String(id)
        }
        return value.isEmpty ? nil : value
    }
    return nil
}

@Suite struct RawHeadersEquivalenceTests {
    static let pieces: [[UInt8]] = [
        "Message-ID:", "message-id:", "MESSAGE-ID: ", "Message-Id :", "X-Message-ID:", "Subject: s", "<", ">", "@",
        "abc", " ", "\t", "\r\n", "\n", "\r\n ", "\n\t", "\r\n\r\n", "\n\n", "Тема", "id\u{00A0}", "é",
        "<a@b>", "<>", "\u{2003}",
    ].map { Array($0.utf8) } + [[0xFF], [0xD0], [0xC3, 0x28], [0xE2, 0x82]]

    @Test(arguments: 0..<4)
    func bytesAgreeWithTheStringReference(seed: UInt64) {
        var random = HeaderBytesRandom(seed: seed)
        for _ in 0..<2_000 {
            var raw: [UInt8] = []
            for _ in 0..<Int(random.next() % 14) {
                raw += Self.pieces[Int(random.next() % UInt64(Self.pieces.count))]
            }
            #expect(RawHeaders.messageID(in: raw) == referenceMessageID(in: raw), "\(raw)")
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failure names its seed.
struct HeaderBytesRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
