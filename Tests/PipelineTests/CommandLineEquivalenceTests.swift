// `ReleaseByReply.commandLine(in:)` walks lines lazily (parse asks it of every human message);
// this compares it with the whole-body split it replaced, on seeded random texts with blank and
// whitespace-only lines, CR LF, Unicode line separators, combining marks, emoji and look-alikes.
import Foundation
import Pipeline
import Testing
import TestSupport

@Suite struct CommandLineEquivalenceTests {
    /// The code before session 3: split the whole text into lines, then look at the first.
    static func reference(_ text: String) -> String? {
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard trimmed.uppercased().hasPrefix("ОТПРАВИТЬ") else { return nil }
            let rest = trimmed.dropFirst("ОТПРАВИТЬ".count)
            guard rest.isEmpty || rest.first?.isWhitespace == true || rest.first == ":" else { return nil }
            return String(trimmed.prefix(200))
        }
        return nil
    }

    static let pieces = [
        "", " ", "\t", "\n", "\r\n", "\r", "\u{2028}", "\u{85}", "\u{A0}", "ОТПРАВИТЬ", "отправить", "Отправить",
        "ОТПРАВИТЬСЯ", ":", " results", " held-errors", "selection", "О\u{301}ТПРАВИТЬ", "ОТПРАВИТЬ\u{301}",
        "OTПPABИTЬ", "ß", "👍🏽", "> ", "Добрый день!", String(repeating: "x", count: 250),
    ]

    @Test(arguments: 0..<8)
    func lazyWalkMatchesTheSplit(seed: Int) {
        var rng = SeededRandom(seed: UInt64(seed) &+ 7_001)
        for _ in 0..<400 {
            let count = Int(rng.next() % 12)
            let text = (0..<count).map { _ in Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }.joined()
            #expect(ReleaseByReply.commandLine(in: text) == Self.reference(text), "\(text.debugDescription)")
        }
    }
}
