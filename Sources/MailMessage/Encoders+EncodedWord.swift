// RFC 2047 encoded words for non-ASCII header text.

extension Encoders {
    /// RFC 2047 §2: an encoded word is at most 75 characters.
    static let maxEncodedWordLength = 75

    /// Encodes text as `=?UTF-8?B?…?=` words, each at most `maxLength` (≤ 75) characters,
    /// the first at most `firstMaxLength` (to fill the rest of a header line), splitting only
    /// between Unicode scalars so no word holds part of a UTF-8 sequence (RFC 2047 §5:
    /// "each encoded-word MUST represent an integral number of characters").
    /// The words are meant to be joined by whitespace (a folding point); decoders drop
    /// whitespace between adjacent encoded words (RFC 2047 §6.2), so spaces in the text
    /// are kept inside the words; a word preferably ends just after a space. If the first
    /// scalar does not fit `firstMaxLength`, the first word gets `maxLength` (the caller folds
    /// before it). Empty text gives no words.
    static func encodedWords(_ text: String, maxLength: Int = maxEncodedWordLength,
                             firstMaxLength: Int? = nil) -> [String] {
        let prefix = "=?UTF-8?B?"
        let suffix = "?="
        let overhead = prefix.utf8.count + suffix.utf8.count
        // 75 - 12 = 63 characters of base64 → 15 quads → 45 bytes per word.
        func bytesFor(_ length: Int) -> Int { max(0, (min(length, maxEncodedWordLength) - overhead) / 4 * 3) }
        let fullBytes = max(bytesFor(maxLength), 4)  // a word must hold any one scalar
        var limit = fullBytes
        if let firstMaxLength, let first = text.unicodeScalars.first,
           String(first).utf8.count <= bytesFor(firstMaxLength) {
            limit = bytesFor(firstMaxLength)
        }
        var words: [String] = []
        var chunk: [UInt8] = []
        // Where the chunk could end just after a space: readers that wrongly keep the
        // whitespace between adjacent words (CPython before gh-128110 does, in display names)
        // then show a doubled space instead of a space inside a word.
        var afterSpace: Int?
        func emit(_ bytes: ArraySlice<UInt8>) {
            words.append(prefix + String(decoding: base64(Array(bytes)), as: UTF8.self) + suffix)
            limit = fullBytes
        }
        for scalar in text.unicodeScalars {
            let encoded = Array(String(scalar).utf8)
            if chunk.count + encoded.count > limit {
                // Cut after the last space only if the rest still fits the next word.
                let cut = afterSpace.flatMap { $0 < chunk.count && chunk.count - $0 + encoded.count <= fullBytes ? $0 : nil }
                    ?? chunk.count
                emit(chunk[..<cut])
                chunk.removeFirst(cut)
                afterSpace = nil
            }
            chunk.append(contentsOf: encoded)
            if scalar == " " { afterSpace = chunk.count }
        }
        if !chunk.isEmpty { emit(chunk[...]) }
        return words
    }
}
