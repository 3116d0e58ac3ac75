// The contiguous-byte scans of the form reader (issue 10, session 3) against the index-by-index
// scans they replaced, on random lines with colons, dashes, tabs, parentheses and multi-byte text.
import Testing
import TestSupport
@testable import Forms

private let scanPieces: [String] = [
    "ФИО", "Телефон", "Email", "a", "ф", " ", "\t", ":", "：", "(", ")", "-", " - ", " – ", " — ", "—", "–", "\u{301}",
    "👍", "e\u{301}", "«", "№", "8 912", "\u{A0}",
]

@Test(arguments: [71, 72, 73])
func byteScansAgreeWithIndexScans(seed: UInt64) {
    var rng = SeededRandom(seed: seed)
    let reader = FormTextReader()
    var dashes = 0
    for _ in 0..<2_000 {
        let n = Int.random(in: 0...10, using: &rng)
        let full = Substring((0..<n).map { _ in scanPieces[Int.random(in: 0..<scanPieces.count, using: &rng)] }.joined())
        let head = FormTextReader.head(full)
        #expect(reader.firstColonOutsideParentheses(head) == reader.firstColonOutsideParenthesesByIndex(head), "\(Array(full.unicodeScalars))")
        let fast = reader.splitAtDash(head, full: full)
        let slow = reader.splitAtDashByIndex(head, full: full)
        if slow != nil { dashes += 1 }
        #expect(fast?.0.startIndex == slow?.0.startIndex && fast?.0.endIndex == slow?.0.endIndex
                && fast?.1.startIndex == slow?.1.startIndex && fast?.2 == slow?.2, "\(Array(full.unicodeScalars))")
    }
    #expect(dashes > 20, "label-dash-value lines must occur")
}
