import Foundation
import Testing
@testable import MailMessage

// Header injection: no value may start a header of its own or end the header section.

@Suite struct GeneratorInjectionTests {
    static let hostile: [String] = [
        "x\r\nBcc: victim@example.test",
        "x\nX: y",
        "x\rX: y",
        "x\r\n\r\nbody",
        "x\0y",
        "x\u{2028}X: y",
        "x\u{2029}X: y",
        "x\u{0085}X: y",
        "x\u{0B}\u{0C}\u{1B}\u{7F}y",
        "x\r\n Bcc: folded@example.test",
        "Тема\r\nBcc: victim@example.test",
        "=?UTF-8?B?DQpCY2M6IHZpY3RpbUBleGFtcGxlLnRlc3Q=?=",  // an encoded word holding CRLF Bcc
    ]

    enum Place: String, CaseIterable, Sendable {
        case subject, fromName, toName, filename, extraValue, parameterValue
    }

    static func message(_ value: String, in place: Place) -> OutgoingMessage {
        var message = GeneratorFixtures.message(subject: "ok", attachments: [
            OutgoingAttachment(filename: "a.txt", contentType: "text/plain", data: [65])])
        switch place {
        case .subject: message.subject = value
        case .fromName: message.from.name = value
        case .toName: message.to[0].name = value
        case .filename: message.attachments[0].filename = value
        case .extraValue: message.extraHeaders.append(OutgoingHeader(name: "X-Internships-Loop", value: value))
        case .parameterValue: message.attachments[0].parameters = [.init(name: "x-note", value: value)]
        }
        return message
    }

    /// Header field names of every entity: top level and each MIME part.
    static func allFieldNames(_ bytes: [UInt8]) -> [[String]] {
        let text = String(decoding: bytes, as: UTF8.self)
        var sections: [[String]] = []
        let top = GeneratorWireReport(bytes)
        sections.append(top.fields.map { $0.0 })
        // Part headers follow each delimiter line up to the first empty line.
        let lines = text.components(separatedBy: "\r\n")
        var i = 0
        while i < lines.count {
            if lines[i].hasPrefix("--=_ia_") && !lines[i].hasSuffix("--") {
                var names: [String] = []
                i += 1
                while i < lines.count && !lines[i].isEmpty {
                    if lines[i].first != " " && lines[i].first != "\t" {
                        names.append(String(lines[i].prefix { $0 != ":" }))
                    }
                    i += 1
                }
                sections.append(names)
            }
            i += 1
        }
        return sections
    }

    @Test(arguments: hostile, Place.allCases)
    func valuesCannotStartHeaders(value: String, place: Place) throws {
        let clean = try Self.allFieldNames(Self.message("clean", in: place).generate())
        let bytes = try Self.message(value, in: place).generate()
        let report = GeneratorWireReport(bytes)
        #expect(report.bareCR == 0 && report.bareLF == 0)
        #expect(!bytes.contains(0))
        // Same header fields in every entity as with a harmless value: nothing added, and the
        // header section did not end early (that would drop fields).
        #expect(Self.allFieldNames(bytes) == clean)
        #expect(!report.fields.contains { $0.0.caseInsensitiveCompare("Bcc") == .orderedSame })
    }

    @Test(arguments: hostile)
    func encodedSubjectsDecodeWithoutLineBreaks(value: String) throws {
        let bytes = try Self.message(value, in: .subject).generate()
        let subject = try #require(GeneratorWireReport(bytes).fields.first { $0.0 == "Subject" }?.1)
        for word in subject.split(separator: " ") where word.hasPrefix("=?UTF-8?B?") {
            let payload = word.dropFirst(10).dropLast(2)
            let decoded = try #require(Data(base64Encoded: String(payload)))
            #expect(!decoded.contains(13) && !decoded.contains(10) && !decoded.contains(0))
        }
    }

    @Test(arguments: [
        "victim@example.test\r\nBcc: x@example.test",
        "a@example.test\n",
        "<a@example.test>",
        "a@example.test>, b@example.test",
        "a,b@example.test",
        "a b@example.test",
        "a@exa mple.test",
        "ива@example.test",
        "a@",
        "@example.test",
        "a..b@example.test",
        "a@example..test",
        "a@-example.test",
        "",
        "a\0@example.test",
        "\"quoted\"@example.test",
    ])
    func invalidAddressesAreRefused(address: String) {
        #expect(!Address(address: address).isValidForSending)
        for place in ["From", "To", "Cc", "Reply-To"] {
            var message = GeneratorFixtures.message()
            switch place {
            case "From": message.from = Address(name: "x", address: address)
            case "To": message.to = [Address(address: address)]
            case "Cc": message.cc = [Address(address: address)]
            default: message.replyTo = [Address(address: address)]
            }
            #expect(throws: OutgoingMessageError.self) { try message.generate() }
            do {
                _ = try message.generate()
            } catch {
                if case let .invalidAddress(field, written) = error {
                    #expect(field == place)
                    #expect(!written.contains("\r") && !written.contains("\n"))
                } else {
                    Issue.record("wrong error \(error)")
                }
            }
        }
    }

    @Test(arguments: [
        "ivan@example.test", "Ivan.Petrov+intake@mail.example.test", "a@b", "o'neil@example.test",
        "x_y-z@sub-domain.example.test",
    ])
    func validAddressesAreAccepted(address: String) throws {
        #expect(Address(address: address).isValidForSending)
        var message = GeneratorFixtures.message()
        message.to = [Address(address: address)]
        let fields = GeneratorWireReport(try message.generate()).fields
        #expect(fields.first { $0.0 == "To" }?.1 == " " + address)
    }

    @Test(arguments: [
        ("id\r\nBcc: v@example.test@x", false), ("a@b\r\n", false), ("<a@b>", false), ("a b@c", false),
        ("a@b", true), ("CAF=x1+y@mail.gmail.com", true), ("no-at-sign", false), ("a@b@c", false),
        (String(repeating: "a", count: 250) + "@b", false), ("", false), (".a@b", false),
    ])
    func messageIDsAreValidatedEverywhere(id: String, valid: Bool) {
        #expect(OutgoingMessage.isValidMessageID(id) == valid)
        for field in ["Message-ID", "In-Reply-To", "References"] {
            var message = GeneratorFixtures.message()
            switch field {
            case "Message-ID": message.messageID = id
            case "In-Reply-To": message.inReplyTo = [id]
            default: message.references = ["ok@example.test", id]
            }
            let result = Result { () throws(OutgoingMessageError) in try message.generate() }
            switch result {
            case .success: #expect(valid, "\(field) accepted \(id.debugDescription)")
            case let .failure(error): #expect(!valid && error == .invalidMessageID(field: field, id: Generator.sanitized(id)))
            }
        }
    }

    @Test(arguments: [
        ("internships.example.test", "outbox-17.r2", "outbox-17.r2@internships.example.test"),
        ("example.test", "a", "a@example.test"),
    ])
    func makeMessageIDKeepsPlainKeys(domain: String, unique: String, want: String) throws {
        #expect(try OutgoingMessage.makeMessageID(domain: domain, unique: unique) == want)
    }

    @Test(arguments: ["заявка 17", "a\r\nb", "h.x", "..", String(repeating: "z", count: 500), "a b"])
    func makeMessageIDHashesOtherKeys(unique: String) throws {
        let id = try OutgoingMessage.makeMessageID(domain: "example.test", unique: unique)
        #expect(OutgoingMessage.isValidMessageID(id))
        #expect(id.hasPrefix("h.") && id.count == 2 + 32 + 13)
        #expect(try OutgoingMessage.makeMessageID(domain: "example.test", unique: unique) == id)
        #expect(try OutgoingMessage.makeMessageID(domain: "example.test", unique: unique + "1") != id)
    }

    @Test(arguments: ["", "exa mple.test", "example.test\r\nBcc: x", "пример.рф", "-a.test", "a..b"])
    func makeMessageIDRefusesBadDomains(domain: String) {
        #expect(throws: OutgoingMessageError.invalidDomain(domain)) {
            try OutgoingMessage.makeMessageID(domain: domain, unique: "x")
        }
    }

    // Programming errors trap with a sentence (exit tests run the body in a child process).
    @Test func invalidHeaderNameTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = OutgoingHeader(name: "X-Bad\r\nBcc", value: "x")
        }
    }

    @Test func reservedHeaderNameTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = OutgoingHeader(name: "bcc", value: "x@example.test")
        }
    }

    @Test func invalidContentTypeTraps() async {
        await #expect(processExitsWith: .failure) {
            let message = GeneratorFixtures.message(attachments: [
                OutgoingAttachment(filename: "a", contentType: "text/plain\r\nBcc: x", data: [])])
            _ = try? message.generate()
        }
    }

    @Test(arguments: [("X-Ok", true), ("Bad Name", false), ("Bad:Name", false), ("Имя", false), ("", false),
                      ("X\r\nY", false), (String(repeating: "X", count: 77), false),
                      (".X", false), ("X.Y", true), (String(repeating: "X", count: 76), true)])
    func headerNamesAreFtext(name: String, valid: Bool) {
        #expect(OutgoingHeader.isValidName(name) == valid)
    }
}
