// Header folding (RFC 5322 §2.2.3): CRLF inserted before existing whitespace only, so
// unfolding (removing CRLF) gives the value back exactly.

extension Generator {
    /// Builds one header field from atoms (text that must stay on one line) separated by
    /// whitespace where a fold may go.
    struct HeaderFolder {
        private var lines: [String] = []
        private var current: String
        private let foldBeforeFirstAtom: Bool
        private var hasAtom = false

        /// `structured: false` for unstructured fields (Subject, extra headers): no fold
        /// before the first word, because readers strip only the whitespace on the field's
        /// first line (Python's email keeps a leading space after `Subject:` CRLF SP).
        init(name: String, structured: Bool = true) {
            current = name + ":"
            foldBeforeFirstAtom = structured
        }

        /// Appends `atom` after `whitespace` (SP/TAB, non-empty). Folds before the whitespace
        /// when the line would pass 78 characters.
        mutating func append(_ atom: String, after whitespace: String = " ") {
            let width = current.utf8.count + whitespace.utf8.count + atom.utf8.count
            // In structured fields also before the first atom: a long `Content-Type:
            // type/subtype;` then goes to its own continuation line (RFC 5322 §3.2.2: CFWS may
            // precede a structured value).
            if width > Generator.preferredLineLength && (foldBeforeFirstAtom || hasAtom) {
                lines.append(current)
                current = whitespace + atom
            } else {
                current += whitespace + atom
            }
            hasAtom = true
        }

        /// Appends text as RFC 2047 words, the first sized to fill the current line.
        mutating func appendEncoded(_ text: String, after whitespace: String = " ") {
            let room = Generator.preferredLineLength - current.utf8.count - whitespace.utf8.count
            let words = Encoders.encodedWords(text, firstMaxLength: room)
            for (index, word) in words.enumerated() {
                append(word, after: index == 0 ? whitespace : " ")
            }
        }

        /// The field, CRLF after each line. Traps if a line passes 998 characters: the word
        /// length bound (`maxLiteralWordLength`) exists to make that impossible.
        func bytes() -> [UInt8] {
            var out: [UInt8] = []
            for line in lines + [current] {
                precondition(line.utf8.count <= Generator.maxLineLength,
                             "a folded header line is over 998 characters; an atom escaped the word length bound")
                precondition(line.utf8.allSatisfy { $0 == 9 || (32...126).contains($0) },
                             "a header line holds a control or non-ASCII byte; sanitising or encoding was skipped")
                out += Array(line.utf8)
                out += Generator.crlf
            }
            return out
        }
    }
}
