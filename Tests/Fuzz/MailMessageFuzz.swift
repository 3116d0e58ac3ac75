// libFuzzer harness for the MIME parser (issue 3). Not a SwiftPM target: `scripts/fuzz mime N`
// compiles it with Sources/MailMessage/*.swift in one module via `swiftc -sanitize=fuzzer`.
// Input: arbitrary bytes as a raw message. Output: nothing; a crash, a sanitizer report,
// a timeout or an out-of-memory is the finding. Every accessor is touched so that lazily
// computed views (body choice, HTML→text, attachments, addresses, dates, classification)
// run on every input, not only the eager parse.
// `swift test` compiles this file too (FuzzReplayTests, FUZZ_REPLAY defined: no libFuzzer entry)
// and feeds every regressions/mime-* fixture to `MIMEFuzz.one`.

import Foundation
import MailMessage

enum MIMEFuzz {
    /// Keeps the optimizer from dropping accessor results whose value is otherwise unused.
    @inline(never)
    static func consume<T>(_ value: T) {
        withExtendedLifetime(value) {}
    }

    @inline(never)
    static func exercise(_ message: Message, depth: Int) {
        consume(message.textBody.utf8.count)
        consume(message.htmlText?.utf8.count)
        for attachment in message.attachments {
            consume(attachment.data.count)
            consume(attachment.text?.utf8.count)
            consume(attachment.filename)
        }
        consume(message.from.map(\.normalized))
        consume(message.replyTo)
        consume(message.to)
        consume(message.cc)
        consume(message.subject)
        consume(message.messageID)
        consume(message.inReplyTo)
        consume(message.references)
        consume(message.date)
        consume(message.defects.count)
        consume(message.headers(named: "Received").count)
        consume(message.autoSubmitted)
        consume(message.authenticationResults.map { $0.result(for: "dkim") })
        consume(message.deliveryReport?.failedRecipients)
        let classifier = Classifier(ownAddresses: ["intake@example.test"])
        consume(classifier.classify(message))
        // What `internships parse --json` prints: the summary and its JSON encoding.
        let summary = MessageSummary(message, classifier: classifier)
        consume(try? JSONEncoder().encode(summary).count)
        // Forwards nest; limits in the parser bound the depth, this bound keeps the harness honest.
        if depth < 8 {
            for inner in message.embeddedMessages {
                exercise(inner, depth: depth + 1)
            }
        }
    }

    /// One input, as libFuzzer hands it over.
    static func one(_ bytes: [UInt8]) {
        exercise(Message.parse(bytes), depth: 0)
    }
}

#if !FUZZ_REPLAY
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMailMessage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    MIMEFuzz.one(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#endif
