// libFuzzer harness for the forms reader (issue 9). Not a SwiftPM target: `scripts/fuzz forms N`
// compiles it with MailMessage, ZIPFoundation (+ zlib) and Forms as static libraries.
// Input: arbitrary bytes, read three ways: as UTF-8 form text (FormReader.read(text:)), as a raw
// message (Message.parse → FormReader.read, so HTML, .txt and .docx attachments run), and, when
// the bytes look like a ZIP, as a .docx attachment. Each reading goes through ReplyPlan.decide,
// FormPrefill (with the blank of its kind) and JSON encoding, as `internships parse --json` does.
// Output: nothing; a crash, a sanitizer report, a timeout or an out-of-memory is the finding.
// `swift test` compiles this file too (FuzzReplayTests, FUZZ_REPLAY defined: no libFuzzer entry)
// and feeds every regressions/forms-* fixture to `FormsFuzz.one`.

import Foundation
import Forms
import MailMessage

enum FormsFuzz {
    /// Keeps the optimizer from dropping results whose value is otherwise unused.
    @inline(never)
    static func consume<T>(_ value: T) {
        withExtendedLifetime(value) {}
    }

    /// The blank of every kind: mail-templates/forms/<kind>.txt of this checkout, else each field's
    /// label on its own line.
    static let blanks: [FormKind: String] = Dictionary(uniqueKeysWithValues: FormKind.allCases.map { kind in
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../mail-templates/forms/\(kind.rawValue).txt")
        let blank = (try? String(contentsOf: file, encoding: .utf8))
            ?? kind.fields.map { "\($0.label):" }.joined(separator: "\n")
        return (kind, blank)
    })

    @inline(never)
    static func exercise(_ reading: FormReading, from: [Address], replyTo: [Address], messageClass: MessageClass) {
        consume(reading.kind)
        consume(reading.errors.count)
        for (id, _) in reading.fields { consume(reading.value(id)) }
        consume(try? JSONEncoder().encode(reading).count)
        let plan = ReplyPlan.decide(messageClass: messageClass, reading: reading, from: from, replyTo: replyTo)
        consume(try? JSONEncoder().encode(plan).count)
        if let kind = reading.kind, let blank = blanks[kind] {
            consume(FormPrefill.fill(blank: blank, kind: kind, fields: reading.fields).utf8.count)
        }
    }

    /// One input, as libFuzzer hands it over.
    static func one(_ bytes: [UInt8]) {
        let reader = FormReader()

        // 1. The bytes as the text of a body (invalid UTF-8 is repaired, as the pipeline does).
        let text = String(decoding: bytes, as: UTF8.self)
        exercise(reader.read(text: text), from: [], replyTo: [], messageClass: .human)

        // 2. The bytes as a message: body choice, HTML→text, attachments (.txt, .docx), RSVP.
        let message = Message.parse(bytes)
        let classifier = Classifier(ownAddresses: ["intake@example.test"])
        let reading = reader.read(message, invitationIDs: ["inv-1@example.test"])
        exercise(reading, from: message.from, replyTo: message.replyTo,
                 messageClass: classifier.classify(message))

        // 3. ZIP-looking bytes as a .docx attachment of an otherwise plain message.
        if bytes.count > 4, bytes[0] == 0x50, bytes[1] == 0x4B {
            var raw = Array("From: a@example.test\r\nSubject: form\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attachment\r\n--b\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name=f.docx\r\nContent-Disposition: attachment; filename=f.docx\r\nContent-Transfer-Encoding: base64\r\n\r\n".utf8)
            raw += Array(Data(bytes).base64EncodedString(options: .lineLength76Characters).utf8)
            raw += Array("\r\n--b--\r\n".utf8)
            let wrapped = Message.parse(raw)
            exercise(reader.read(wrapped), from: wrapped.from, replyTo: wrapped.replyTo, messageClass: .human)
        }
    }
}

#if !FUZZ_REPLAY
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzForms(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FormsFuzz.one(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#endif
