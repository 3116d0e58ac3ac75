import Testing
@testable import MailTransport

// Pure parsers: tables of got/want, each bad-input class included.

@Suite("IMAP response parsing")
struct IMAPResponseParsingTests {
    @Test(arguments: [
        (#"* STATUS "INBOX" (MESSAGES 3 UIDNEXT 4 UIDVALIDITY 1764400000)"#, MailboxStatus(uidValidity: 1_764_400_000, uidNext: 4, messages: 3)),
        (#"* STATUS INBOX (UIDVALIDITY 7 UIDNEXT 1 MESSAGES 0)"#, MailboxStatus(uidValidity: 7, uidNext: 1, messages: 0)),
        (#"* STATUS "Sent \"old\"" (MESSAGES 10 UIDNEXT 11 UIDVALIDITY 5)"#, MailboxStatus(uidValidity: 5, uidNext: 11, messages: 10)),
        (#"* status "&BB4EMQRABDAEMQQ+BEIEMAQ9BD4-" (messages 2 uidnext 3 uidvalidity 9)"#, MailboxStatus(uidValidity: 9, uidNext: 3, messages: 2)),
    ])
    func status(line: String, want: MailboxStatus) {
        #expect(IMAPResponse.mailboxStatus(["* 3 EXISTS", line]) == want)
    }

    @Test(arguments: [
        [#"* STATUS "INBOX" (MESSAGES 3 UIDNEXT 4)"#],                // UIDVALIDITY missing
        [#"* STATUS "INBOX" (MESSAGES 3 UIDNEXT 4 UIDVALIDITY 99999999999)"#],  // > 32 bits
        ["* OK [UIDVALIDITY 5] Ok"],
        [#"* STATUS "INBOX" (MESSAGES x UIDNEXT 4 UIDVALIDITY 5)"#],
        [],
    ])
    func statusRejects(lines: [String]) {
        #expect(IMAPResponse.mailboxStatus(lines) == nil)
    }

    @Test(arguments: [
        (["* SEARCH 1 2 3"], SearchReply(uids: [1, 2, 3], sawSearchLine: true, malformedTokens: [])),
        (["* SEARCH"], SearchReply(uids: [], sawSearchLine: true, malformedTokens: [])),
        (["* 4 EXISTS", "* SEARCH 7 9"], SearchReply(uids: [7, 9], sawSearchLine: true, malformedTokens: [])),
        (["* SEARCH 2 5 (MODSEQ 917162500)"], SearchReply(uids: [2, 5], sawSearchLine: true, malformedTokens: [])),
        (["* SEARCH 1 2 3", "* SEARCH 4"], SearchReply(uids: [1, 2, 3, 4], sawSearchLine: true, malformedTokens: [])),
        // A cut line: the last token is half a number followed by garbage.
        (["* SEARCH 19998 199"], SearchReply(uids: [19998, 199], sawSearchLine: true, malformedTokens: [])),
        (["* SEARCH 1 2 3x"], SearchReply(uids: [1, 2], sawSearchLine: true, malformedTokens: ["3x"])),
        (["* SEARCH 0 1"], SearchReply(uids: [1], sawSearchLine: true, malformedTokens: ["0"])),
        (["A5 OK Search completed"], SearchReply(uids: [], sawSearchLine: false, malformedTokens: [])),
    ])
    func search(lines: [String], want: SearchReply) {
        #expect(IMAPResponse.search(lines) == want)
    }

    @Test(arguments: [
        ([#"* ESEARCH (TAG "A7") UID COUNT 20000"#], 20_000 as Int?),
        ([#"* ESEARCH (TAG "A7") UID"#], 0),
        (["* SEARCH 1 2"], nil),
    ])
    func esearchCount(lines: [String], want: Int?) {
        #expect(IMAPResponse.esearchCount(lines) == want)
    }

    @Test(arguments: [
        (["* CAPABILITY IMAP4rev1 LITERAL+ MOVE UIDPLUS"], Set(["IMAP4REV1", "LITERAL+", "MOVE", "UIDPLUS"]) as Set<String>?),
        (["* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] Dovecot ready.", "A1 OK [CAPABILITY IMAP4rev1 MOVE] Logged in"], Set(["IMAP4REV1", "MOVE"])),
        (["* OK Dovecot ready."], nil),
    ])
    func capabilities(lines: [String], want: Set<String>?) {
        #expect(IMAPResponse.capabilities(lines) == want)
    }

    @Test func list() {
        let got = IMAPResponse.list([
            #"* LIST (\HasNoChildren) "." INBOX"#,
            #"* LIST (\HasNoChildren \Sent) "." "Sent Items""#,
            #"* LIST (\Noselect \HasChildren) "/" "&BB4EMQRABDAEMQQ+BEIEMAQ9BD4-""#,
            #"* LIST () NIL flat"#,
            "* 2 EXISTS",
        ])
        #expect(got == [
            ListedMailbox(name: "INBOX", delimiter: ".", attributes: ["\\HasNoChildren"]),
            ListedMailbox(name: "Sent Items", delimiter: ".", attributes: ["\\HasNoChildren", "\\Sent"]),
            ListedMailbox(name: "Обработано", delimiter: "/", attributes: ["\\Noselect", "\\HasChildren"]),
            ListedMailbox(name: "flat", delimiter: nil, attributes: []),
        ])
        #expect(got.map(\.isSelectable) == [true, true, false, true])
    }

    @Test(arguments: [
        ("APPENDUID", ["A4 OK [APPENDUID 1764400000 42] Append completed."], ["1764400000", "42"] as [String]?),
        ("UIDVALIDITY", ["* OK [UIDVALIDITY 5] UIDs valid", "* OK [UIDNEXT 9] Predicted"], ["5"]),
        ("UIDNEXT", ["* OK [UIDVALIDITY 5] UIDs valid", "* OK [UIDNEXT 9] Predicted"], ["9"]),
        ("UID", ["* OK [UIDVALIDITY 5] UIDs valid"], nil),  // a prefix of another code is not it
        ("APPENDUID", ["A4 OK Append completed."], nil),
    ])
    func responseCode(name: String, lines: [String], want: [String]?) {
        #expect(IMAPResponse.responseCode(name, in: lines) == want)
    }

    @Test(arguments: [
        (["* OK ready", "A3 NO [NONEXISTENT] Mailbox doesn't exist: Nope"], "A3 NO [NONEXISTENT] Mailbox doesn't exist: Nope" as String?),
        (["A1 OK done", "* BYE"], "A1 OK done"),
        (["A3 NO Mailbox doesn't exist: Nope", "* BYE Logging out", "A4 OK Logout completed"], "A3 NO Mailbox doesn't exist: Nope"),
        (["* OK ready", "+ go ahead"], nil),
    ])
    func taggedCompletion(lines: [String], want: String?) {
        #expect(IMAPResponse.taggedCompletion(lines) == want)
    }
}

@Suite("Modified UTF-7 mailbox names (RFC 3501 §5.1.3)")
struct ModifiedUTF7Tests {
    @Test(arguments: [
        ("INBOX", "INBOX"),
        ("Обработано", "&BB4EMQRABDAEMQQ+BEIEMAQ9BD4-"),
        ("Tom & Jerry", "Tom &- Jerry"),
        ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
        ("a/b", "a/b"),
        ("😀", "&2D3eAA-"),
    ])
    func roundTrip(plain: String, wire: String) {
        #expect(ModifiedUTF7.encode(plain) == wire)
        #expect(ModifiedUTF7.decode(wire) == plain)
    }

    @Test(arguments: ["&", "&Jjo!-", "a\u{7}b", "&AGE"])
    func decodeRejects(bad: String) {
        #expect(ModifiedUTF7.decode(bad) == nil)
    }

    @Test(arguments: [("INBOX", #""INBOX""#), (#"a"b\c"#, #""a\"b\\c""#), ("Входящие", #""&BBIERQQ+BDQETwRJBDgENQ-""#)])
    func quoted(name: String, want: String) {
        #expect(ModifiedUTF7.quoted(name) == want)
    }
}

@Suite("UID sets and URL text")
struct SequenceSetTests {
    @Test(arguments: [
        ([UInt32](), ""), ([7], "7"), ([1, 2, 3], "1:3"), ([5, 1, 2, 3, 9], "1:3,5,9"), ([4, 4, 5], "4:5"),
        ([10, 12, 11, 20, 21, 30], "10:12,20:21,30"),
    ])
    func format(uids: [UInt32], want: String) {
        #expect(IMAPSequenceSet.format(uids) == want)
    }

    @Test func chunksKeepEveryUIDOnce() {
        let uids = (1...1234).map { UInt32($0 * 2) }
        let chunks = IMAPSequenceSet.chunks(uids, size: 500)
        #expect(chunks.map(\.count) == [500, 500, 234])
        #expect(chunks.flatMap { $0 } == uids)
    }

    @Test(arguments: [
        ("INBOX", "INBOX"), ("Sent Items", "Sent%20Items"), ("Обработано", "%26BB4EMQRABDAEMQQ%2BBEIEMAQ9BD4-"),
        ("a;b/c%", "a%3Bb%2Fc%25"),
    ])
    func urlPath(mailbox: String, want: String) {
        #expect(IMAPURLText.encodePath(mailbox) == want)
    }

    @Test func commandPercentIsEscapedForLibcurl() {
        #expect(IMAPURLText.escapeCommand(#"UID MOVE 1 "100%""#) == #"UID MOVE 1 "100%25""#)
    }
}
