// Table tests for the pieces under the parser: HTML to text, format=flowed, transfer
// encodings, RFC 2231, charsets, body selection and classification.

import Foundation
import Testing
@testable import MailMessage

private func msg(_ s: String) -> Message { Message.parse(Array(s.utf8)) }

struct HTMLTextTests {
    static let cases: [(html: String, want: String)] = [
        ("<p>Один</p><p>Два</p>", "Один\n\nДва"),
        ("строка<br>вторая<br/>третья", "строка\nвторая\nтретья"),
        ("<ul><li>а</li><li>б</li></ul>", "- а\n- б"),
        ("<ol><li>первый<li>второй</ol>", "1. первый\n2. второй"),
        ("<table><tr><td>ФИО:</td><td>Петров</td></tr><tr><th>ИНН</th><td>5902</td><td></td></tr></table>",
         "ФИО: Петров\nИНН: 5902"),
        ("a&nbsp;b &amp; c &lt;d&gt; &quot;e&quot; &#1071; &#x44F; &laquo;ё&raquo; &hellip;",
         "a b & c <d> \"e\" Я я «ё» …"),
        ("<style>p{x:y}</style><script>var a='<p>';</script><p>видно</p>", "видно"),
        ("<html><head><title>T</title></head><body>тело</body></html>", "тело"),
        ("до<!-- скрыто -->после", "допосле"),
        ("<pre>  a\n    b</pre>", "  a\n    b"),
        ("<div>x</div><div>&nbsp;</div><div>y</div>", "x\n\ny"),
        ("text   with\n\n spaces", "text with spaces"),
        ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
        ("AT&T &unknown; &", "AT&T &unknown; &"),
        ("<blockquote>цитата</blockquote>ответ", "цитата\n\nответ"),
        ("<p class=MsoNormal>a<o:p></o:p></p><p class=MsoNormal>b</p>", "a\nb"),
        ("<table><tr><td><p>ФИО</p></td><td><p>Иванов</p><p>Иван</p></td></tr><tr><td>x<br>y</td></tr></table>",
         "ФИО: Иванов Иван\nx y"),
        ("<div>a</div><div><br></div><div>b</div>", "a\n\nb"),
    ]

    @Test("HTML to readable text", arguments: cases)
    func html(_ c: (html: String, want: String)) {
        #expect(HTMLText.text(fromHTML: c.html) == c.want)
    }
}

struct FormatFlowedTests {
    static let cases: [(text: String, delSp: Bool, want: String)] = [
        ("Hello \nworld\n", false, "Hello world\n"),
        ("Hel \nlo\n", true, "Hello\n"),
        ("> quoted \n> text\nreply\n", false, "> quoted text\nreply\n"),
        ("a \n> b\n", false, "a \n> b\n"),  // a quote-depth change ends the paragraph
        (" From stuffed\n", false, "From stuffed\n"),
        ("sig follows\n-- \nName\n", false, "sig follows\n-- \nName\n"),
        ("fixed\nlines\n", false, "fixed\nlines\n"),
    ]

    @Test("format=flowed unwrapping (RFC 3676)", arguments: cases)
    func flowed(_ c: (text: String, delSp: Bool, want: String)) {
        #expect(FormatFlowed.unwrap(c.text, delSp: c.delSp) == c.want)
    }
}

struct TransferEncodingTests {
    static let qpCases: [(input: String, want: [UInt8], invalid: Int)] = [
        ("a=3Db", Array("a=b".utf8), 0),
        ("soft=\r\nbreak", Array("softbreak".utf8), 0),
        ("soft=  \nbreak", Array("softbreak".utf8), 0),
        ("=D0=\r\n=9F", [0xD0, 0x9F], 0),
        ("lower =d0=9f", Array("lower ".utf8) + [0xD0, 0x9F], 0),
        ("bad =ZZ here", Array("bad =ZZ here".utf8), 1),
        ("end=", Array("end".utf8), 0),
        ("x=4", Array("x=4".utf8), 1),
    ]

    @Test("quoted-printable", arguments: qpCases)
    func qp(_ c: (input: String, want: [UInt8], invalid: Int)) {
        let r = QuotedPrintable.decode(Array(c.input.utf8))
        #expect(r.bytes == c.want)
        #expect(r.invalidEscapes == c.invalid)
    }

    static let b64Cases: [(input: String, want: String, garbage: Int, truncated: Bool)] = [
        ("0J/RgNC40LLQtdGC", "Привет", 0, false),
        ("0J/Rg\r\nNC40L\nLQtdGC", "Привет", 0, false),
        ("0J/Rg!NC4*0LLQtdGC", "Привет", 2, false),
        ("SGk", "Hi", 0, true),  // missing padding
        ("SGk=SGk=", "HiHi", 0, false),  // concatenated blobs
        ("S", "", 0, true),
    ]

    @Test("base64", arguments: b64Cases)
    func base64(_ c: (input: String, want: String, garbage: Int, truncated: Bool)) {
        let r = Base64.decode(Array(c.input.utf8))
        #expect(String(decoding: r.bytes, as: UTF8.self) == c.want)
        #expect(r.garbage == c.garbage)
        #expect(r.truncated == c.truncated)
    }

    @Test("uuencode block round trip")
    func uuencode() {
        // "Cat" uuencoded is "#0V%T".
        let r = UUEncode.extract(Array("hello\nbegin 644 cat.txt\n#0V%T\n`\nend\nbye\n".utf8))
        #expect(String(decoding: r.text, as: UTF8.self) == "hello\nbye\n")
        #expect(r.blocks.first?.filename == "cat.txt")
        #expect(r.blocks.first?.data == Array("Cat".utf8))
    }
}

struct ParameterTests {
    static let cases: [(raw: String, key: String, want: String?)] = [
        ("attachment; filename=\"a b.txt\"", "filename", "a b.txt"),
        ("attachment; filename*=UTF-8''%D0%90%D0%91.docx", "filename", "АБ.docx"),
        ("attachment; filename*=koi8-r'ru'%E1%E2.txt", "filename", "АБ.txt"),
        ("attachment; filename*0*=UTF-8''%D0%90; filename*1=\"B.txt\"", "filename", "АB.txt"),
        ("attachment; filename*1*=%D0%91.txt; filename*0*=utf-8''%D0%90", "filename", "АБ.txt"),
        ("attachment; filename=\"=?UTF-8?B?0JDQkS50eHQ=?=\"", "filename", "АБ.txt"),
        ("attachment; filename=\"x.txt\"; filename*=UTF-8''%D0%AF.txt", "filename", "Я.txt"),
        ("text/plain (comment); charset=\"koi8-r\"", "charset", "koi8-r"),
        ("text/plain; charset=utf-8; format=flowed; delsp=yes", "delsp", "yes"),
        ("attachment; filename=\"C:\\\\docs\\\\f.doc\"", "filename", "C:\\docs\\f.doc"),
        ("inline; filename=report (1).pdf", "filename", "report (1).pdf"),
        ("attachment; filename*=UTF-8''", "filename", ""),
    ]

    @Test("Content-Type / Content-Disposition parameters (RFC 2045, 2183, 2231)", arguments: cases)
    func params(_ c: (raw: String, key: String, want: String?)) {
        let pv = ParameterizedValue.parse(Array(c.raw.utf8))
        #expect(pv.parameters[c.key] == c.want)
    }

    @Test("raw 8-bit cp1251 filename")
    func raw8bitFilename() {
        let raw = Array("attachment; filename=\"".utf8) + [0xC7, 0xE0, 0xFF, 0xE2, 0xEA, 0xE0] + Array(".doc\"".utf8)
        #expect(ParameterizedValue.parse(raw).parameters["filename"] == "Заявка.doc")
    }

    @Test("path in a filename is reduced to its last component")
    func pathFilename() {
        let m = msg("Content-Type: application/msword; name=\"C:\\\\Users\\\\a\\\\form.doc\"\r\n\r\nx")
        #expect(m.root.filename == "form.doc")
    }
}

struct CharsetTests {
    static let cases: [(bytes: [UInt8], label: String?, want: String, fallback: Bool)] = [
        (Array("Привет".utf8), "utf-8", "Привет", false),
        (Array("Привет".utf8), "utf8", "Привет", false),
        ([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], "windows-1251", "Привет", false),
        ([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], "win-1251", "Привет", false),
        ([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], "x-cp1251", "Привет", false),
        ([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], "windows1251", "Привет", false),
        ([0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], "koi8r", "Привет", false),
        ([0x8F, 0xE0, 0xA8, 0xA2, 0xA5, 0xE2], "cp866", "Привет", false),
        ([0xBF, 0xE0, 0xD8, 0xD2, 0xD5, 0xE2], "ISO-8859-5", "Привет", false),
        ([0xB0, 0xA1], "ks_c_5601-1987", "가", false),
        ([0xFF, 0xFE, 0x1F, 0x04], "utf-16", "П", false),
        (Array("Привет".utf8), "x-made-up", "Привет", true),
        ([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], "x-made-up", "Привет", true),
        ([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], nil, "Привет", true),
        (Array("plain".utf8), nil, "plain", false),
        ([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], "us-ascii", "Привет", true),
        ([0x41, 0xC3], "utf-8", "A\u{FFFD}", false),
        (Array("Привет".utf8), "windows-1251", "Привет", true),  // wrong label
        (Array("Ñ".utf8), "iso-8859-1", "Ã\u{91}", false),  // one pair: could be Latin-1, keep the label
    ]

    @Test("Charset.decode labels, aliases and fallbacks", arguments: cases)
    func decode(_ c: (bytes: [UInt8], label: String?, want: String, fallback: Bool)) {
        let r = Charset.decode(c.bytes, label: c.label)
        #expect(r.text == c.want)
        #expect(r.usedFallback == c.fallback)
    }

    @Test("invalid sequences in an iconv charset become U+FFFD and are counted")
    func invalid() {
        let d = Charset.decodeDetailed([0x41, 0x1B, 0x24, 0x42, 0xFF, 0xFF, 0x1B, 0x28, 0x42], label: "iso-2022-jp")
        #expect(d.invalidSequences > 0)
        #expect(d.text.hasPrefix("A"))
        #expect(d.text.contains("\u{FFFD}"))
    }
}

struct BodySelectionTests {
    @Test("empty text/plain alternative falls back to the HTML one")
    func emptyPlain() {
        let m = msg("""
            Content-Type: multipart/alternative; boundary=x\r
            \r
            --x\r
            Content-Type: text/plain\r
            \r
            \r
            --x\r
            Content-Type: text/html\r
            \r
            <p>Только HTML</p>\r
            --x--\r

            """)
        #expect(m.textBody == "Только HTML")
        #expect(m.htmlText == "Только HTML")
        #expect(m.attachments.isEmpty)
    }

    @Test("an attachment first does not become the body")
    func attachmentFirst() {
        let m = msg("""
            Content-Type: multipart/mixed; boundary=x\r
            \r
            --x\r
            Content-Type: text/plain; name=a.txt\r
            Content-Disposition: attachment; filename=a.txt\r
            \r
            file\r
            --x\r
            Content-Type: text/plain\r
            \r
            тело\r
            --x--\r

            """)
        #expect(m.textBody == "тело")
        #expect(m.attachments.map(\.filename) == ["a.txt"])
        #expect(m.attachments.first?.text == "file")
    }

    @Test("a longer boundary that starts with ours is not a delimiter")
    func boundaryPrefix() {
        let m = msg("""
            Content-Type: multipart/mixed; boundary=abc\r
            \r
            --abc\r
            Content-Type: multipart/alternative; boundary=abc-inner\r
            \r
            --abc-inner\r
            Content-Type: text/plain\r
            \r
            inner\r
            --abc-inner--\r
            --abc--\r

            """)
        #expect(m.textBody == "inner")
        #expect(m.defects.isEmpty)
    }
}

struct ClassifierTests {
    static let cases: [(headers: String, want: MessageClass)] = [
        ("From: a@x.test\r\nSubject: Заявка", .human),
        ("From: a@x.test\r\nX-Auto-Response-Suppress: All\r\nSubject: Заявка", .human),
        ("From: a@x.test\r\nAuto-Submitted: no", .human),
        ("From: a@x.test\r\nAuto-Submitted: auto-replied", .autoReply),
        ("From: a@x.test\r\nAuto-Submitted: auto-generated", .autoReply),
        ("From: a@x.test\r\nX-Autorespond: yes", .autoReply),
        ("From: a@x.test\r\nPrecedence: auto_reply", .autoReply),
        ("From: a@x.test\r\nSubject: Автоответ: Re: заявка", .autoReply),
        ("From: a@x.test\r\nSubject: [Автоответ] Re: заявка", .autoReply),
        ("From: a@x.test\r\nSubject: Автоматический ответ: заявка", .autoReply),
        ("From: a@x.test\r\nSubject: Я в отпуске", .autoReply),
        ("From: a@x.test\r\nSubject: Out of Office: Re: form", .autoReply),
        ("From: a@x.test\r\nSubject: Auto: form", .autoReply),
        ("From: a@x.test\r\nSubject: Re: Автоответ не нужен", .human),
        ("From: MAILER-DAEMON@mx.test\r\nSubject: failure", .bounce),
        ("From: a@x.test\r\nSubject: Undelivered Mail Returned to Sender", .bounce),
        ("From: a@x.test\r\nSubject: Недоставленное сообщение", .bounce),
        ("From: a@x.test\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b", .bounce),
        ("From: a@x.test\r\nX-Spam-Flag: YES", .spam),
        ("From: a@x.test\r\nX-Spam-Status: Yes, score=9", .spam),
        ("From: a@x.test\r\nX-Spam-Status: No, score=0.1\r\nX-Spam-Flag: NO", .human),
        ("From: a@x.test\r\nPrecedence: bulk", .bulk),
        ("From: a@x.test\r\nPrecedence: junk", .bulk),
        ("From: a@x.test\r\nList-Id: <l.x.test>", .bulk),
        ("From: a@x.test\r\nList-Unsubscribe: <mailto:u@x.test>", .bulk),
        // precedence: own > bounce > auto_reply > spam > bulk
        ("From: INTAKE@example.test\r\nAuto-Submitted: auto-replied", .own),
        ("From: a@x.test\r\nX-Internships-Loop: 1\r\nSubject: Undelivered Mail Returned to Sender", .own),
        ("From: postmaster@x.test\r\nAuto-Submitted: auto-replied", .bounce),
        ("From: a@x.test\r\nAuto-Submitted: auto-replied\r\nX-Spam-Flag: YES", .autoReply),
        ("From: a@x.test\r\nX-Spam-Flag: YES\r\nList-Id: <l.x.test>", .spam),
    ]

    @Test("classification and its order of precedence", arguments: cases)
    func classify(_ c: (headers: String, want: MessageClass)) {
        let m = msg(c.headers + "\r\n\r\nbody\r\n")
        #expect(Classifier(ownAddresses: ["intake@example.test"]).classify(m) == c.want)
    }
}

struct SummaryTests {
    @Test("ISO 8601 rendering of dates", arguments: [
        (0.0, "1970-01-01T00:00:00Z"), (1_694_416_495.0, "2023-09-11T07:14:55Z"),
        (951_782_400.0, "2000-02-29T00:00:00Z"), (-86_401.0, "1969-12-30T23:59:59Z"),
    ])
    func iso(_ c: (Double, String)) {
        #expect(MessageSummary.iso8601(Date(timeIntervalSince1970: c.0)) == c.1)
    }

    @Test("summary fields and de-duplicated defect codes")
    func summary() {
        let m = msg("From: A <a@x.test>\r\nReply-To: r@x.test\r\nSubject: s\r\nDate: 1 Jan 2024 00:00:00 +0000\r\n"
                    + "Content-Type: text/plain; charset=bogus-1\r\n\r\nx\r\n")
        let s = MessageSummary(m, classifier: Classifier(ownAddresses: []))
        #expect(s.from == "a@x.test")
        #expect(s.replyTo == "r@x.test")
        #expect(s.date == "2024-01-01T00:00:00Z")
        #expect(s.messageClass == .human)
        #expect(s.text == "x\n")
        #expect(s.defects == ["charset.unknown"])
    }
}
