import Testing
@testable import MailTransport

@Suite("URL rule: TLS, STARTTLS, plain only to loopback")
struct EndpointRuleTests {
    enum Want: Sendable { case ok(TransportSecurity, String), fails(TransportError.Kind) }

    struct Case: Sendable, CustomTestStringConvertible {
        var url: String
        var proto: MailProtocol
        var allowPlain = false
        var startTLSToRemote = false
        var want: Want
        var testDescription: String { "\(url) allowPlain=\(allowPlain)" }
    }

    static let cases: [Case] = [
        Case(url: "imaps://127.0.0.1:1993", proto: .imap, want: .ok(.implicitTLS, "imaps://127.0.0.1:1993")),
        Case(url: "imaps://mail.example.org", proto: .imap, want: .ok(.implicitTLS, "imaps://mail.example.org:993")),
        Case(url: "IMAPS://Mail.Example.ORG/INBOX", proto: .imap, want: .ok(.implicitTLS, "imaps://mail.example.org:993")),
        Case(url: "imap://127.0.0.1:1143", proto: .imap, want: .ok(.startTLS, "imap://127.0.0.1:1143")),
        Case(url: "imap://127.0.0.1:1143", proto: .imap, allowPlain: true, want: .ok(.plain, "imap://127.0.0.1:1143")),
        Case(url: "imap://localhost", proto: .imap, allowPlain: true, want: .ok(.plain, "imap://localhost:143")),
        Case(url: "imap://[::1]:1143", proto: .imap, allowPlain: true, want: .ok(.plain, "imap://[::1]:1143")),
        Case(url: "imap://127.8.9.10", proto: .imap, allowPlain: true, want: .ok(.plain, "imap://127.8.9.10:143")),
        Case(url: "imap://mail.example.org", proto: .imap, want: .fails(.insecureURL)),
        Case(url: "imap://mail.example.org", proto: .imap, allowPlain: true, want: .fails(.insecureURL)),
        Case(url: "imap://128.0.0.1", proto: .imap, allowPlain: true, want: .fails(.insecureURL)),
        Case(url: "imap://127.0.0.1.evil.example", proto: .imap, allowPlain: true, want: .fails(.insecureURL)),
        Case(url: "imap://mail.example.org", proto: .imap, startTLSToRemote: true, want: .ok(.startTLS, "imap://mail.example.org:143")),
        Case(url: "smtps://127.0.0.1:2465", proto: .smtp, want: .ok(.implicitTLS, "smtps://127.0.0.1:2465")),
        Case(url: "smtp://127.0.0.1:2525", proto: .smtp, want: .ok(.startTLS, "smtp://127.0.0.1:2525")),
        Case(url: "smtp://relay.example.org:587", proto: .smtp, want: .fails(.insecureURL)),
        Case(url: "smtp://relay.example.org", proto: .smtp, startTLSToRemote: true, want: .ok(.startTLS, "smtp://relay.example.org:587")),
        Case(url: "imaps://127.0.0.1:1993", proto: .smtp, want: .fails(.configuration)),
        Case(url: "https://127.0.0.1", proto: .imap, want: .fails(.configuration)),
        Case(url: "127.0.0.1:993", proto: .imap, want: .fails(.configuration)),
        Case(url: "imaps://user:pw@127.0.0.1", proto: .imap, want: .fails(.configuration)),
        Case(url: "imaps://127.0.0.1:99999", proto: .imap, want: .fails(.configuration)),
        Case(url: "imaps://127.0.0.1:abc", proto: .imap, want: .fails(.configuration)),
        Case(url: "imaps://", proto: .imap, want: .fails(.configuration)),
    ]

    @Test(arguments: cases)
    func rule(c: Case) {
        let got = Result { () throws(TransportError) -> MailEndpoint in
            try MailEndpoint(url: c.url, proto: c.proto, allowPlainToLoopback: c.allowPlain,
                             startTLSToRemote: c.startTLSToRemote)
        }
        switch (got, c.want) {
        case (.success(let e), .ok(let security, let base)):
            #expect(e.security == security)
            #expect(e.baseURL == base)
        case (.failure(let e), .fails(let kind)):
            #expect(e.kind == kind)
            #expect(!e.hint.isEmpty)
        default:
            Issue.record("got \(got), want \(c.want)")
        }
    }
}

@Suite("libcurl codes to errors with hints")
struct CurlErrorMappingTests {
    @Test(arguments: [
        (7, "", MailProtocol.imap, TransportError.Kind.connection, "nothing accepts IMAP"),
        (28, "Connection timed out after 2001 milliseconds", .imap, .timeout, "did not answer in time"),
        (60, "SSL certificate problem: unable to get local issuer certificate", .imap, .tlsVerification, "ca_file"),
        (35, "", .smtp, .tlsVerification, "TLS handshake"),
        (35, "Recv failure: Connection reset by peer", .smtp, .connection, "cut during the TLS handshake"),
        (35, "OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to 127.0.0.1:2465", .smtp, .connection, "try again"),
        (77, "error setting certificate file", .imap, .configuration, "ca_file"),
        (64, "", .imap, .tlsUnavailable, "STARTTLS"),
        (67, "Login denied", .imap, .authentication, "check [imap] user and password_file"),
        (67, "Select failed", .imap, .noSuchMailbox, "mailbox does not exist"),
        (67, "", .smtp, .authentication, "check [smtp] user and password_file"),
        (78, "", .imap, .noSuchMessage, "not on"),
        (21, "", .imap, .protocolRefused, "refused the command"),
        (55, "RCPT failed: 550", .smtp, .protocolRefused, "refused the envelope"),
        (55, "", .imap, .connection, "broke"),
        (56, "", .imap, .connection, "closed by the server"),
        (999, "", .imap, .other, "failed"),
    ])
    func mapping(code: Int, text: String, proto: MailProtocol, kind: TransportError.Kind, hintPart: String) {
        let e = TransportError.fromCurl(code: code, errorText: text, serverReply: "A1 NO nope", proto: proto,
                                        authority: "127.0.0.1:1993")
        #expect(e.kind == kind)
        #expect(e.curlCode == code)
        #expect(e.hint.contains(hintPart), "\(e.hint)")
        #expect(e.hint.contains("127.0.0.1:1993"))
        #expect(e.description.contains("server: A1 NO nope"))
    }

    @Test func temporaryKinds() {
        let temporary = TransportError.Kind.allCases.filter { TransportError(kind: $0, hint: "").isTemporary }
        #expect(temporary == [.connection, .timeout])
    }
}

@Suite("Secrets never print")
struct SecretTests {
    @Test func everyTextualFormIsRedacted() {
        let s = Secret("hunter2-Пароль")
        let settings = IMAPSettings(url: "imaps://127.0.0.1", user: "u", password: s)
        var dumped = ""
        dump(settings, to: &dumped)
        for text in ["\(s)", String(reflecting: s), "\(settings)", String(reflecting: settings), dumped] {
            #expect(!text.contains("hunter2"), "\(text)")
        }
        #expect(s.reveal() == "hunter2-Пароль")
    }

    @Test(arguments: [
        ([("<", "+ "), (">", "dXNlcgBzZWNyZXQ=")], [">", "<redacted>"]),
        ([(">", "A001 LOGIN user hunter2")], [">", "A001 LOGIN <redacted>"]),
        ([(">", "A001 AUTHENTICATE PLAIN AHUAaHVudGVyMg==")], [">", "A001 AUTHENTICATE PLAIN <redacted>"]),
        ([(">", "AUTH PLAIN AHUAaHVudGVyMg==")], [">", "AUTH PLAIN <redacted>"]),
        ([(">", "AUTH LOGIN"), ("<", "334 VXNlcm5hbWU6"), (">", "dXNlcg=="), ("<", "334 UGFzc3dvcmQ6"), (">", "aHVudGVyMg==")],
         [">", "<redacted>"]),
        ([("*", "note mentions hunter2 somewhere")], ["*", "note mentions <redacted> somewhere"]),
        ([(">", "RCPT TO:<a@example.test>")], [">", "RCPT TO:<a@example.test>"]),
    ])
    func transcriptRedaction(lines: [(String, String)], wantLast: [String]) {
        var recorder = TranscriptRecorder(secretWords: ["hunter2"])
        for (d, text) in lines {
            recorder.record(d == "<" ? .server : d == ">" ? .client : .note, text)
        }
        let last = recorder.lines.last
        #expect(last?.direction.rawValue == wantLast[0])
        #expect(last?.text == wantLast[1])
        #expect(!recorder.lines.map(\.text).joined().contains("hunter2"))
        #expect(!recorder.lines.map(\.text).joined().contains("aHVudGVyMg"))
    }
}

@Suite("SMTP replies and failure classes")
struct SMTPReplyTests {
    static func transcript(_ lines: [String]) -> [TranscriptLine] {
        lines.map { $0.hasPrefix("> ") ? TranscriptLine(.client, String($0.dropFirst(2))) : TranscriptLine(.server, String($0.dropFirst(2))) }
    }

    @Test func pairsRepliesWithRecipients() {
        let exchange = SMTPExchange.parse(Self.transcript([
            "< 220 mx ESMTP", "> EHLO localhost", "< 250-mx", "< 250-PIPELINING", "< 250 8BITMIME",
            "> MAIL FROM:<p@example.test>", "< 250 2.1.0 Ok",
            "> RCPT TO:<a@example.test>", "< 250 2.1.5 Ok",
            "> RCPT TO:<unknown@example.test>", "< 550 5.1.1 <unknown@example.test>: Recipient address rejected: User unknown",
            "> RCPT TO:<b@example.test>", "< 250 2.1.5 Ok",
            "> DATA", "< 354 End data with <CR><LF>.<CR><LF>", "< 250 2.0.0 Ok: queued as 4F1A2",
        ]))
        #expect(exchange.mailReply == SMTPReply(code: 250, enhancedCode: "2.1.0", text: "Ok"))
        #expect(exchange.recipientReplies.map(\.address) == ["a@example.test", "unknown@example.test", "b@example.test"])
        #expect(exchange.recipientReplies.map(\.reply.code) == [250, 550, 250])
        #expect(exchange.recipientReplies[1].reply.enhancedCode == "5.1.1")
        #expect(exchange.dataReply?.code == 354)
        #expect(exchange.finalReply == SMTPReply(code: 250, enhancedCode: "2.0.0", text: "Ok: queued as 4F1A2"))

        let result = SMTPSession.result(recipients: ["a@example.test", "unknown@example.test", "b@example.test"],
                                        exchange: exchange, error: nil, curlCode: 0)
        #expect(result.recipients.map(\.delivered) == [true, false, true])
        #expect(result.recipients.map(\.failure) == [nil, .permanent, nil])
        #expect(result.accepted)
    }

    @Test func onlyTheLastMessageOnAReusedConnectionCounts() {
        let exchange = SMTPExchange.parse(Self.transcript([
            "> MAIL FROM:<p@x>", "< 250 Ok", "> RCPT TO:<old@x>", "< 250 Ok", "> DATA", "< 354 go", "< 250 queued A",
            "> MAIL FROM:<p@x>", "< 250 Ok", "> RCPT TO:<new@x>", "< 451 4.3.0 try later",
        ]))
        #expect(exchange.recipientReplies.map(\.address) == ["new@x"])
        #expect(exchange.finalReply == nil)
        let result = SMTPSession.result(recipients: ["new@x"], exchange: exchange,
                                        error: TransportError(kind: .protocolRefused, curlCode: 55, hint: ""), curlCode: 55)
        #expect(result.recipients[0].failure == .retryLater)
        #expect(!result.accepted)
    }

    @Test(arguments: [
        (["< 250-first", "< 250 second"], SMTPReply(code: 250, text: "first second") as SMTPReply?),
        (["< 250-first"], nil),
        (["< 421 4.4.2 closing"], SMTPReply(code: 421, enhancedCode: "4.4.2", text: "closing")),
        (["< 550"], SMTPReply(code: 550, text: "")),
        (["< hello"], nil),
    ])
    func multiline(lines: [String], want: SMTPReply?) {
        #expect(SMTPExchange.complete(lines.map { String($0.dropFirst(2)) }) == want)
    }

    @Test(arguments: [
        (250, nil as SMTPFailureClass?), (354, nil), (421, .retryNow), (450, .retryLater), (451, .retryLater),
        (452, .retryLater), (550, .permanent), (552, .permanent), (554, .permanent), (999, .retryLater),
    ])
    func replyClass(code: Int, want: SMTPFailureClass?) {
        #expect(SMTPFailureClass.forReply(code: code) == want)
    }

    @Test(arguments: [
        (TransportError(kind: .connection, curlCode: 7, hint: ""), SMTPFailureClass.retryLater),
        (TransportError(kind: .connection, curlCode: 56, hint: ""), .retryNow),
        (TransportError(kind: .timeout, curlCode: 28, hint: ""), .retryLater),
        (TransportError(kind: .authentication, curlCode: 67, hint: ""), .retryLater),
        (TransportError(kind: .protocolRefused, curlCode: 8, serverReply: "554 5.7.1 rejected", hint: ""), .permanent),
        (TransportError(kind: .protocolRefused, curlCode: 8, serverReply: "452 4.3.1 full", hint: ""), .retryLater),
    ])
    func errorClass(error: TransportError, want: SMTPFailureClass) {
        #expect(SMTPFailureClass.forError(error) == want)
    }

    @Test func droppedConnectionAfterRCPTIsRetryNow() {
        let exchange = SMTPExchange.parse(Self.transcript(["> MAIL FROM:<p@x>", "< 250 Ok", "> RCPT TO:<a@x>", "< 250 Ok", "> DATA", "< 354 go"]))
        let result = SMTPSession.result(recipients: ["a@x"], exchange: exchange,
                                        error: TransportError(kind: .connection, curlCode: 56, hint: ""), curlCode: 56)
        #expect(result.recipients[0].failure == .retryNow)
        #expect(result.failure == .retryNow)
    }
}
