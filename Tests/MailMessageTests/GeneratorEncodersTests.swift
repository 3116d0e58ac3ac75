import Foundation
import Testing
@testable import MailMessage

// The encoders on their own: known vectors, limits, and decode-back checks with small
// test-only decoders (the parser's decoders are not used here, so a shared bug cannot hide).

enum GeneratorTestDecoders {
    /// RFC 2045 §6.7 quoted-printable decoding, strict enough for our own output.
    static func quotedPrintable(_ text: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 48...57: b - 48
            case 65...70: b - 55
            default: nil
            }
        }
        while i < text.count {
            if text[i] == 61 {
                if i + 2 < text.count && text[i + 1] == 13 && text[i + 2] == 10 { i += 3; continue }
                guard i + 2 < text.count, let h = hex(text[i + 1]), let l = hex(text[i + 2]) else { return nil }
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(text[i])
                i += 1
            }
        }
        return out
    }

    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 13 && bytes[i + 1] == 10 {
                result.append(bytes[start..<i])
                i += 2
                start = i
            } else {
                i += 1
            }
        }
        if start < bytes.count { result.append(bytes[start...]) }
        return result
    }
}

@Suite struct GeneratorEncodersTests {
    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
                      ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")])
    func base64MatchesRFC4648Vectors(input: String, want: String) {
        #expect(String(decoding: Encoders.base64(Array(input.utf8)), as: UTF8.self) == want)
    }

    @Test(arguments: [0, 1, 56, 57, 58, 114, 1000, 65_537])
    func base64LinesAreShortAndDecode(count: Int) {
        let data = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let encoded = Encoders.base64Lines(data)
        #expect(encoded.count == Encoders.base64LinesCount(count))
        let lines = GeneratorTestDecoders.lines(encoded)
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        let joined = String(decoding: lines.joined(), as: UTF8.self)
        #expect(Data(base64Encoded: joined).map(Array.init) == data)
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("a=b", "a=3Db"),
        ("trailing space \r\nnext", "trailing space=20\r\nnext"),
        ("tab\t", "tab=09"),
        (".\r\n..\r\nok.", "=2E\r\n=2E.\r\nok."),
        ("From me\r\nFrom\r\nFromage", "=46rom me\r\nFrom\r\nFromage"),
        ("é", "=C3=A9"),
        ("bare\nLF and\rCR", "bare=0ALF and=0DCR"),
        ("ends with break\r\n", "ends with break\r\n"),
        ("", ""),
    ])
    func quotedPrintableVectors(input: String, want: String) {
        #expect(String(decoding: Encoders.quotedPrintable(Array(input.utf8)), as: UTF8.self) == want)
    }

    static let qpSamples: [String] = [
        String(repeating: "a", count: 75) + ".tail",
        String(repeating: "a", count: 75) + "From here",
        String(repeating: "b", count: 300),
        String(repeating: "Здравствуйте ", count: 20),
        String(repeating: "x ", count: 60) + " ",
        String(repeating: "=", count: 100),
        String(repeating: "🎉", count: 40) + "\r\n" + String(repeating: ".", count: 200),
        (0...255).map { String(UnicodeScalar(UInt8($0))) }.joined(),
    ]

    @Test(arguments: qpSamples)
    func quotedPrintableLinesAreSafeAndDecode(sample: String) throws {
        let input = Array(sample.utf8)
        let encoded = Encoders.quotedPrintable(input)
        for line in GeneratorTestDecoders.lines(encoded) {
            #expect(line.count <= 76)
            #expect(line.first != UInt8(ascii: "."))
            #expect(!line.starts(with: Array("From ".utf8)))
            #expect(line.last != 32 && line.last != 9, "trailing whitespace")
            #expect(line.allSatisfy { $0 >= 32 && $0 < 127 || $0 == 9 })
        }
        #expect(GeneratorTestDecoders.quotedPrintable(encoded) == input)
    }

    @Test(arguments: [
        String(repeating: "Очень длинная тема письма о стажировке ", count: 8),  // ≈ 300 characters
        String(repeating: "🎉👩‍💻🇷🇺", count: 30),
        "Ёжик" + String(repeating: "я", count: 23),  // 45-byte boundary inside a 2-byte letter
        "a" + String(repeating: "ж", count: 50),
        "a " + String(repeating: "b", count: 43) + "🎉" + String(repeating: "c", count: 50),  // space early, 4-byte scalar at the cut
        " " + String(repeating: "я", count: 60) + " ",
    ])
    func encodedWordsAreShortWholeCharactersAndDecode(text: String) throws {
        let words = Encoders.encodedWords(text)
        var decoded = ""
        for word in words {
            #expect(word.utf8.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
            // Each word on its own is valid UTF-8: no character split across words.
            let piece = try #require(String(bytes: payload, encoding: .utf8))
            decoded += piece
        }
        #expect(decoded == text)
    }

    @Test func encodedWordsPreferToEndAfterASpace() throws {
        let words = Encoders.encodedWords("Константин Константинопольский Александрович")
        #expect(words.count == 3)
        let pieces = words.map { word in
            Data(base64Encoded: String(word.dropFirst(10).dropLast(2))).flatMap { String(bytes: $0, encoding: .utf8) }
        }
        #expect(pieces == ["Константин ", "Константинопольский ", "Александрович"])
    }

    @Test(arguments: [10, 16, 20, 30, 50, 75, 100])
    func firstEncodedWordFitsTheRoomLeft(room: Int) {
        let words = Encoders.encodedWords(String(repeating: "Щ", count: 40), firstMaxLength: room)
        let first = words.first?.utf8.count ?? 0
        // Too little room for even one letter (12 + 4 characters): a full word, folded by the caller.
        #expect(room < 16 ? first <= 75 : first <= min(room, 75))
        #expect(words.dropFirst().allSatisfy { $0.utf8.count <= 75 })
    }

    @Test(arguments: [
        ("charset", "UTF-8", ["charset=UTF-8"]),
        ("name", "report 1.pdf", ["name=\"report 1.pdf\""]),
        ("name", "a\"b\\c", ["name=\"a\\\"b\\\\c\""]),
        ("filename", "отчёт.pdf", ["filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.pdf"]),
        ("filename", "a;b=c", ["filename=\"a;b=c\""]),
        ("x", "", ["x=\"\""]),
    ])
    func parameterVectors(name: String, value: String, want: [String]) {
        #expect(Encoders.parameterSegments(name: name, value: value) == want)
    }

    @Test(arguments: [
        "Анкета участника программы стажировок 2026 (итоговая версия, подписанная).docx",
        String(repeating: "long-ascii-name-", count: 10) + ".pdf",
        String(repeating: "📎", count: 30),
    ])
    func longParametersUseRFC2231Continuations(value: String) throws {
        let segments = Encoders.parameterSegments(name: "filename", value: value)
        #expect(segments.count > 1)
        var bytes: [UInt8] = []
        for (index, segment) in segments.enumerated() {
            #expect(segment.utf8.count <= Encoders.maxParameterSegmentLength)
            let head = index == 0 ? "filename*0*=UTF-8''" : "filename*\(index)*="
            #expect(segment.hasPrefix(head))
            let encoded = Array(segment.dropFirst(head.count).utf8)
            var i = 0
            var piece: [UInt8] = []
            while i < encoded.count {
                if encoded[i] == 37, i + 2 < encoded.count,
                   let b = UInt8(String(decoding: encoded[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                    piece.append(b)
                    i += 3
                } else {
                    piece.append(encoded[i])
                    i += 1
                }
            }
            #expect(String(bytes: piece, encoding: .utf8) != nil, "a continuation splits a character")
            bytes += piece
        }
        #expect(String(decoding: bytes, as: UTF8.self) == value)
    }
}
