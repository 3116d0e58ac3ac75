import Foundation
#if canImport(Glibc)
import Glibc
#endif
import MailMessage
import Testing
import TestSupport
@testable import Forms

/// CPU seconds of the calling thread: the machine is shared, so wall time says little.
func seconds(_ body: () -> Void) -> Double {
    func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    let start = now()
    body()
    return now() - start
}

@Test func oneMegabyteOfRandomTextIsBoundedAndReportsNoForm() {
    var rng = SeededRandom(seed: 42)
    let alphabet = Array("абвгдеёжзийклмнопрстуфхцчшщъыьэюяФИОЕmail:>-–[]x☒ \n\n0123456789.,«»()")
    var text = ""
    text.reserveCapacity(1_100_000)
    while text.utf8.count < 1_000_000 { text.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
    var reading: FormReading?
    let t = seconds { reading = FormReader().read(text: text) }
    print("timing", #function, t)
    #expect(t < 10, "took \(t) s")
    // Whatever it finds, every problem comes with a sentence.
    #expect(reading?.errors.isEmpty == false || reading?.kind != nil)
    #expect(reading?.errors.allSatisfy { !$0.message.isEmpty } == true)
}

@Test func oneMegabyteOfBinaryGarbageAsOneLine() {
    var rng = SeededRandom(seed: 7)
    let bytes = (0..<1_000_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
    var reading: FormReading?
    let t = seconds { reading = FormReader().read(text: text) }
    print("timing", #function, t)
    #expect(t < 10, "took \(t) s")
    #expect(reading?.errorCodes == ["no_form"])
}

@Test func formOfTenThousandLines() {
    var lines = ["ЗАЯВКА НА ПРОГРАММУ СТАЖИРОВКИ", "Организация: АНО «Тест»", "Описание программы:"]
    for i in 0..<10_000 { lines.append("Строка описания номер \(i): подробности, адрес, телефон и прочее") }
    lines += ["Телефон: 89123456789", "Email: a@b.ru"]
    var reading: FormReading?
    let t = seconds { reading = FormReader().read(text: lines.joined(separator: "\n")) }
    print("timing", #function, t)
    #expect(t < 10, "took \(t) s")
    #expect(reading?.kind == .program)
    #expect(reading?.value("phone") == .phone("+79123456789"))
    if case .text(let d)? = reading?.value("program_description") {
        #expect(d.split(separator: "\n").count == 10_000)
    } else {
        Issue.record("description not read")
    }
}

@Test func tenThousandLabelLinesWithoutValues() {
    let labels = FormKind.participant.fields.map { $0.label + ":" }
    let text = (0..<10_000).map { labels[$0 % labels.count] }.joined(separator: "\n")
    var reading: FormReading?
    let t = seconds { reading = FormReader().read(text: text) }
    print("timing", #function, t)
    #expect(t < 10, "took \(t) s")
    #expect(reading?.kind == .participant)
    #expect(reading?.errorCodes.count == FormKind.participant.fields.filter(\.required).count)
}

@Test func labelsWithNoValuesReportEveryRequiredField() {
    let text = "ЭКСПЕРТНАЯ ОЦЕНКА\nЭксперт:\nНомер заявки:\nАктуальность (0–10):\nПрактическая польза (0–10):\nРеалистичность (0–10):\nКачество программы (0–10):\nКомментарий:\nКонфликт интересов (да/нет):"
    let reading = FormReader().read(text: text)
    #expect(reading.kind == .score)
    #expect(reading.errorCodes == ["missing:expert", "missing:application_number", "missing:relevance",
                                   "missing:practical_benefit", "missing:realism", "missing:program_quality",
                                   "missing:conflict_of_interest"])
}

@Test func deeplyNestedHTML() {
    let html = String(repeating: "<div><blockquote><table><tr><td>", count: 20_000) + "ЗАЯВКА УЧАСТНИКА<br>ФИО: Тест Тестович<br>Телефон: 89123456789"
        + String(repeating: "</td></tr></table></blockquote></div>", count: 20_000)
    var reading: FormReading?
    let t = seconds {
        let text = HTMLText.text(fromHTML: html)
        reading = FormReader().read(text: text)
    }
    print("timing", #function, t)
    #expect(t < 10, "took \(t) s")
    #expect(reading?.kind == .participant)
    #expect(reading?.value("phone") == .phone("+79123456789"))
    #expect(reading?.errorCodes.contains("missing:email") == true)
}

@Test func deeplyNestedQuotes() {
    let text = String(repeating: ">", count: 5_000) + " ЗАЯВКА УЧАСТНИКА\n" + String(repeating: ">", count: 5_000) + " ФИО: Иванова\n"
        + String(repeating: "> ", count: 3_000) + "Телефон: 89123456789"
    let reading = FormReader().read(text: text)
    #expect(reading.kind == .participant)
    #expect(reading.fromQuote)
}

@Test(arguments: [[UInt8](), Array("PK\u{3}\u{4}garbage".utf8), Array(repeating: 0x50, count: 1000)])
func brokenDocxIsIgnored(bytes: [UInt8]) {
    #expect(DocxText.extract(bytes) == nil)
}

@Test func docxXMLParagraphsTablesEntitiesAndSymbols() {
    let xml = """
    <w:document><w:body><w:p><w:r><w:t>ЗАЯВКА</w:t></w:r><w:r><w:t xml:space="preserve"> УЧАСТНИКА</w:t></w:r></w:p>
    <w:tbl><w:tr><w:tc><w:p><w:r><w:t>ФИО</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Иванова &amp; Ко &#171;А&#xBB;</w:t></w:r></w:p></w:tc></w:tr>
    <w:tr><w:tc><w:p><w:r><w:t>Согласие:</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r></w:p></w:tc></w:tr>
    <w:tr><w:tc><w:p><w:r><w:t>Пусто</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:sym w:char="F0A8"/></w:r></w:p></w:tc></w:tr></w:tbl>
    <w:p><w:r><w:t>a</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>b</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>c &lt;d&gt;</w:t></w:r></w:p></w:body></w:document>
    """
    #expect(DocxText.text(fromDocumentXML: xml) == "ЗАЯВКА УЧАСТНИКА\nФИО: Иванова & Ко «А»\nСогласие: ☒\nПусто: ☐\na\tb\nc <d>\n")
}

/// Eight times the lines costs about eight times the time (quadratic would be 64).
@Test func readingTimeGrowsLinearly() {
    func form(_ n: Int) -> String {
        var lines = ["ЗАЯВКА УЧАСТНИКА"]
        let labels = FormKind.participant.fields.map(\.label)
        for i in 0..<n { lines.append(i % 3 == 0 ? "\(labels[i % labels.count]): значение \(i)" : "Текст мотивации, строка \(i)") }
        return lines.joined(separator: "\n")
    }
    let small = form(1_000), large = form(8_000)
    _ = FormReader().read(text: small)
    let t1 = seconds { _ = FormReader().read(text: small) }
    let t8 = seconds { _ = FormReader().read(text: large) }
    print("timing", #function, t1, t8)
    #expect(t8 < t1 * 20, "1k lines \(t1) s, 8k lines \(t8) s")
}

/// Regression: ZIPFoundation trapped on a `.docx` whose directory points past the data
/// (found by `scripts/fuzz forms`); the whole message must still be read, the attachment ignored.
@Test func corruptedDocxFromTheFuzzerIsIgnored() throws {
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fuzz/regressions/forms-crash-Range-requires-lowerBound-upperBound-in-Archive.MemoryFile.readData-d8600869.eml")
        .standardizedFileURL
    let bytes = [UInt8](try Data(contentsOf: fixture))
    let message = Message.parse(bytes)
    #expect(message.attachments.contains { $0.filename?.hasSuffix(".docx") == true })
    _ = FormReader().read(message)  // trapped inside ZIPFoundation before the check
}
