import Foundation
import Testing
@testable import MailMessage

// parse(generate(m)) gives m back on every observable field, through the project's own
// parser (`Message.parse`).

@Suite struct GeneratorRoundTripTests {
    /// What a reader should see of an outgoing message.
    struct Observed: Equatable, CustomStringConvertible {
        var from: [Address]
        var to: [Address]
        var cc: [Address]
        var replyTo: [Address]
        var subject: String?
        var messageID: String?
        var inReplyTo: [String]
        var references: [String]
        var date: Date?
        var textBody: String
        var hasHTML: Bool
        var attachments: [File]
        var extra: [String: String]

        struct File: Equatable {
            var filename: String?
            var contentType: String
            var data: [UInt8]
        }

        var description: String {
            "from=\(from) to=\(to) cc=\(cc) replyTo=\(replyTo) subject=\(subject.debugDescription) id=\(messageID.debugDescription) inReplyTo=\(inReplyTo) references=\(references) date=\(date.map { "\($0)" } ?? "nil") text=\(textBody.debugDescription) html=\(hasHTML) attachments=\(attachments.map { ($0.filename, $0.contentType, $0.data.count) }) extra=\(extra)"
        }
    }

    /// The outgoing side: values as the generator promises to write them (control
    /// characters as spaces, outer whitespace trimmed, display-name whitespace collapsed,
    /// text line ends LF with a final one, the calendar file with CRLF).
    static func expected(_ m: OutgoingMessage) -> Observed {
        func name(_ address: Address) -> Address {
            let phrase = Generator.phrase(address.name)
            let text: String? = switch phrase {
            case .none: nil
            case let .atoms(atoms): atoms.count == 1 && atoms[0].hasPrefix("\"")
                ? Generator.trimmedWSP(Generator.sanitized(address.name ?? "")).split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
                : atoms.joined(separator: " ")
            case let .encoded(text): text
            }
            return Address(name: text, address: address.address)
        }
        var files = m.attachments.map {
            Observed.File(filename: $0.filename.map(Generator.safeFilename).flatMap { $0.isEmpty ? nil : $0 },
                          contentType: $0.contentType.lowercased(), data: $0.data)
        }
        if let calendar = m.calendar, let filename = calendar.attachmentFilename {
            files.insert(.init(filename: filename, contentType: "application/ics",
                               data: Generator.crlfBytes(calendar.text)), at: 0)
        }
        return Observed(
            from: [name(m.from)], to: m.to.map(name), cc: m.cc.map(name), replyTo: m.replyTo.map(name),
            subject: Generator.trimmedWSP(Generator.sanitized(m.subject)),
            messageID: m.messageID, inReplyTo: m.inReplyTo, references: m.references,
            date: Date(timeIntervalSince1970: m.date.timeIntervalSince1970.rounded(.down)),
            textBody: Generator.normalizedText(m.textBody), hasHTML: m.htmlBody != nil,
            attachments: files,
            extra: Dictionary(m.extraHeaders.map { ($0.name, Generator.trimmedWSP(Generator.sanitized($0.value))) },
                              uniquingKeysWith: { first, _ in first }))
    }

    static func observed(_ parsed: Message, extraNames: [String]) -> Observed {
        Observed(
            from: parsed.from, to: parsed.to, cc: parsed.cc, replyTo: parsed.replyTo,
            subject: parsed.subject, messageID: parsed.messageID, inReplyTo: parsed.inReplyTo,
            references: parsed.references, date: parsed.date, textBody: parsed.textBody,
            hasHTML: parsed.htmlText != nil,
            attachments: parsed.attachments.map { .init(filename: $0.filename, contentType: $0.contentType, data: $0.data) },
            extra: Dictionary(extraNames.compactMap { n in parsed.header(n).map { (n, Message.trimmedHeaderText($0)) } },
                              uniquingKeysWith: { first, _ in first }))
    }

    static let table: [(String, OutgoingMessage)] = GeneratorFixtures.table + [
        ("display names", GeneratorFixtures.message(
            from: Address(name: "  O'Neil, \"Jr.\"  \\ x ", address: "intake@example.test"),
            to: [Address(name: "Константин Константинопольский-Щедрин Александрович 🇷🇺", address: "a@example.test"),
                 Address(name: "", address: "b@example.test"), Address(address: "c@example.test"),
                 Address(name: "Plain Name", address: "d@example.test"),
                 Address(name: "=?UTF-8?B?SGk=?=", address: "e@example.test")])),
        ("crlf text and html", GeneratorFixtures.message(text: "a\r\nb\rc\nd", html: "<p>a</p>\r\n<p>б</p>")),
        ("long ascii filename", GeneratorFixtures.message(attachments: [
            OutgoingAttachment(filename: String(repeating: "very-long-file-name-", count: 6) + ".csv",
                               contentType: "text/csv", data: Array("a;b\r\n1;2\r\n".utf8))])),
    ]

    @Test(arguments: table)
    func parseOfGenerateGivesTheMessageBack(name: String, message: OutgoingMessage) throws {
        let bytes = try message.generate()
        let parsed = Message.parse(bytes)
        #expect(parsed.defects.isEmpty, "\(name): \(parsed.defects)")
        let want = Self.expected(message)
        let got = Self.observed(parsed, extraNames: message.extraHeaders.map(\.name))
        Self.expectSame(got, want, name)
    }

    /// Field by field, so a failure says which one.
    static func expectSame(_ got: Observed, _ want: Observed, _ name: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        func check<T: Equatable>(_ field: String, _ a: T, _ b: T) {
            #expect(a == b, "\(name): \(field)", sourceLocation: sourceLocation)
        }
        check("from", got.from, want.from)
        check("to", got.to, want.to)
        check("cc", got.cc, want.cc)
        check("replyTo", got.replyTo, want.replyTo)
        check("subject", got.subject, want.subject)
        check("messageID", got.messageID, want.messageID)
        check("inReplyTo", got.inReplyTo, want.inReplyTo)
        check("references", got.references, want.references)
        check("date", got.date, want.date)
        check("textBody", got.textBody, want.textBody)
        check("hasHTML", got.hasHTML, want.hasHTML)
        check("attachments", got.attachments, want.attachments)
        check("extra", got.extra, want.extra)
    }

    @Test(arguments: GeneratorInjectionTests.hostile, GeneratorInjectionTests.Place.allCases)
    func hostileValuesRoundTripAsText(value: String, place: GeneratorInjectionTests.Place) throws {
        let message = GeneratorInjectionTests.message(value, in: place)
        let parsed = Message.parse(try message.generate())
        #expect(parsed.defects.isEmpty)
        #expect(parsed.headers(named: "Bcc").isEmpty && parsed.headers(named: "X").isEmpty)
        Self.expectSame(Self.observed(parsed, extraNames: message.extraHeaders.map(\.name)), Self.expected(message), "\(place)")
    }

    @Test func longRussianSubjectRoundTrips() throws {
        let subject = String((String(repeating: "Приглашение на собеседование по программе стажировок 2026 ", count: 6)).prefix(300))
        #expect(subject.count == 300)
        let parsed = Message.parse(try GeneratorFixtures.message(subject: subject).generate())
        #expect(parsed.subject == Generator.trimmedWSP(subject))
    }

    @Test func calendarPartIsReadable() throws {
        let message = GeneratorFixtures.message(html: "<p>x</p>", calendar: OutgoingCalendar(text: GeneratorFixtures.calendarText))
        let parsed = Message.parse(try message.generate())
        var calendars: [MIMEPart] = []
        parsed.root.walk { part, _ in
            if part.contentType == "text/calendar" { calendars.append(part) }
            return true
        }
        #expect(calendars.count == 1)
        #expect(calendars.first?.parameters["method"] == "REQUEST")
        #expect(calendars.first?.parameters["charset"]?.uppercased() == "UTF-8")
        #expect(calendars.first?.text == Generator.normalizedText(GeneratorFixtures.calendarText))
    }
}
