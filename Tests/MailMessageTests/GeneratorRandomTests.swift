import Foundation
import Testing
import TestSupport
@testable import MailMessage

// Seeded random values (reproducible) from an alphabet of the troublesome: controls, line
// separators, quotes, `=?`, dots, Cyrillic, emoji with ZWJ, long runs. Every message must
// keep the wire invariants, keep its header fields, and round-trip through the parser.

@Suite struct GeneratorRandomTests {
    static let pieces: [String] = [
        "a", "Z", "7", " ", "  ", "\t", ".", "From ", "=?", "?=", "=?UTF-8?B?", "\"", "\\", "<", ">", ",", ";",
        ":", "(", ")", "'", "%", "*", "=", "_", "\r", "\n", "\r\n", "\0", "\u{7F}", "\u{85}", "\u{2028}",
        "\u{2029}", "\u{1B}", "ж", "Щ", "ё", "Привет", "стажировка", "🎉", "👩‍💻", "🇷🇺", "é", "中文",
        String(repeating: "x", count: 90), String(repeating: "ш", count: 40), "Bcc: victim@example.test",
    ]

    static func text(_ rng: inout SeededRandom, maxPieces: Int) -> String {
        let count = Int.random(in: 0...maxPieces, using: &rng)
        return (0..<count).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
    }

    static func message(seed: UInt64) -> OutgoingMessage {
        var rng = SeededRandom(seed: seed)
        var message = GeneratorFixtures.message(
            subject: Self.text(&rng, maxPieces: 30),
            from: Address(name: Self.text(&rng, maxPieces: 12), address: "intake@example.test"),
            to: [Address(name: Self.text(&rng, maxPieces: 12), address: "applicant1@example.test")],
            text: Self.text(&rng, maxPieces: 200),
            html: Bool.random(using: &rng) ? Self.text(&rng, maxPieces: 50) : nil,
            attachments: [OutgoingAttachment(filename: Self.text(&rng, maxPieces: 15), contentType: "application/octet-stream",
                                             data: Array(Self.text(&rng, maxPieces: 40).utf8))],
            extra: [OutgoingHeader(name: "X-Internships-Loop", value: Self.text(&rng, maxPieces: 20))])
        if Bool.random(using: &rng) {
            message.calendar = OutgoingCalendar(text: Self.text(&rng, maxPieces: 40))
        }
        return message
    }

    @Test(arguments: 0..<100)
    func randomMessagesKeepEveryInvariant(seed: UInt64) throws {
        let message = Self.message(seed: seed)
        let bytes = try message.generate()
        let report = GeneratorWireReport(bytes)
        #expect(report.bareCR == 0 && report.bareLF == 0 && report.nonASCII == 0)
        #expect(report.lines.allSatisfy { $0.count <= 998 })
        // Header lines may pass 78 only for an unbreakable literal word (90 x's here).
        for line in report.headerLines where line.utf8.count > 78 {
            #expect(line.contains(String(repeating: "x", count: 60)), "long header line: \(line)")
        }
        for line in report.lines {
            #expect(line.first != UInt8(ascii: "."))
            #expect(!line.starts(with: Array("From ".utf8)))
        }
        let names = report.fields.map(\.0)
        #expect(names == ["Date", "From", "Reply-To", "To", "Cc", "Subject", "Message-ID", "In-Reply-To",
                          "References", "Auto-Submitted", "X-Internships-Loop", "MIME-Version", "Content-Type"])
        let parsed = Message.parse(bytes)
        #expect(parsed.defects.isEmpty, "\(parsed.defects)")
        var got = GeneratorRoundTripTests.observed(parsed, extraNames: message.extraHeaders.map(\.name))
        var want = GeneratorRoundTripTests.expected(message)
        // The parser trims quote marks around display names (clients that write
        // `"=?…?="` or 'Name'); compare without them.
        for observed in [\Observed.from, \.to, \.cc, \.replyTo] {
            got[keyPath: observed] = got[keyPath: observed].map(Self.unquoted)
            want[keyPath: observed] = want[keyPath: observed].map(Self.unquoted)
        }
        // A blank text/plain makes `textBody` fall back to another alternative (the parser's
        // body selection); then compare the text/plain part itself.
        if want.textBody.allSatisfy(\.isWhitespace) {
            var plain: String?
            parsed.root.walk { part, _ in
                if plain == nil && part.contentType == "text/plain" && part.filename == nil { plain = part.text }
                return plain == nil
            }
            got.textBody = plain ?? "(no text/plain part)"
        }
        GeneratorRoundTripTests.expectSame(got, want, "seed \(seed)")
    }

    typealias Observed = GeneratorRoundTripTests.Observed

    static func unquoted(_ address: Address) -> Address {
        let quotes: Set<Character> = ["\"", "'", " "]
        let name = address.name.map { String($0.drop { quotes.contains($0) }.reversed().drop { quotes.contains($0) }.reversed()) }
        return Address(name: name?.isEmpty == true ? nil : name, address: address.address)
    }
}
