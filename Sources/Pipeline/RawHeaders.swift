// A cheap look at the header block of raw bytes, for pickup's de-duplication: pickup must
// not depend on the full parser to store a message.
import Foundation

enum RawHeaders {
    private static let name = Array("message-id:".utf8)

    /// The Message-ID (RFC 5322 §3.6.4) without angle brackets, or nil. Lines are found and
    /// unfolded on the bytes (only the one field's value becomes a String): this runs once per
    /// fetched message (P1 profile: Foundation's replacingOccurrences over the whole header
    /// block was 8% of pickup's CPU).
    static func messageID(in raw: [UInt8]) -> String? {
        raw.withUnsafeBufferPointer { bytes -> String? in
            // The header block ends at the first empty line (CRLF CRLF or LF LF).
            var end = bytes.count
            var index = 0
            while index + 1 < bytes.count {
                if bytes[index] == 10 && (bytes[index + 1] == 10 || (bytes[index + 1] == 13 && index + 2 < bytes.count && bytes[index + 2] == 10)) {
                    end = index
                    break
                }
                index += 1
            }
            // Lines end at LF; a CR right before it is not part of the line.
            func lineEnd(from start: Int) -> (content: Int, next: Int) {
                var cursor = start
                while cursor < end && bytes[cursor] != 10 { cursor += 1 }
                let content = cursor > start && bytes[cursor - 1] == 13 ? cursor - 1 : cursor
                return (content, cursor + 1)
            }
            var start = 0
            while start < end {
                let (content, next) = lineEnd(from: start)
                guard content - start >= name.count,
                      (0..<name.count).allSatisfy({ asciiLower(bytes[start + $0]) == name[$0] }) else {
                    start = next
                    continue
                }
                // RFC 5322 §2.2.3: unfold — a line break followed by white space becomes one space.
                var value = Array(bytes[(start + name.count)..<content])
                var following = next
                while following < end, bytes[following] == 32 || bytes[following] == 9 {
                    let (more, after) = lineEnd(from: following)
                    value.append(32)
                    if following + 1 < more { value.append(contentsOf: bytes[(following + 1)..<more]) }
                    following = after
                }
                return idValue(String(decoding: value, as: UTF8.self))
            }
            return nil
        }
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte | 0x20 : byte
    }

    private static func idValue(_ field: String) -> String? {
        let value = field.trimmingCharacters(in: .whitespacesAndNewlines)
        if let open = value.firstIndex(of: "<"), let close = value[open...].firstIndex(of: ">") {
            let id = value[value.index(after: open)..<close]
            return id.isEmpty ? nil : String(id)
        }
        return value.isEmpty ? nil : value
    }
}
