// Session 3 shortcuts of the form reader (issue 10) against the code they replaced: per-line
// byte pre-checks in front of Character walks, and not reading a quoted original below the
// sender's own filled form. Random text mixes CR LF, combining marks, Cyrillic, look-alikes.
import Foundation
import Testing
import TestSupport
@testable import Forms

private let linePieces: [String] = [
    "a", "Z", "ф", "Ё", "е", "\u{301}", " ", "\t", ":", "-", "—", "–", "_", "=", ">", "> ", "1", "2.", "3)",
    "•", "*", "#", "·", "👍", "e\u{301}", "\u{200D}", "\u{A0}", "(", ")", "ß", "İ", "Σ", "ё", "--", "-- ",
]

private func randomLine(_ rng: inout SeededRandom, maxPieces: Int = 12) -> Substring {
    let n = Int.random(in: 0...maxPieces, using: &rng)
    return Substring((0..<n).map { _ in linePieces[Int.random(in: 0..<linePieces.count, using: &rng)] }.joined())
}

/// The Character code of `TextZones.stripQuoteMarkers` before its byte pre-check.
private func referenceStripQuoteMarkers(_ line: Substring) -> (Substring, Int) {
    var rest = line
    var depth = 0
    while true {
        let afterSpace = rest.drop(while: { $0 == " " || $0 == "\t" })
        guard afterSpace.first == ">" else { break }
        rest = afterSpace.dropFirst()
        if rest.first == " " { rest = rest.dropFirst() }
        depth += 1
    }
    return (depth == 0 ? line : rest, depth)
}

/// The Character guard of `TextZones.isSeparator` before its scalar pre-check.
private func referenceMaySeparate(_ line: Substring) -> Bool {
    guard let first = line.first, let last = line.last else { return false }
    return "-–—_=".contains(first) || last == ":" || "-–—_=".contains(last)
}

/// `FormTextReader.stripNumbering` before its letter pre-check.
private func referenceStripNumbering(_ line: Substring) -> Substring {
    var s = line
    while let f = s.first, "-•*–—·#".contains(f) { s = s.dropFirst().drop(while: { $0 == " " }) }
    let digits = s.prefix(while: { $0.isNumber || $0 == "." })
    if !digits.isEmpty, digits.count <= 6 {
        let after = s.dropFirst(digits.count)
        if let f = after.first, f == "." || f == ")" {
            s = after.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
        } else if digits.last == ".", let f = after.first, f == " " || f == "\t" {
            s = after.drop(while: { $0 == " " || $0 == "\t" })
        }
    }
    return s
}

@Test(arguments: [31, 32, 33])
func linePrechecksAgreeWithTheCharacterCode(seed: UInt64) {
    var rng = SeededRandom(seed: seed)
    for _ in 0..<2_000 {
        let line = randomLine(&rng)
        let (content, depth) = TextZones.stripQuoteMarkers(line)
        let (refContent, refDepth) = referenceStripQuoteMarkers(line)
        #expect(depth == refDepth && content.startIndex == refContent.startIndex, "\(Array(line.unicodeScalars))")
        // The separator test as a whole is unchanged wherever the old guard let a line through.
        if !referenceMaySeparate(line) { #expect(!TextZones.isSeparator(line), "\(Array(line.unicodeScalars))") }
        #expect(FormTextReader.dropLeadingSpaces(line).startIndex
                == line.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }).startIndex, "\(Array(line.unicodeScalars))")
        #expect(FormTextReader.stripNumbering(line).startIndex == referenceStripNumbering(line).startIndex,
                "\(Array(line.unicodeScalars))")
        if let first = line.unicodeScalars.first {
            #expect(TextScan.lowercasedFirst(first)
                    == (TextScan.lowercased(Substring(String(first))).unicodeScalars.first ?? first), "\(first)")
        }
    }
}

@Test func separatorsStillFound() {
    for line in ["-----Original Message-----", "---------- Forwarded message ---------", "-------- Пересылаемое сообщение --------",
                 "Begin forwarded message:"] {
        let zoned = TextZones.split("Текст\n" + line + "\nFrom: a@b.c\n\nФИО: x")
        #expect(zoned.count > 1 && zoned[1].zone == .quoteHeader, "\(line)")
    }
}

/// Texts that put the sender's own form above a quoted original (attribution, separator,
/// Outlook headers), with the original holding another form, or none, or only labels.
private func composedTexts() throws -> [String] {
    let own = [
        "ЗАЯВКА УЧАСТНИКА\nФИО: Иванова Мария\nТелефон: 8 912 345 67 89\nEmail: m@mail.ru\n",
        "Добрый день!\nФИО: Петров Пётр\nОрганизация: АНО «Дом»\nТелефон: 8 912 000 00 00\n",
        "Спасибо, будем.\n",
        "ЗАЯВКА УЧАСТНИКА\nФИО:\nТелефон:\n",
        "",
    ]
    let headers = [
        "\nПн, 3 июл. 2023 г. в 10:15, Анна <anna@example.test>:\n",
        "\n-----Original Message-----\nFrom: Анна\nSent: Monday\nSubject: Заявка\n\n",
        "\nFrom: Анна <anna@example.test>\nSent: Monday, July 3, 2023\nTo: b@example.test\n\n",
        "\nOn Mon, 3 Jul 2023, Anna wrote:\n",
        "\nOn Mon, 3 Jul 2023, Anna wrote:\n\n",
    ]
    let quoted = [
        "ЗАЯВКА УЧАСТНИКА\nФИО: Сидорова Анна Ивановна\nОрганизация: Фонд\nТелефон: 8 912 111 22 33\nEmail: a@b.ru\nМотивация: хочу\n",
        "> ЗАЯВКА УЧАСТНИКА\n> ФИО: Сидорова\n> Телефон: 8 912 111 22 33\n",
        "> ФИО:\n> Телефон:\nФИО: Петрова\nТелефон: 8 912 222 33 44\n",
        "Текст письма без формы.\n",
    ]
    var texts: [String] = []
    for o in own { for h in headers { for q in quoted { texts.append(o + h + q) } } }
    let files = try FileManager.default.contentsOfDirectory(at: Repo.corpus, includingPropertiesForKeys: nil)
    for url in files where url.pathExtension == "txt" { texts.append(try Repo.text(url)) }
    return texts
}

@Test func quotedOriginalSkippedOnlyWhereItCannotMatter() throws {
    let reader = FormTextReader()
    let formReader = FormReader()
    var skipped = 0
    for text in try composedTexts() {
        let all = reader.candidates(in: text)
        let readable = reader.readableCandidates(in: text)
        if readable.count < all.count { skipped += 1 }
        // The forms read are the first ones of the full list, in the same order…
        #expect(readable.count <= all.count)
        for (a, b) in zip(readable, all) {
            #expect(a.kind == b.kind && a.values == b.values && a.usesQuotedText == b.usesQuotedText, "\(text)")
        }
        // …and the reading is the one of the full list.
        let full = formReader.decide([(FormReader.Source(text: text, location: "body"), all)], replyToInvitation: false)
        let fast = formReader.read(sources: [FormReader.Source(text: text, location: "body")])
        #expect(try JSON.encode(full) == JSON.encode(fast), "\(text)")
        #expect(reader.read(text)?.values == fullRead(all)?.values, "\(text)")
    }
    #expect(skipped >= 10, "the shortcut must be exercised")
}

/// `FormTextReader.read` on a full candidate list.
private func fullRead(_ all: [TextForm]) -> TextForm? {
    if let own = all.filter({ !$0.usesQuotedText && $0.filledCount > 0 }).max(by: { $0.filledCount < $1.filledCount }) {
        return own
    }
    if let quoted = all.filter(\.isPlausibleQuotedForm).max(by: { $0.filledCount < $1.filledCount }) { return quoted }
    return all.first { !$0.usesQuotedText && ($0.values.count >= 2 || $0.headingFound) && $0.values.count > 0 }
}

private let valuePieces: [String] = [
    "a", "ф", " ", "\t", "\n", "\r", "\u{A0}", "\u{2003}", "\u{2028}", "\u{2029}", "\u{85}", "\u{0B}", "*", "_", "…",
    "☐", "☒", "[ ]", "[]", "[x]", "[", "]", "\u{301}", "e\u{301}", "👍", "да", "нет", "x",
]

/// `FormTextReader.isFilled` before its byte pre-checks.
private func referenceIsFilled(_ text: String) -> Bool {
    if text.isEmpty { return false }
    guard text.utf8.count < 200 else { return true }
    let unchecked = text.contains("☐") || text.contains("[ ]") || text.contains("[]")
    if unchecked, !BooleanParsing.containsCheckedMark(text) { return false }
    return true
}

/// `FormTextReader.cleanPlaceholder` with Foundation trimming, as it was.
private func referenceCleanPlaceholder(_ s: String) -> String {
    var t = s.trimmingCharacters(in: .whitespacesAndNewlines)
    t = t.trimmingCharacters(in: CharacterSet(charactersIn: "*"))
    let meaningful = t.unicodeScalars.contains { !"_.…-–—  \t\n*".unicodeScalars.contains($0) }
    if !meaningful { return "" }
    return t.trimmingCharacters(in: .whitespacesAndNewlines)
}

@Test(arguments: [41, 42, 43])
func valueTrimsAndCheckboxTestsAgreeWithFoundation(seed: UInt64) {
    var rng = SeededRandom(seed: seed)
    for _ in 0..<2_000 {
        let n = Int.random(in: 0...10, using: &rng)
        let text = (0..<n).map { _ in valuePieces[Int.random(in: 0..<valuePieces.count, using: &rng)] }.joined()
        let scalars = "\(Array(text.unicodeScalars))"
        #expect(FormTextReader.isFilled(text) == referenceIsFilled(text), "\(scalars)")
        #expect(FormTextReader.cleanPlaceholder(text) == referenceCleanPlaceholder(text), "\(scalars)")
        #expect(TextScan.trimmingWhitespaces(Substring(text)) == text.trimmingCharacters(in: .whitespaces), "\(scalars)")
        #expect(TextScan.trimming(Substring(text), where: TextScan.isWhitespaceOrNewline)
                == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(scalars)")
    }
}

private let prefixPieces: [String] = [
    "a", "ф", " ", "—", "–", "…", "№", "«", "»", "„", "“", "•", "‰", "₽", "€", "™", "ℹ", "‼", "\u{2028}", "\u{200D}",
    "\u{301}", "\u{20DD}", "\r", "\n", "\r\n", "👍", "\u{FE0F}", "あ", "\u{2060}", "\u{205F}",
]

@Test(arguments: [0, 1, 7, 40, 160])
func threeByteScalarsCountLikeCharacters(n: Int) {
    var rng = SeededRandom(seed: UInt64(n) + 51)
    for _ in 0..<1_000 {
        let count = Int.random(in: 0...60, using: &rng)
        let text = Substring((0..<count).map { _ in prefixPieces[Int.random(in: 0..<prefixPieces.count, using: &rng)] }.joined())
        #expect(TextScan.end(ofCharacters: n, in: text) == text.prefix(n).endIndex, "\(Array(text.unicodeScalars))")
    }
}

@Test func headerPrefixCheckAgreesWithHasPrefix() {
    var rng = SeededRandom(seed: 61)
    let pieces = ["from", "от", "sent", "дата", "date", "отправлено", ":", " ", " :", "\u{301}", "о", "т", "f", "x", "й", "и\u{306}"]
    let names = ["from", "от", "sent", "date", "отправлено", "дата"]
    var hits = 0
    for _ in 0..<3_000 {
        let lower = (0..<Int.random(in: 0...5, using: &rng)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &rng)] }.joined()
        let reference = names.contains { lower.hasPrefix($0 + ":") || lower.hasPrefix($0 + " :") }
        if reference { hits += 1 }
        #expect(TextZones.startsWithHeader(lower, names) == reference, "\(Array(lower.unicodeScalars))")
    }
    #expect(hits > 50)
}
