// SMTPExchange.hasVerb: the case-insensitive command match the reply pairing relies on.
import Testing
@testable import MailTransport

@Suite("SMTP command verbs")
struct SMTPVerbTests {
    @Test(arguments: [
        ("MAIL FROM:<a@example.test>", "MAIL FROM", true),
        ("mail from:<a@example.test>", "MAIL FROM", true),
        ("Rcpt To:<b@example.test>", "RCPT TO", true),
        ("DATA", "DATA", true),
        ("DAT", "DATA", false),
        ("RSET", "DATA", false),
        ("MAIL  FROM:<a@example.test>", "MAIL FROM", false),
        ("", "DATA", false),
        ("DATA ", "DATA", true),
    ])
    func verb(line: String, verb: String, want: Bool) {
        #expect(SMTPExchange.hasVerb(line, verb) == want)
        #expect(SMTPExchange.hasVerb(line, verb) == line.uppercased().hasPrefix(verb))
    }
}
