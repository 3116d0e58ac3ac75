import Foundation
import Testing
@testable import MailMessage

private func msg(_ s: String) -> Message { Message.parse(Array(s.utf8)) }

struct HeaderTests {
    @Test("folding, LF-only, obsolete WSP before colon")
    func folding() {
        let m = msg("Subject: a long\r\n  subject line\r\nX-Obs : value\nTo: a@b.test\n\nbody")
        #expect(m.subject == "a long  subject line")
        #expect(m.header("x-obs") == "value")
        #expect(m.textBody == "body")
        #expect(m.defects.isEmpty)
    }

    @Test("missing blank line: body starts at the first non-field line")
    func missingBlankLine() {
        let m = msg("Subject: hi\r\nFrom: a@b.test\r\nПривет, это тело\r\nвторая строка\r\n")
        #expect(m.subject == "hi")
        #expect(m.textBody.hasPrefix("Привет, это тело"))
        #expect(m.defects.map(\.code).contains("header.missing_blank_line"))
    }

    static let encodedWords: [(raw: String, want: String)] = [
        ("=?UTF-8?B?0J/RgNC40LLQtdGC?=", "Привет"),
        ("=?utf-8?q?=D0=9F=D1=80=D0=B8=D0=B2=D0=B5=D1=82_=D0=BC=D0=B8=D1=80?=", "Привет мир"),
        // adjacent words: whitespace between them dropped (RFC 2047 §6.2)
        ("=?UTF-8?B?0J/RgA==?= =?UTF-8?B?0LjQstC10YI=?=", "Привет"),
        // a multi-byte character split across two words
        ("=?UTF-8?Q?=D0?= =?UTF-8?Q?=9F=D1=80?=", "Пр"),
        ("=?windows-1251?B?z/Do4uXy?=", "Привет"),
        ("=?koi8-r?b?8NLJ18XU?=", "Привет"),
        ("=?x-cp1251?Q?=CF=F0=E8=E2=E5=F2?=", "Привет"),
        ("Re: =?UTF-8?B?0J/RgNC40LLQtdGC?= there", "Re: Привет there"),
        ("not =?encoded", "not =?encoded"),
        ("=?iso-2022-jp?B?GyRCJDMkcyRLJEEkTxsoQg==?=", "こんにちは"),
        // wrong label: UTF-8 bytes declared windows-1251
        ("=?windows-1251?B?0J/RgNC40LLQtdGC?=", "Привет"),
    ]

    @Test("RFC 2047 encoded words", arguments: encodedWords)
    func rfc2047(_ c: (raw: String, want: String)) {
        let m = msg("Subject: \(c.raw)\r\n\r\n")
        #expect(m.subject == c.want)
    }

    @Test("unknown charset label in an encoded word falls back with a defect")
    func unknownCharset() {
        let m = msg("Subject: =?x-bogus-cs?B?0J/RgNC40LLQtdGC?=\r\n\r\n")
        #expect(m.subject == "Привет")
        #expect(m.defects.map(\.code).contains("charset.unknown"))
    }

    static let raw8bit: [(bytes: [UInt8], want: String, defect: Bool)] = [
        (Array("Привет, мир".utf8), "Привет, мир", false),  // RFC 6532: UTF-8 headers are legal
        ([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2, 0x2C, 0x20, 0xEC, 0xE8, 0xF0], "Привет, мир", true),  // cp1251
        ([0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4, 0x2C, 0x20, 0xCD, 0xC9, 0xD2], "Привет, мир", true),  // koi8-r
    ]

    @Test("raw 8-bit headers: UTF-8, else cp1251, else koi8-r", arguments: raw8bit)
    func raw8bitHeaders(_ c: (bytes: [UInt8], want: String, defect: Bool)) {
        let m = Message.parse(Array("Subject: ".utf8) + c.bytes + Array("\r\n\r\n".utf8))
        #expect(m.subject == c.want)
        #expect(m.defects.map(\.code).contains("header.raw_8bit") == c.defect)
    }

    static let addressCases: [(raw: String, want: [Address])] = [
        ("Иван Петров <ivan@mail.ru>", [Address(name: "Иван Петров", address: "ivan@mail.ru")]),
        ("\"Petrov, Ivan\" <ivan@x.test>, b@y.test", [Address(name: "Petrov, Ivan", address: "ivan@x.test"),
                                                    Address(address: "b@y.test")]),
        ("=?UTF-8?B?0JjQstCw0L0=?= <ivan@x.test>", [Address(name: "Иван", address: "ivan@x.test")]),
        ("undisclosed-recipients:;", []),
        ("team: a@x.test, \"B\" <b@x.test>;, c@x.test", [Address(address: "a@x.test"),
                                                       Address(name: "B", address: "b@x.test"),
                                                       Address(address: "c@x.test")]),
        ("ivan@x.test (Иван Петров)", [Address(name: "Иван Петров", address: "ivan@x.test")]),
        ("Иван ivan@x.test", [Address(name: "Иван", address: "ivan@x.test")]),
        ("<@relay.test:user@x.test>", [Address(address: "user@x.test")]),
        ("MAILER-DAEMON@mx.test (Mail Delivery System)",
         [Address(name: "Mail Delivery System", address: "MAILER-DAEMON@mx.test")]),
        ("\"=?koi8-r?B?8NLJ18XU?=\" <p@x.test>", [Address(name: "Привет", address: "p@x.test")]),
    ]

    @Test("addresses", arguments: addressCases)
    func addresses(_ c: (raw: String, want: [Address])) {
        let m = msg("To: \(c.raw)\r\n\r\n")
        #expect(m.to == c.want)
    }

    static let dateCases: [(raw: String, want: String?)] = [
        ("Mon, 15 Sep 2023 10:20:30 +0300", "2023-09-15T07:20:30Z"),
        ("15 Sep 2023 10:20 +0500", "2023-09-15T05:20:00Z"),
        ("Fri, 5 Sep 23 10:20:30 MSK", "2023-09-05T07:20:30Z"),
        ("Tue, 1 Oct 2024 12:00:00 +0300 (MSK)", "2024-10-01T09:00:00Z"),
        ("Tue, 1 Oct 2024 12:00:00 (MSK)", "2024-10-01T09:00:00Z"),
        ("Tue, 01 Oct 2024 12:00:00 GMT+3", "2024-10-01T09:00:00Z"),
        ("Wed, 02 Oct 96 08:00:00 EST", "1996-10-02T13:00:00Z"),
        ("Thu, 29 Feb 2024 23:59:59 -0000", "2024-02-29T23:59:59Z"),
        ("вчера вечером", nil),
        ("", nil),
    ]

    @Test("dates", arguments: dateCases)
    func dates(_ c: (raw: String, want: String?)) {
        let m = msg("Date: \(c.raw)\r\n\r\n")
        let f = ISO8601DateFormatter()
        #expect(m.date.map { f.string(from: $0) } == c.want)
        if c.want == nil { #expect(m.defects.map(\.code).contains("date.invalid")) }
    }

    @Test("Message-ID, In-Reply-To, References, Reply-To, Auto-Submitted")
    func ids() {
        let m = msg("""
            Message-ID: <abc.123@mail.example.test>\r
            In-Reply-To: <x1@a.test>\r
            References: <x0@a.test>\r
             <x1@a.test>\r
            Reply-To: Coordinator <coord@example.test>\r
            Auto-Submitted: auto-replied; owner-email="x@y"\r
            \r

            """)
        #expect(m.messageID == "abc.123@mail.example.test")
        #expect(m.inReplyTo == ["x1@a.test"])
        #expect(m.references == ["x0@a.test", "x1@a.test"])
        #expect(m.replyTo == [Address(name: "Coordinator", address: "coord@example.test")])
        #expect(m.autoSubmitted == "auto-replied")
    }

    @Test("Authentication-Results (RFC 8601)")
    func authResults() {
        let m = msg("""
            Authentication-Results: mx.example.test; dkim=pass header.d=mail.ru header.s=mail4;\r
             spf=pass (mx.example.test: domain of x@mail.ru designates 1.2.3.4) smtp.mailfrom=x@mail.ru;\r
             dmarc=fail reason="policy" header.from=mail.ru\r
            \r

            """)
        let ar = m.authenticationResults
        #expect(ar.count == 1)
        #expect(ar.first?.authservID == "mx.example.test")
        #expect(ar.first?.result(for: "dkim") == "pass")
        #expect(ar.first?.result(for: "spf") == "pass")
        #expect(ar.first?.result(for: "dmarc") == "fail")
        #expect(ar.first?.results.last?.reason == "policy")
        #expect(ar.first?.results.first?.properties["header.d"] == "mail.ru")
    }
}
