// Many messages over one SMTP connection on one reused libcurl handle. Not Sendable: one
// thread owns a session. Envelope (MAIL FROM, RCPT TO) is separate from the message's headers.
import CCurl
import Logging

/// An SMTP session: TLS required unless plain loopback is allowed, AUTH when a user is set.
public final class SMTPSession {
    public let settings: SMTPSettings
    public let endpoint: MailEndpoint
    private let curl: CurlHandle
    private let logger: Logger
    /// The redacted exchange of the last message, for diagnostics.
    public private(set) var lastTranscript: [TranscriptLine] = []

    /// Validates the settings (no network yet); the first `send` connects.
    public init(settings: SMTPSettings, logger: Logger) throws(TransportError) {
        self.settings = settings
        self.endpoint = try settings.endpoint()
        self.logger = logger
        curl = try CurlHandle()
        try curl.configure(endpoint: endpoint, user: settings.user, password: settings.password,
                           caFile: settings.caFile, connectTimeout: settings.connectTimeout,
                           lowSpeedTimeout: settings.lowSpeedTimeout, localAddress: settings.localAddress)
        // CURLOPT_MAIL_RCPT_ALLOWFAILS (290; spelled ALLLOWFAILS in curl < 8.2): one refused
        // recipient must not stop delivery to the others.
        try curl.set(CURLoption(rawValue: 290), 1)
    }

    /// New connections this session has made.
    public var connectionsOpened: Int { curl.connectionsOpened }

    /// Sends one message. Returns the server's verdict per recipient; throws only when the
    /// exchange never reached a verdict (connect, TLS, login, timeout, dropped connection
    /// before MAIL FROM was answered).
    public func send(from: String, recipients: [String], data: [UInt8]) throws(TransportError) -> SMTPSendResult {
        guard !recipients.isEmpty else {
            throw TransportError(kind: .configuration, hint: "an SMTP message needs at least one recipient")
        }
        for address in [from] + recipients where address.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "<" || $0 == ">" }) {
            throw TransportError(kind: .configuration, hint: "envelope address '\(address)' contains a line break or angle bracket")
        }
        var url = endpoint.baseURL
        if let helo = settings.heloName { url += "/" + helo }  // libcurl sends the URL path in EHLO
        let transfer = try curl.perform(url: url, upload: data, mailFrom: "<\(from)>",
                                        recipients: recipients.map { "<\($0)>" })
        lastTranscript = transfer.transcript
        let exchange = SMTPExchange.parse(transfer.transcript)
        var error: TransportError?
        if transfer.code != 0 {
            let reply = exchange.finalReply ?? exchange.dataReply ?? exchange.recipientReplies.last?.reply
                ?? exchange.mailReply
            error = TransportError.fromCurl(
                code: transfer.code, errorText: transfer.errorText,
                serverReply: reply?.description ?? transfer.transcript.last(where: { $0.direction == .server })?.text,
                proto: .smtp, authority: endpoint.authority)
            if exchange.mailReply == nil, let error {
                logger.debug("smtp.failed", metadata: ["curl.code": "\(transfer.code)", "smtp.error": "\(error.kind.rawValue)"])
                throw error
            }
        }
        let result = Self.result(recipients: recipients, exchange: exchange, error: error, curlCode: transfer.code)
        logger.debug("smtp.sent", metadata: [
            "smtp.recipients": "\(recipients.count)", "smtp.failed": "\(result.failedRecipients.count)",
            "smtp.reply": "\(result.finalReply?.description ?? "-")",
        ])
        return result
    }

    /// Pairs the exchange with the recipients. Pure, so the rules are table-tested.
    static func result(recipients: [String], exchange: SMTPExchange, error: TransportError?,
                       curlCode: Int) -> SMTPSendResult {
        var remaining = exchange.recipientReplies
        let outcomes = recipients.map { address -> SMTPRecipientResult in
            var reply: SMTPReply?
            if let k = remaining.firstIndex(where: { $0.address.lowercased() == address.lowercased() }) {
                reply = remaining.remove(at: k).reply
            }
            let failure: SMTPFailureClass?
            if let mail = exchange.mailReply, let c = SMTPFailureClass.forReply(code: mail.code) {
                failure = c  // the whole envelope was refused
            } else if let reply, let c = SMTPFailureClass.forReply(code: reply.code) {
                failure = c
            } else if let final = exchange.finalReply, (200..<300).contains(final.code) {
                failure = nil
            } else if let final = exchange.finalReply {
                failure = SMTPFailureClass.forReply(code: final.code) ?? .retryLater
            } else if let data = exchange.dataReply, let c = SMTPFailureClass.forReply(code: data.code) {
                failure = c
            } else {
                // No verdict after RCPT: the connection broke; the server may or may not have
                // the message (delivery is at-least-once).
                failure = error.map(SMTPFailureClass.forError) ?? .retryNow
            }
            return SMTPRecipientResult(address: address, reply: reply, delivered: failure == nil, failure: failure)
        }
        return SMTPSendResult(recipients: outcomes, mailReply: exchange.mailReply,
                              finalReply: exchange.finalReply, curlCode: curlCode)
    }
}
