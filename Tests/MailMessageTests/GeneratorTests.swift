import Foundation
import Testing
@testable import MailMessage

// Shared fixtures and wire checks for the generator tests.

enum GeneratorFixtures {
    static let perm = TimeZone(identifier: "Asia/Yekaterinburg") ?? TimeZone(secondsFromGMT: 5 * 3600)!
    /// 2026-11-29 09:06:43 +0500.
    static let date = Date(timeIntervalSince1970: 1_795_925_203)

    static let calendarText = """
        BEGIN:VCALENDAR
        PRODID:-//internships//RU
        VERSION:2.0
        METHOD:REQUEST
        BEGIN:VEVENT
        UID:invite-42@internships.example.test
        DTSTAMP:20261129T040643Z
        DTSTART:20261205T050000Z
        DTEND:20261205T070000Z
        SUMMARY:Собеседование: стажировка в НКО «Пермский край»
        ORGANIZER;CN=Координатор:mailto:coordinator@example.test
        ATTENDEE;RSVP=TRUE;CN=Иван Петров:mailto:applicant1@example.test
        END:VEVENT
        END:VCALENDAR
        """

    static func message(
        subject: String = "Заявка принята",
        from: Address = Address(name: "Стажировки НКО", address: "intake@example.test"),
        to: [Address] = [Address(name: "Иван Петров", address: "applicant1@example.test")],
        text: String = "Здравствуйте!\nВаша заявка принята.\n",
        html: String? = nil, calendar: OutgoingCalendar? = nil,
        attachments: [OutgoingAttachment] = [], extra: [OutgoingHeader] = []
    ) -> OutgoingMessage {
        OutgoingMessage(
            from: from, to: to, cc: [Address(address: "coordinator@example.test")],
            replyTo: [Address(address: "intake@example.test")],
            subject: subject, messageID: "a1.b2@internships.example.test",
            date: date, timeZone: perm,
            inReplyTo: ["CAF=x1@mail.gmail.com"],
            references: ["first@example.test", "CAF=x1@mail.gmail.com"],
            extraHeaders: [OutgoingHeader(name: "Auto-Submitted", value: "auto-replied")] + extra,
            textBody: text, htmlBody: html, calendar: calendar, attachments: attachments)
    }

    /// A varied table: ASCII, Russian, emoji, HTML, calendar, attachments, long values.
    static let table: [(String, OutgoingMessage)] = [
        ("ascii", message(subject: "Your application", text: "Hello.\nThanks.\n")),
        ("russian", message()),
        ("emoji", message(subject: "Приглашение 🎉👩‍💻 на стажировку", text: "Ура 🎉\nЖдём вас 👩‍💻\n")),
        ("long russian subject", message(subject: String(repeating: "Очень длинная тема письма ", count: 12))),
        ("html", message(html: "<p>Здравствуйте!</p>\n<p>Ваша заявка <b>принята</b>.</p>")),
        ("calendar", message(subject: "Приглашение на собеседование", html: "<p>Приглашение</p>",
                             calendar: OutgoingCalendar(text: calendarText))),
        ("attachments", message(attachments: [
            OutgoingAttachment(filename: "Анкета участника программы стажировок 2026 (итоговая версия).docx",
                               contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                               data: Array(0...255) + Array(0...255)),
            OutgoingAttachment(filename: "notes.txt", contentType: "text/plain",
                               parameters: [.init(name: "charset", value: "UTF-8")],
                               data: Array("Заметки\r\n.\r\nFrom here\r\n".utf8)),
        ])),
        ("everything", message(subject: "Re: [Стажировки] Итоги отбора — 2026", html: "<p>Итоги</p>",
                               calendar: OutgoingCalendar(text: calendarText, attachmentFilename: "приглашение.ics"),
                               attachments: [OutgoingAttachment(filename: "итоги.pdf", contentType: "application/pdf",
                                                                data: Array(repeating: 0x25, count: 10_000))],
                               extra: [OutgoingHeader(name: "X-Internships-Loop", value: "campaign-2026"),
                                       OutgoingHeader(name: "List-Unsubscribe",
                                                      value: "<mailto:intake@example.test?subject=unsubscribe>, <https://internships.example.test/unsub/0123456789abcdef>")])),
        ("dots and From", message(subject: "Точки", text: ".\n..\n.hidden\nFrom the coordinator\nFrom: x\n" + String(repeating: "a", count: 75) + ".tail\n")),
        ("empty text", message(subject: "", text: "")),
        ("many recipients", message(to: (1...12).map { Address(name: "Эксперт номер \($0)", address: "expert\($0)@example.test") })),
    ]
}

/// Wire-level facts about one generated message.
struct GeneratorWireReport {
    var lines: [[UInt8]] = []
    var bareCR = 0
    var bareLF = 0
    var nonASCII = 0
    var headerLines: [String] = []

    init(_ bytes: [UInt8]) {
        var line: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 13 {
                if i + 1 < bytes.count && bytes[i + 1] == 10 {
                    lines.append(line)
                    line = []
                    i += 2
                    continue
                }
                bareCR += 1
            } else if b == 10 {
                bareLF += 1
            } else if b >= 128 {
                nonASCII += 1
            }
            line.append(b)
            i += 1
        }
        if !line.isEmpty { lines.append(line) }
        for line in lines {
            if line.isEmpty { break }
            headerLines.append(String(decoding: line, as: UTF8.self))
        }
    }

    /// Top-level header fields, unfolded, as (name, value).
    var fields: [(String, String)] {
        var out: [(String, String)] = []
        for line in headerLines {
            if line.first == " " || line.first == "\t" {
                if !out.isEmpty { out[out.count - 1].1 += line }
            } else if let colon = line.firstIndex(of: ":") {
                out.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            } else {
                out.append((line, ""))
            }
        }
        return out
    }
}

@Suite struct GeneratorWireTests {
    @Test(arguments: GeneratorFixtures.table)
    func everyMessageIsCleanOnTheWire(name: String, message: OutgoingMessage) throws {
        let bytes = try message.generate()
        let report = GeneratorWireReport(bytes)
        #expect(report.bareCR == 0, "bare CR in \(name)")
        #expect(report.bareLF == 0, "bare LF in \(name)")
        #expect(report.nonASCII == 0, "8-bit byte in \(name)")
        #expect(bytes.suffix(2) == [13, 10], "\(name) does not end with CRLF")
        let longest = report.lines.map(\.count).max() ?? 0
        #expect(longest <= 998)
        // Every line here has a folding point, so the preferred limits hold everywhere:
        // headers ≤ 78, bodies ≤ 76.
        for line in report.lines where line.count > 78 {
            Issue.record("\(name): a line of \(line.count): \(String(decoding: line, as: UTF8.self))")
        }
        for line in report.lines {
            #expect(line.first != UInt8(ascii: "."), "\(name): line starts with a dot")
            #expect(!line.starts(with: Array("From ".utf8)), "\(name): line starts with From")
        }
        let names = report.fields.map { $0.0.lowercased() }
        for required in ["date", "from", "to", "subject", "message-id", "mime-version", "content-type"] {
            #expect(names.filter { $0 == required }.count == 1, "\(name): \(required) not exactly once")
        }
        #expect(try message.generate() == bytes, "\(name): not deterministic")
    }

    @Test func singlePartShape() throws {
        let bytes = try GeneratorFixtures.message(subject: "Hi", text: "Hello\n").generate()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("Date: Sun, 29 Nov 2026 09:06:43 +0500\r\n"))
        #expect(text.contains("\r\nSubject: Hi\r\n"))
        #expect(text.contains("\r\nMessage-ID: <a1.b2@internships.example.test>\r\n"))
        #expect(text.contains("\r\nIn-Reply-To: <CAF=x1@mail.gmail.com>\r\n"))
        #expect(text.contains("\r\nReferences: <first@example.test> <CAF=x1@mail.gmail.com>\r\n"))
        #expect(text.contains("\r\nAuto-Submitted: auto-replied\r\n"))
        #expect(text.contains("\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nHello\r\n"))
        #expect(!text.contains("multipart"))
    }

    @Test(arguments: [
        // (date, zone, want)
        (Date(timeIntervalSince1970: 0), "UTC", "Thu, 01 Jan 1970 00:00:00 +0000"),
        (Date(timeIntervalSince1970: 1.9), "UTC", "Thu, 01 Jan 1970 00:00:01 +0000"),  // truncated, not rounded
        (Date(timeIntervalSince1970: 1_795_925_203), "Asia/Yekaterinburg", "Sun, 29 Nov 2026 09:06:43 +0500"),
        (Date(timeIntervalSince1970: 1_795_925_203), "America/St_Johns", "Sun, 29 Nov 2026 00:36:43 -0330"),
        (Date(timeIntervalSince1970: 1_782_000_000), "Europe/Moscow", "Sun, 21 Jun 2026 03:00:00 +0300"),
    ])
    func datesAreRFC5322(date: Date, zone: String, want: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        #expect(Generator.rfc5322Date(date, in: timeZone) == want)
    }

    @Test func calendarInvitationStructure() throws {
        let message = GeneratorFixtures.message(html: "<p>x</p>", calendar: OutgoingCalendar(text: GeneratorFixtures.calendarText))
        let report = GeneratorWireReport(try message.generate())
        let text = report.lines.map { String(decoding: $0, as: UTF8.self) }
        let contentTypes = text.enumerated().filter { $0.element.hasPrefix("Content-Type:") }.map { $0.element }
        #expect(contentTypes.count == 6)
        #expect(contentTypes[0].hasPrefix("Content-Type: multipart/mixed;"))
        #expect(contentTypes[1].hasPrefix("Content-Type: multipart/alternative;"))
        #expect(contentTypes[2] == "Content-Type: text/plain; charset=UTF-8")
        #expect(contentTypes[3] == "Content-Type: text/html; charset=UTF-8")
        #expect(contentTypes[4] == "Content-Type: text/calendar; method=REQUEST; charset=UTF-8")
        #expect(contentTypes[5] == "Content-Type: application/ics; name=invite.ics")
        #expect(text.contains("Content-Disposition: attachment; filename=invite.ics"))
    }

    @Test(arguments: [
        ("english", "Hello, this is a plain English body.\nSecond line.\n", "quoted-printable"),
        ("russian", String(repeating: "Здравствуйте, ваша заявка принята.\n", count: 5), "base64"),
        ("mostly ascii", "Dear applicant, see https://example.test/form — thanks!\n", "quoted-printable"),
    ])
    func transferEncodingIsTheSmaller(name: String, body: String, want: String) throws {
        let text = String(decoding: try GeneratorFixtures.message(text: body).generate(), as: UTF8.self)
        #expect(text.contains("Content-Transfer-Encoding: \(want)\r\n"), "\(name)")
    }

    @Test func fiveMegabyteAttachmentLinesAndBytes() throws {
        var state: UInt64 = 42
        let data: [UInt8] = (0..<(5 * 1024 * 1024)).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let message = GeneratorFixtures.message(attachments: [
            OutgoingAttachment(filename: "big.bin", contentType: "application/octet-stream", data: data)])
        let bytes = try message.generate()
        let report = GeneratorWireReport(bytes)
        #expect(report.lines.allSatisfy { $0.count <= 76 })
        #expect(report.bareCR == 0 && report.bareLF == 0)
        // The base64 block: the lines after the attachment's blank line up to the delimiter.
        let text = report.lines.map { String(decoding: $0, as: UTF8.self) }
        let start = try #require(text.firstIndex(of: "Content-Disposition: attachment; filename=big.bin"))
        let end = try #require(text[start...].firstIndex { $0.hasPrefix("--=_ia_") })
        let base64 = text[(start + 2)..<end].joined()
        #expect(Data(base64Encoded: base64).map(Array.init) == data)
    }

    @Test func foldedHeadersUnfoldToTheValue() throws {
        let subject = (1...30).map { "word\($0)" }.joined(separator: " ")
        let recipients = (1...10).map { Address(name: "Expert \($0)", address: "expert\($0)@example.test") }
        let report = GeneratorWireReport(try GeneratorFixtures.message(subject: subject, to: recipients).generate())
        #expect(report.headerLines.allSatisfy { $0.utf8.count <= 78 })
        let fields = Dictionary(report.fields.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        #expect(fields["Subject"] == " " + subject)
        #expect(fields["To"] == " " + (1...10).map { "Expert \($0) <expert\($0)@example.test>" }.joined(separator: ", "))
        #expect(report.headerLines.filter { $0.hasPrefix(" ") }.count >= 4, "nothing was folded")
    }

    @Test func veryLongWordStaysUnder998() throws {
        let word = String(repeating: "x", count: 2_000)
        let report = GeneratorWireReport(try GeneratorFixtures.message(subject: "see \(word)").generate())
        #expect(report.lines.allSatisfy { $0.count <= 998 })
        #expect(report.headerLines.contains { $0.contains("=?UTF-8?B?") }, "an over-long word must be encoded")
    }

    @Test func boundaryAvoidsContent() throws {
        let hash: UInt64 = 0x1234
        let first = Generator.boundaryCandidate(hash: hash, attempt: 0)
        let part = Array("text --\(first) more".utf8)
        let chosen = Generator.firstAbsentBoundary(startingAt: hash, parts: [part])
        #expect(chosen != first)
        #expect(!Generator.contains(part, Array("--\(chosen)".utf8)))
        #expect(Generator.firstAbsentBoundary(startingAt: hash, parts: [Array("clean".utf8)]) == first)
    }

    @Test func nestedBoundariesDiffer() throws {
        let bytes = try GeneratorFixtures.message(html: "<p>x</p>", attachments: [
            OutgoingAttachment(filename: "a.txt", contentType: "text/plain", data: [65])]).generate()
        let text = String(decoding: bytes, as: UTF8.self)
        let boundaries = text.components(separatedBy: "boundary=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(boundaries.count == 2)
        #expect(Set(boundaries).count == 2)
    }

    @Test func envelopeRecipientsAreToThenCcWithoutDuplicates() {
        var message = GeneratorFixtures.message()
        message.cc = [Address(address: "Applicant1@example.test"), Address(address: "x@example.test")]
        #expect(message.envelopeRecipients == ["applicant1@example.test", "x@example.test"])
    }
}
