// A cheap look at the header block of raw bytes, for pickup's de-duplication: pickup must
// not depend on the full parser to store a message.
import Foundation

enum RawHeaders {
    /// The Message-ID (RFC 5322 §3.6.4) without angle brackets, or nil.
    static func messageID(in raw: [UInt8]) -> String? {
        // The header block ends at the first empty line (CRLF CRLF or LF LF).
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
        // RFC 5322 §2.2.3: unfold CRLF followed by white space.
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
}
