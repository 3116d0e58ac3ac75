// The byte- and scalar-level shortcuts of the form reader (issue 10) against the Character-level
// code they replaced, on random text that mixes the cases the shortcuts treat specially:
// CR LF, combining marks, Cyrillic, Latin-1, look-alike letters and emoji.
import Testing
import TestSupport
@testable import Forms

private let pieces: [String] = [
    "a", "Z", "ф", "Ё", "е", "\u{301}", "\r", "\n", "\r\n", " ", "\t", ":", "-", "—", "–", "ß", "À", "İ", "Σ",
    "👍", "e\u{301}", "\u{200D}", "(", ")", "：", "5", "ı", "ſ", "V", "v", "I", "N", "n", "\u{A0}",
]

private func randomText(_ rng: inout SeededRandom, maxPieces: Int = 40) -> String {
    let n = Int.random(in: 0...maxPieces, using: &rng)
    return (0..<n).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &rng)] }.joined()
}

@Test(arguments: [1, 2, 3])
func linesAreTheCharacterSplit(seed: UInt64) {
    var rng = SeededRandom(seed: seed)
    for _ in 0..<500 {
        let text = randomText(&rng)
        let characters = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        let bytes = TextZones.lines(of: text)
        #expect(bytes.map(String.init) == characters.map(String.init), "\(Array(text.unicodeScalars))")
    }
}

@Test(arguments: [0, 1, 5, 40])
func characterPrefixEndIsPrefixEnd(n: Int) {
    var rng = SeededRandom(seed: UInt64(n) + 7)
    for _ in 0..<500 {
        let text = Substring(randomText(&rng, maxPieces: 60))
        #expect(TextScan.end(ofCharacters: n, in: text) == text.prefix(n).endIndex, "\(Array(text.unicodeScalars))")
    }
}

@Test func scalarLowercasingMatchesLowercasedOnLettersOfForms() {
    var rng = SeededRandom(seed: 11)
    let letters = Array("ABCXYZabcАБВЁЖЯабвёжяЀЏѐџÀÉÖàéö0123 ,.:-")
    for _ in 0..<500 {
        let text = String((0..<Int.random(in: 0...30, using: &rng)).map { _ in letters[Int.random(in: 0..<letters.count, using: &rng)] })
        #expect(TextScan.lowercased(Substring(text)) == text.lowercased(), "\(text)")
    }
}

@Test(arguments: [4, 5, 6])
func oneEditCheckIsTheBoundedDistance(seed: UInt64) {
    var rng = SeededRandom(seed: seed)
    let alphabet = Array("абвг").map { $0.unicodeScalars.first ?? " " }
    for _ in 0..<2_000 {
        func word() -> [Unicode.Scalar] {
            (0..<Int.random(in: 0...6, using: &rng)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
        }
        let a = LabelKey(String(String.UnicodeScalarView(word())))
        let b = LabelKey(String(String.UnicodeScalarView(word())))
        // limit 2 runs the dynamic programme; 0, 1 or "more" must agree with the linear check.
        #expect(LabelKey.withinOneEdit(a.scalars, b.scalars) == min(a.distance(to: b, limit: 2), 2), "\(a.string) \(b.string)")
        #expect(a.distance(to: b, limit: 1) == min(a.distance(to: b, limit: 2), 2))
    }
}

@Test func tokenPrefilterNeverHidesAToken() {
    var rng = SeededRandom(seed: 21)
    let reader = RSVPReader()
    var withTokens = 0
    for _ in 0..<2_000 {
        let text = randomText(&rng, maxPieces: 12) + (Bool.random(using: &rng) ? "[INV-" : "") + randomText(&rng, maxPieces: 6)
        let scanned = RSVPReader.mayContain(reader.tokenPrefix, in: text)
        // What the full scan (upper-casing the whole text) finds:
        let upper = text.uppercased()
        let found = upper.contains("INV-")
        if found { withTokens += 1 }
        #expect(!found || scanned, "\(Array(text.unicodeScalars))")
        if !scanned { #expect(reader.tokens(inSubject: text).isEmpty) }
    }
    #expect(withTokens > 100)
}
