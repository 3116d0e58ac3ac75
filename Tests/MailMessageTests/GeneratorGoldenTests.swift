import Foundation
import Testing
@testable import MailMessage

// One complete message, byte for byte: an invitation with a Russian subject and names, a
// text and HTML body, the calendar as alternative and as file, and a PDF. Any change to the
// generator's output shows up here as a diff to review.

@Suite struct GeneratorGoldenTests {
    static let invitation = OutgoingMessage(
        from: Address(name: "Стажировки НКО", address: "intake@example.test"),
        to: [Address(name: "Иван Петров", address: "applicant1@example.test")],
        replyTo: [Address(address: "intake@example.test")],
        subject: "Приглашение на собеседование",
        messageID: "invite-42.r1@internships.example.test",
        date: Date(timeIntervalSince1970: 1_795_925_203), timeZone: GeneratorFixtures.perm,
        extraHeaders: [OutgoingHeader(name: "Auto-Submitted", value: "auto-generated"),
                       OutgoingHeader(name: "X-Internships-Loop", value: "campaign-2026")],
        textBody: "Здравствуйте!\nЖдём вас 5 декабря в 10:00.\n",
        htmlBody: "<p>Ждём вас <b>5 декабря</b> в 10:00.</p>",
        calendar: OutgoingCalendar(text: "BEGIN:VCALENDAR\nMETHOD:REQUEST\nEND:VCALENDAR"),
        attachments: [OutgoingAttachment(filename: "памятка.pdf", contentType: "application/pdf",
                                         data: Array("%PDF-1.4\n".utf8))])

    /// Reviewed by eye and with Python's email; lines joined by CRLF, a final CRLF.
    static let golden = [
        "Date: Sun, 29 Nov 2026 09:06:43 +0500",
        "From: =?UTF-8?B?0KHRgtCw0LbQuNGA0L7QstC60Lgg0J3QmtCe?= <intake@example.test>",
        "Reply-To: intake@example.test",
        "To: =?UTF-8?B?0JjQstCw0L0g0J/QtdGC0YDQvtCy?= <applicant1@example.test>",
        "Subject: =?UTF-8?B?0J/RgNC40LPQu9Cw0YjQtdC90LjQtSDQvdCwIA==?=",
        " =?UTF-8?B?0YHQvtCx0LXRgdC10LTQvtCy0LDQvdC40LU=?=",
        "Message-ID: <invite-42.r1@internships.example.test>",
        "Auto-Submitted: auto-generated",
        "X-Internships-Loop: campaign-2026",
        "MIME-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=\"=_ia_b09afebf598cb9d4\"",
        "",
        "--=_ia_b09afebf598cb9d4",
        "Content-Type: multipart/alternative; boundary=\"=_ia_5c4ece71f97abb15\"",
        "",
        "--=_ia_5c4ece71f97abb15",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: base64",
        "",
        "0JfQtNGA0LDQstGB0YLQstGD0LnRgtC1IQ0K0JbQtNGR0Lwg0LLQsNGBIDUg0LTQtdC60LDQsdGA",
        "0Y8g0LIgMTA6MDAuDQo=",
        "",
        "--=_ia_5c4ece71f97abb15",
        "Content-Type: text/html; charset=UTF-8",
        "Content-Transfer-Encoding: base64",
        "",
        "PHA+0JbQtNGR0Lwg0LLQsNGBIDxiPjUg0LTQtdC60LDQsdGA0Y88L2I+INCyIDEwOjAwLjwvcD4N",
        "Cg==",
        "",
        "--=_ia_5c4ece71f97abb15",
        "Content-Type: text/calendar; method=REQUEST; charset=UTF-8",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        "BEGIN:VCALENDAR",
        "METHOD:REQUEST",
        "END:VCALENDAR",
        "",
        "--=_ia_5c4ece71f97abb15--",
        "",
        "--=_ia_b09afebf598cb9d4",
        "Content-Type: application/ics; name=invite.ics",
        "Content-Transfer-Encoding: base64",
        "Content-Disposition: attachment; filename=invite.ics",
        "",
        "QkVHSU46VkNBTEVOREFSDQpNRVRIT0Q6UkVRVUVTVA0KRU5EOlZDQUxFTkRBUg0K",
        "",
        "--=_ia_b09afebf598cb9d4",
        "Content-Type: application/pdf; name=\"=?UTF-8?B?0L/QsNC80Y/RgtC60LAucGRm?=\"",
        "Content-Transfer-Encoding: base64",
        "Content-Disposition: attachment;",
        " filename*=UTF-8''%D0%BF%D0%B0%D0%BC%D1%8F%D1%82%D0%BA%D0%B0.pdf",
        "",
        "JVBERi0xLjQK",
        "",
        "--=_ia_b09afebf598cb9d4--",
    ]

    @Test func invitationMatchesTheGoldenBytes() throws {
        let want = Self.golden.joined(separator: "\r\n") + "\r\n"
        let got = String(decoding: try Self.invitation.generate(), as: UTF8.self)
        #expect(got == want)
        if got != want {
            let gotLines = got.components(separatedBy: "\r\n")
            for (index, line) in gotLines.enumerated() where index >= Self.golden.count || Self.golden[index] != line {
                Issue.record("first difference at line \(index + 1): \(line.debugDescription)")
                break
            }
        }
    }
}
