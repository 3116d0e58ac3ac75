// Header field values: unstructured text, address lists, message ids, the date.

import Foundation

extension Generator {
    /// Replaces what could end a header line or confuse a reader with a space: C0 controls
    /// except TAB (CR, LF, NUL …), DEL, C1 controls (U+0085 NEL among them) and the Unicode
    /// line and paragraph separators U+2028/U+2029. Applied to every header value before
    /// encoding, so even a decoded RFC 2047 word cannot hold a line break.
    static func sanitized(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: out.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: out.append(" ")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    static func isWSP(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }

    /// A header whose value is one atom.
    static func simpleHeader(_ name: String, _ value: String) -> [UInt8] {
        var folder = HeaderFolder(name: name)
        folder.append(value)
        return folder.bytes()
    }

    /// An unstructured field (RFC 5322 §3.2.5) such as Subject: words stay literal when
    /// they are ASCII; runs of words with non-ASCII (or that look like an encoded word, or are
    /// too long for a line) become RFC 2047 words (§5 (1)), the spaces between those words
    /// encoded with them because decoders drop whitespace between adjacent encoded words
    /// (RFC 2047 §6.2). Leading and trailing whitespace is dropped.
    static func unstructuredHeader(_ name: String, _ value: String) -> [UInt8] {
        var folder = HeaderFolder(name: name, structured: false)
        for (whitespace, text, encode) in unstructuredRuns(sanitized(value)) {
            if encode {
                folder.appendEncoded(text, after: whitespace)
            } else {
                folder.append(text, after: whitespace)
            }
        }
        return folder.bytes()
    }

    /// Splits text into runs (whitespace before, text, encode?) where an encoded run may hold
    /// several words with their inner whitespace. The first run's whitespace is " ".
    static func unstructuredRuns(_ text: String) -> [(String, String, Bool)] {
        var words: [(String, String)] = []  // (whitespace before, word)
        var whitespace = ""
        var word = ""
        for scalar in text.unicodeScalars {
            if isWSP(scalar) {
                if !word.isEmpty {
                    words.append((whitespace, word))
                    word = ""
                    whitespace = ""
                }
                whitespace.unicodeScalars.append(scalar)
            } else {
                word.unicodeScalars.append(scalar)
            }
        }
        if !word.isEmpty { words.append((whitespace, word)) }

        var runs: [(String, String, Bool)] = []
        for (index, (space, word)) in words.enumerated() {
            let before = index == 0 ? " " : space
            let encode = needsEncoding(word)
            if encode, let last = runs.last, last.2 {
                runs[runs.count - 1].1 = last.1 + space + word
            } else {
                runs.append((before, word, encode))
            }
        }
        return runs
    }

    /// A word that cannot go out literally: non-ASCII, something a decoder would take for an
    /// encoded word, or longer than a line allows.
    static func needsEncoding(_ word: String) -> Bool {
        word.utf8.contains { $0 >= 128 } || word.contains("=?") || word.utf8.count > maxLiteralWordLength
    }

    /// From/To/Cc/Reply-To (RFC 5322 §3.4): `display-name <addr-spec>` joined by commas.
    /// The addr-spec is never encoded: an invalid one is refused.
    static func addressHeader(_ name: String, _ addresses: [Address]) throws(OutgoingMessageError) -> [UInt8] {
        var folder = HeaderFolder(name: name)
        for (index, address) in addresses.enumerated() {
            guard address.isValidForSending else {
                throw .invalidAddress(field: name, address: sanitized(address.address))
            }
            let comma = index < addresses.count - 1 ? "," : ""
            switch phrase(address.name) {
            case .none:
                folder.append(address.address + comma)
            case let .atoms(atoms):
                for atom in atoms { folder.append(atom) }
                folder.append("<\(address.address)>" + comma)
            case let .encoded(text):
                folder.appendEncoded(text)
                folder.append("<\(address.address)>" + comma)
            }
        }
        return folder.bytes()
    }

    enum Phrase: Equatable {
        case none
        case atoms([String])
        /// Text to write as RFC 2047 B words (allowed in a phrase, RFC 2047 §5 (3)).
        case encoded(String)
    }

    /// A display name as a phrase (RFC 5322 §3.2.5): bare atoms when it is ASCII atext words
    /// separated by single spaces, a quoted-string when it is other printable ASCII,
    /// RFC 2047 B words otherwise. Nothing for an empty name. Whitespace runs become one space.
    static func phrase(_ name: String?) -> Phrase {
        guard let name else { return .none }
        // RFC 5322 §3.2.2: whitespace between phrase words means one space, so runs are
        // collapsed here and readers see the same name whatever their unfolding does.
        let text = trimmedWSP(sanitized(name)).split(whereSeparator: { $0 == " " || $0 == "\t" })
            .joined(separator: " ")
        if text.isEmpty { return .none }
        let ascii = text.utf8.allSatisfy { $0 < 128 }
        if ascii && !text.contains("=?") && text.utf8.count <= maxLiteralWordLength {
            let words = text.split(separator: " ", omittingEmptySubsequences: false)
            let atoms = words.allSatisfy { word in
                !word.isEmpty && word.utf8.allSatisfy(OutgoingRules.isAtext)
            }
            if atoms { return .atoms(words.map(String.init)) }
            return .atoms([Encoders.quotedString(text)])
        }
        return .encoded(text)
    }

    static func trimmedWSP(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWSP($0) }),
              let last = scalars.lastIndex(where: { !isWSP($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// Message-ID / In-Reply-To / References (RFC 5322 §3.6.4): `<id>` atoms.
    static func messageIDHeader(_ name: String, _ ids: [String]) throws(OutgoingMessageError) -> [UInt8] {
        var folder = HeaderFolder(name: name)
        for id in ids {
            guard OutgoingMessage.isValidMessageID(id) else {
                throw .invalidMessageID(field: name, id: sanitized(id))
            }
            folder.append("<\(id)>")
        }
        return folder.bytes()
    }

    /// RFC 5322 §3.3 date-time in the given zone, e.g. `Sun, 29 Nov 2026 09:06:43 +0500`.
    static func rfc5322Date(_ date: Date, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
