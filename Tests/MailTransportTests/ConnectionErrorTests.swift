import Foundation
import Testing
import TestSupport
@testable import MailTransport

/// Each way a connection can go wrong gives its own clear error, within the configured time.
@Suite("Connection security and failures", .serialized)
struct ConnectionErrorTests {
    @Test(arguments: [
        ("IMAPS_URL", false, false), ("IMAP_URL", false, true), ("IMAP_URL", true, false),
    ])
    func imapLoginWorks(urlKey: String, allowPlain: Bool, expectSTARTTLS: Bool) throws {
        let servers = try TestServers.require()
        let session = try IMAPSession(settings: servers.imap(servers.freshUser(), url: urlKey, allowPlain: allowPlain),
                                      logger: testLogger)
        _ = try session.status(mailbox: "INBOX")
        let caps = try session.capabilities()
        #expect(caps.contains("IMAP4REV1"))
        let startTLS = session.lastTranscript.contains { $0.direction == .client && $0.text.uppercased().hasSuffix("STARTTLS") }
        // The first transfer negotiated TLS; look at the whole exchange of a fresh session.
        let fresh = try IMAPSession(settings: servers.imap(servers.freshUser(), url: urlKey, allowPlain: allowPlain),
                                    logger: testLogger)
        try fresh.login()
        let sawSTARTTLS = fresh.lastTranscript.contains { $0.direction == .client && $0.text.uppercased().hasSuffix("STARTTLS") }
        #expect(sawSTARTTLS == expectSTARTTLS)
        _ = startTLS
    }

    @Test(arguments: [
        ("SMTP_URL", false), ("SMTPS_URL", true), ("SUBMISSION_URL", true),
    ])
    func smtpSendWorks(urlKey: String, withAuth: Bool) throws {
        let servers = try TestServers.require()
        let user = servers.freshUser("smtp")
        let smtp = try SMTPSession(settings: servers.smtp(url: urlKey, user: withAuth ? user : nil), logger: testLogger)
        let result = try smtp.send(from: user, recipients: [user], data: sampleMessage(to: user, subject: "hi", body: "x"))
        #expect(result.accepted)
        #expect(result.finalReply?.code == 250)
        let transcript = smtp.lastTranscript.map(\.description).joined(separator: "\n")
        #expect(!transcript.contains(servers.password.reveal()))
        if withAuth { #expect(transcript.contains("AUTH")) }
    }

    @Test func wrongCAIsATLSError() throws {
        let servers = try TestServers.require()
        var settings = servers.imap(servers.freshUser())
        settings.caFile = servers.wrongCAFile
        let session = try IMAPSession(settings: settings, logger: testLogger)
        let error = try #require(throws: TransportError.self) { try session.login() }
        #expect(error.kind == .tlsVerification)
        #expect(error.curlCode == 60)
        var smtpSettings = servers.smtp(url: "SMTPS_URL")
        smtpSettings.caFile = servers.wrongCAFile
        let smtp = try SMTPSession(settings: smtpSettings, logger: testLogger)
        let smtpError = try #require(throws: TransportError.self) {
            try smtp.send(from: "a@example.test", recipients: ["b@example.test"], data: [0x78])
        }
        #expect(smtpError.kind == .tlsVerification)
    }

    @Test(arguments: ["imap://192.0.2.10", "imap://mail.example.org:143", "smtp://192.0.2.10:25"])
    func plainURLToRemoteHostIsRefusedBeforeConnecting(url: String) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error: TransportError
        if url.hasPrefix("imap") {
            error = try #require(throws: TransportError.self) {
                _ = try IMAPSession(settings: IMAPSettings(url: url, user: "u", password: "p"), logger: testLogger)
            }
        } else {
            error = try #require(throws: TransportError.self) {
                _ = try SMTPSession(settings: SMTPSettings(url: url), logger: testLogger)
            }
        }
        #expect(error.kind == .insecureURL)
        #expect(error.curlCode == nil)
        #expect(clock.now - start < .milliseconds(100))
    }

    @Test func wrongPasswordIsAnAuthenticationErrorWithoutThePassword() throws {
        let servers = try TestServers.require()
        let wrong = "Wr0ng-\(UUID().uuidString)"
        var settings = servers.imap(servers.freshUser())
        settings.password = Secret(wrong)
        // Dovecot delays logins from an address after a failure: fail from another one.
        settings.localAddress = "127.0.0.2"
        let session = try IMAPSession(settings: settings, logger: testLogger)
        let error = try #require(throws: TransportError.self) { try session.login() }
        #expect(error.kind == .authentication)
        #expect(error.hint.contains("user and password"))
        let texts = [error.description, "\(error)", String(reflecting: error), String(describing: settings),
                     session.lastTranscript.map(\.description).joined(separator: "\n")]
        for text in texts { #expect(!text.contains(wrong)) }
        #expect(session.lastTranscript.contains { $0.direction == .client && $0.text.contains("<redacted>") })

        let user = servers.freshUser()
        var smtpSettings = servers.smtp(url: "SMTPS_URL", user: user)
        smtpSettings.password = Secret(wrong)
        smtpSettings.localAddress = "127.0.0.3"
        let smtp = try SMTPSession(settings: smtpSettings, logger: testLogger)
        let smtpError = try #require(throws: TransportError.self) {
            try smtp.send(from: user, recipients: [user], data: sampleMessage(to: user, subject: "x", body: "x"))
        }
        #expect(smtpError.kind == .authentication)
        #expect(!smtpError.description.contains(wrong))
        #expect(!smtp.lastTranscript.map(\.description).joined().contains(wrong))
    }

    @Test func successfulLoginTranscriptHasNoPassword() throws {
        let servers = try TestServers.require()
        let session = try IMAPSession(settings: servers.imap(servers.freshUser(), url: "IMAP_URL", allowPlain: true),
                                      logger: testLogger)
        try session.login()
        let transcript = session.lastTranscript.map(\.description).joined(separator: "\n")
        #expect(transcript.contains("LOGIN") || transcript.contains("AUTHENTICATE"))
        #expect(!transcript.contains(servers.password.reveal()))
        // PLAIN SASL would carry the password base64-encoded.
        let b64 = Data("\u{0}u\u{0}\(servers.password.reveal())".utf8).base64EncodedString()
        #expect(!transcript.contains(String(b64.suffix(8))))
    }

    @Test func closedPortIsAConnectionError() throws {
        let servers = try TestServers.require()
        let port = try SilentListener.closedPort()
        var settings = servers.imap(servers.freshUser())
        settings.url = "imaps://127.0.0.1:\(port)"
        let error = try #require(throws: TransportError.self) {
            try IMAPSession(settings: settings, logger: testLogger).login()
        }
        #expect(error.kind == .connection)
        #expect(error.curlCode == 7)
        #expect(error.isTemporary)
        #expect(error.hint.contains("127.0.0.1:\(port)"))
    }

    @Test(arguments: ["imaps", "imap", "smtps", "smtp"])
    func silentServerTimesOutWithinTheLimit(scheme: String) throws {
        let servers = try TestServers.require()
        let listener = try SilentListener()
        defer { listener.close() }
        let url = "\(scheme)://127.0.0.1:\(listener.port)"
        let clock = ContinuousClock()
        let start = clock.now
        let error: TransportError
        if scheme.hasPrefix("imap") {
            var settings = servers.imap(servers.freshUser(), connectTimeout: .seconds(2), lowSpeed: .seconds(2))
            settings.url = url
            error = try #require(throws: TransportError.self) { try IMAPSession(settings: settings, logger: testLogger).login() }
        } else {
            var settings = servers.smtp()
            settings.url = url
            settings.connectTimeout = .seconds(2)
            settings.lowSpeedTimeout = .seconds(2)
            error = try #require(throws: TransportError.self) {
                try SMTPSession(settings: settings, logger: testLogger).send(from: "a@example.test", recipients: ["b@example.test"], data: [0x78])
            }
        }
        let elapsed = clock.now - start
        #expect(error.kind == .timeout)
        #expect(error.curlCode == 28)
        #expect(elapsed < .seconds(4), "took \(elapsed)")
    }

    /// A loopback server without STARTTLS: with `imap://` and no allow flag the session
    /// refuses to go on in plain text (no fallback), and never sends the password.
    @Test(arguments: [false, true])
    func serverWithoutSTARTTLSIsRefusedUnlessPlainIsAllowed(allowPlain: Bool) throws {
        let listener = try SilentListener(greeting: "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] fake ready") { line in
            let tag = line.split(separator: " ").first.map(String.init) ?? "*"
            let verb = line.split(separator: " ").dropFirst().first?.uppercased() ?? ""
            switch verb {
            case "CAPABILITY": return ["* CAPABILITY IMAP4rev1 AUTH=PLAIN", "\(tag) OK done"]
            case "LOGIN", "AUTHENTICATE": return ["\(tag) NO [AUTHENTICATIONFAILED] fake server"]
            case "LOGOUT": return ["* BYE", "\(tag) OK bye"]
            default: return ["\(tag) BAD unknown"]
            }
        }
        defer { listener.close() }
        let settings = IMAPSettings(url: "imap://127.0.0.1:\(listener.port)", user: "u@example.test",
                                    password: Secret("Plain-\(UUID().uuidString)"), allowPlainToLoopback: allowPlain,
                                    connectTimeout: .seconds(3), lowSpeedTimeout: .seconds(3))
        let session = try IMAPSession(settings: settings, logger: testLogger)
        let error = try #require(throws: TransportError.self) { try session.login() }
        let sentPassword = session.lastTranscript.contains { $0.direction == .client && ($0.text.contains("LOGIN") || $0.text.contains("AUTHENTICATE")) }
        if allowPlain {
            #expect(error.kind == .authentication)  // it got as far as logging in, in plain text
            #expect(sentPassword)
        } else {
            #expect(error.kind == .tlsUnavailable)
            #expect(error.curlCode == 64)
            #expect(!sentPassword)
        }
    }
}
