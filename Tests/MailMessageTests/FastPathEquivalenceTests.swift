// Differential tests for the byte-level decoders: on seeded random inputs built from the
// tokens that matter to each (and on every text part of the corpus), the fast Base64,
// QuotedPrintable, HTMLText, FormatFlowed and single-byte charset decoders give exactly
// what the reference implementations in Reference/ (the code before the rewrite) give.

import Foundation
import Testing
import TestSupport
@testable import MailMessage

private func randomString(_ tokens: [String], count: Int, using rng: inout SeededRandom) -> String {
    var s = ""
    for _ in 0..<count { s += tokens[Int.random(in: 0..<tokens.count, using: &rng)] }
    return s
}

private func randomBytes(_ tokens: [[UInt8]], count: Int, using rng: inout SeededRandom) -> [UInt8] {
    var b: [UInt8] = []
    for _ in 0..<count { b += tokens[Int.random(in: 0..<tokens.count, using: &rng)] }
    return b
}

private let base64Tokens: [[UInt8]] = {
    var t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_".utf8.map { [$0] }
    t += ["QUJD", "0J/RgNC4", "=", "==", "\r\n", "\n", " ", "\t", "!", "*", "\u{FF}", "\0"].map { Array($0.utf8) }
    return t
}()

private let qpTokens: [[UInt8]] = [
    "a", "Z", " ", "\t", "=", "=D0", "=bf", "=3D", "=\r\n", "=\n", "= \r\n", "=  \n", "=G1", "=4", "\r\n", "\n",
    "=\r", "\r", "_", "Я", "\0",
].map { Array($0.utf8) } + [[0xFF], [0xD0]]

private let htmlTokens: [String] = [
    "<p>", "</p>", "<P CLASS=MsoNormal>", "<p class=\"msonormal\" style='margin:0'>", "<br>", "<br/>", "<BR />",
    "<div>", "</div>", "<ul>", "<ol>", "<li>", "</li>", "</ul>", "</ol>", "<table>", "<tr>", "</tr>", "<td>",
    "</td>", "<th>", "<pre>", "</pre>", "<style>p{}</style>", "<SCRIPT>x<y</Script >", "<head><title>t</title></head>",
    "<!-- c -->", "<!--", "-->", "<", ">", "</", "<a href=\"x>y\">", "<Ж>", "<ж", "<1>", "<?x?>", "<!DOCTYPE html>",
    "&nbsp;", "&amp;", "&lt;", "&#1071;", "&#x44F;", "&#0;", "&#xZZ;", "&NBSP;", "&unknown;", "&", "&Жук;", "&#;",
    "&laquo", "&check;", "&abcdefghijklmnop;", " ", "  ", "\n", "\r\n", "\t", "\u{A0}", "\u{A0}\u{301}", "\u{301}",
    "текст", "Word", ":", "x", "ё", "日本", "👍🏽", "\u{0600}", "<o:p></o:p>", "<span>", "</span>", "<h1>", "</h2>",
    "<blockquote>", "<hr>", "<xml>", "</xml>", "<template>z</template>",
]

private let flowedTokens: [String] = [
    ">", "> ", ">>", " ", "  ", "-- ", "--", "text", "Текст", "\n", "\n", "\n", "ё", "\u{301}", "\u{483}",
    "日", "👍", "\u{0600}", "\r", "\r\n", "a ", "б ", "-",
]

struct FastPathEquivalenceTests {
    @Test("Base64.decode matches the reference", arguments: [UInt64(1), 2, 3])
    func base64(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        for _ in 0..<400 {
            let input = randomBytes(base64Tokens, count: Int.random(in: 0..<200, using: &rng), using: &rng)
            let fast = Base64.decode(input)
            let ref = ReferenceBase64.decode(input)
            #expect(fast.bytes == ref.bytes && fast.garbage == ref.garbage && fast.truncated == ref.truncated,
                    "input \(input)")
            // A slice with a non-zero start index, as the MIME parser passes it.
            let sliced = Base64.decode(([0x41] + input)[1...])
            #expect(sliced.bytes == ref.bytes)
        }
    }

    @Test("QuotedPrintable.decode matches the reference", arguments: [UInt64(1), 2, 3])
    func quotedPrintable(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        for _ in 0..<400 {
            let input = randomBytes(qpTokens, count: Int.random(in: 0..<120, using: &rng), using: &rng)
            let fast = QuotedPrintable.decode(input)
            let ref = ReferenceQuotedPrintable.decode(input)
            #expect(fast.bytes == ref.bytes && fast.invalidEscapes == ref.invalidEscapes, "input \(input)")
            let sliced = QuotedPrintable.decode(([0x3D] + input)[1...])
            #expect(sliced.bytes == ref.bytes)
        }
    }

    @Test("HTMLText matches the reference", arguments: [UInt64(1), 2, 3, 4])
    func html(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        for _ in 0..<300 {
            let input = randomString(htmlTokens, count: Int.random(in: 0..<80, using: &rng), using: &rng)
            #expect(HTMLText.text(fromHTML: input) == ReferenceHTMLText.text(fromHTML: input), "input \(input.debugDescription)")
        }
    }

    @Test("HTMLText limits counted in scalars, as before")
    func htmlLimits() {
        // A tag of 1,999 Cyrillic letters (3,998 bytes) still closes; one of 2,001 does not.
        for n in [1_990, 1_999, 2_000, 2_001, 2_010] {
            let html = "<a title=\"" + String(repeating: "ж", count: n) + "\">x</a>y"
            #expect(HTMLText.text(fromHTML: html) == ReferenceHTMLText.text(fromHTML: html), "n \(n)")
        }
        for name in ["&жжжжжжжжжжж;", "&жжжжжжжжжж;", "&#1071жж;", "&nbspжжжжжж;"] {
            #expect(HTMLText.text(fromHTML: name + "x") == ReferenceHTMLText.text(fromHTML: name + "x"))
        }
    }

    @Test("FormatFlowed.unwrap matches the reference", arguments: [UInt64(1), 2, 3, 4])
    func flowed(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        for _ in 0..<400 {
            let input = randomString(flowedTokens, count: Int.random(in: 0..<60, using: &rng), using: &rng)
            for delSp in [false, true] {
                #expect(FormatFlowed.unwrap(input, delSp: delSp) == ReferenceFormatFlowed.unwrap(input, delSp: delSp),
                        "input \(input.debugDescription) delsp \(delSp)")
            }
        }
    }

    @Test("single-byte charset tables: a text is the concatenation of its bytes' decodings",
          arguments: ["WINDOWS-1251", "KOI8-R", "CP866", "ISO-8859-5", "MAC-CYRILLIC", "CP1252"])
    func singleByte(name: String) {
        var perByte: [[UInt8]] = []
        var invalidPerByte: [Int] = []
        for b in 0..<256 {
            guard let r = Charset.iconvDecode([UInt8(b)], from: name) else {
                Issue.record("iconv does not know \(name)")
                return
            }
            perByte.append(Array(r.text.utf8))
            invalidPerByte.append(r.invalid)
        }
        var rng = SeededRandom(seed: 7)
        for _ in 0..<200 {
            let input = (0..<Int.random(in: 0..<300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            guard let r = Charset.iconvDecode(input, from: name) else { continue }
            #expect(Array(r.text.utf8) == input.flatMap { perByte[Int($0)] })
            #expect(r.invalid == input.reduce(0) { $0 + invalidPerByte[Int($1)] })
        }
        if name == "WINDOWS-1251" {
            #expect(Charset.iconvDecode([0xCF, 0xF0, 0xE8, 0x20, 0x41], from: name)?.text == "При A")
        }
    }

    @Test("Bytes.normalizeNewlines turns CRLF and bare CR into LF", arguments: [UInt64(1), 2])
    func newlines(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let tokens: [[UInt8]] = [[0x0D], [0x0A], [0x0D, 0x0A], [0x61], [0x20], [0xD0, 0xAF], [0x0D, 0x0D]]
        for _ in 0..<400 {
            let input = randomBytes(tokens, count: Int.random(in: 0..<60, using: &rng), using: &rng)
            var want: [UInt8] = []
            var i = 0
            while i < input.count {
                if input[i] == 0x0D {
                    want.append(0x0A)
                    if i + 1 < input.count, input[i + 1] == 0x0A { i += 1 }
                } else {
                    want.append(input[i])
                }
                i += 1
            }
            #expect(Bytes.normalizeNewlines(input) == want, "input \(input)")
        }
    }

    @Test("charset guessing scores bytes as it scored the decoded text", arguments: ["WINDOWS-1251", "KOI8-R"])
    func guessScore(name: String) {
        var rng = SeededRandom(seed: 11)
        // Random high bytes, and real Russian text in both encodings.
        var inputs: [[UInt8]] = (0..<300).map { _ in
            (0..<Int.random(in: 0..<200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        }
        inputs.append([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2, 0x2C, 0x20, 0xEC, 0xE8, 0xF0])  // "Привет, мир" cp1251
        inputs.append([0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4, 0x2C, 0x20, 0xCD, 0xC9, 0xD2])  // the same in koi8-r
        for input in inputs {
            guard let text = Charset.iconvDecode(input, from: name)?.text else {
                Issue.record("no \(name)")
                return
            }
            #expect(Charset.byteScore(input, name) == Charset.cyrillicScore(text), "input \(input)")
        }
        #expect(Charset.detect([0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4, 0x2C, 0x20, 0xCD, 0xC9, 0xD2]) == "KOI8-R")
        #expect(Charset.detect([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2, 0x2C, 0x20, 0xEC, 0xE8, 0xF0]) == "WINDOWS-1251")
    }

    @Test("multipart delimiter scan finds what the line-by-line scan found", arguments: [UInt64(1), 2, 3])
    func delimiters(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let tokens: [[UInt8]] = ["--b", "--b--", "--bb", "--", "-", "b", "\r\n", "\n", "\r", " ", "\t", "x", "QUJD"]
            .map { Array($0.utf8) }
        for _ in 0..<400 {
            let buf = randomBytes(tokens, count: Int.random(in: 0..<80, using: &rng), using: &rng)
            let start = buf.isEmpty ? 0 : Int.random(in: 0..<buf.count, using: &rng)
            let end = Int.random(in: start...buf.count, using: &rng)
            let fast = MIMEParser.scanDelimiters(buf, start: start, end: end, boundary: Array("b".utf8))
            let ref = ReferenceScan.scanDelimiters(buf, start: start, end: end, boundary: Array("b".utf8))
            #expect(fast.map { [$0.lineStart, $0.next, $0.isClose ? 1 : 0] } == ref.map { [$0.lineStart, $0.next, $0.isClose ? 1 : 0] },
                    "buf \(buf) \(start)..<\(end)")
        }
    }

    @Test("every text part of the corpus renders as before")
    func corpus() {
        var checked = 0
        for name in Corpus.names {
            let m = Message.parse(Corpus.bytes(name))
            var parts: [MIMEPart] = [m.root]
            for e in m.embeddedMessages { parts.append(e.root) }
            while let p = parts.popLast() {
                parts += p.children
                guard let text = p.text else { continue }
                #expect(HTMLText.text(fromHTML: text) == ReferenceHTMLText.text(fromHTML: text), "\(name)")
                #expect(FormatFlowed.unwrap(text, delSp: false) == ReferenceFormatFlowed.unwrap(text, delSp: false))
                checked += 1
            }
        }
        #expect(checked > 50)
    }
}
