import Foundation
import Testing
@testable import Forms

/// A damaged `.docx` (cut short, bytes flipped) must be rejected quickly. ZIPFoundation 0.9.20
/// never returned on a truncated deflate stream; `ZipStructure.read` inflates exactly the
/// entry's bytes. Fixtures: Tests/Fuzz/regressions/forms-timeout-ZIPFoundation-decode-*.eml
/// (hung for ever before; also replayed by FuzzReplayTests and `scripts/fuzz forms`).
@Suite(.timeLimit(.minutes(1))) struct DamagedDocxTests {
    static let regressions = Repo.root.appendingPathComponent("Tests/Fuzz/regressions")
    static let fixtures = ((try? FileManager.default.contentsOfDirectory(atPath: regressions.path)) ?? [])
        .filter { $0.hasPrefix("forms-timeout-ZIPFoundation-decode-") && $0.hasSuffix(".eml") }.sorted()

    @Test func fixturesExist() {
        #expect(Self.fixtures.count >= 2, "\(Self.fixtures)")
    }

    @Test(arguments: fixtures)
    func hangingFixtureIsRejectedInUnderASecond(name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.regressions.appendingPathComponent(name)))
        var text: String?
        let cpu = seconds { text = DocxText.extract(bytes) }
        #expect(text == nil)
        #expect(cpu < 1, "\(name): \(cpu) s")
        // The whole forms path a mail takes, as the fuzzer feeds it.
        let all = seconds { _ = FormReader().read(text: String(decoding: bytes, as: UTF8.self)) }
        #expect(all < 1)
    }

    @Test func theIntactDocumentStillReads() throws {
        let bytes = try [UInt8](Data(contentsOf: Repo.corpus.appendingPathComponent("docx-program-table.docx")))
        let text = try #require(DocxText.extract(bytes))
        #expect(text.contains("ЗАЯВКА"), "\(text)")
        #expect(ZipStructure.read("word/document.xml", in: bytes, limit: 100) == .failure(.tooLarge))
        #expect(ZipStructure.read("word/nothing.xml", in: bytes, limit: 1 << 20) == .failure(.missing))
    }

    /// Every prefix of a real `.docx` (in under a second together) and every single byte
    /// flipped (each in under a second): all return.
    @Test(arguments: ["docx-program-table.docx", "docx-participant-paragraphs.docx"])
    func everyCutAndEveryFlippedByteReturns(file: String) throws {
        let original = try [UInt8](Data(contentsOf: Repo.corpus.appendingPathComponent(file)))
        var read = 0
        let cuts = seconds {
            for n in 0..<original.count where DocxText.extract(Array(original[..<n])) != nil { read += 1 }
        }
        #expect(read == 0, "a cut-short file cannot have its directory")
        #expect(cuts < 1, "\(original.count) cuts took \(cuts) s")
        var slowest = 0.0
        for i in original.indices {
            var damaged = original
            damaged[i] ^= 0xFF
            slowest = max(slowest, seconds { _ = DocxText.extract(damaged) })
        }
        #expect(slowest < 1, "the slowest of \(original.count) flipped files took \(slowest) s")
    }
}
