// `internships doctor`: prove the relay takes our login without sending anything.
import CCurl

extension SMTPSession {
    /// Connects, negotiates TLS, says EHLO, authenticates (when a user is set) and sends
    /// `NOOP` — no MAIL FROM, so nothing can be delivered. Returns the server's NOOP reply.
    /// - Throws: the same `TransportError`s as `send` (connection 75, login/TLS 78).
    public static func check(settings: SMTPSettings) throws(TransportError) -> String {
        let endpoint = try settings.endpoint()
        let curl = try CurlHandle()
        try curl.configure(endpoint: endpoint, user: settings.user, password: settings.password,
                           caFile: settings.caFile, connectTimeout: settings.connectTimeout,
                           lowSpeedTimeout: settings.lowSpeedTimeout, localAddress: settings.localAddress)
        var url = endpoint.baseURL
        if let helo = settings.heloName { url += "/" + helo }
        // Without MAIL_RCPT and upload, libcurl sends CURLOPT_CUSTOMREQUEST as the command.
        let transfer = try curl.perform(url: url, customRequest: "NOOP")
        let last = transfer.transcript.last(where: { $0.direction == .server })?.text
        if transfer.code != 0 {
            throw TransportError.fromCurl(code: transfer.code, errorText: transfer.errorText, serverReply: last,
                                          proto: .smtp, authority: endpoint.authority)
        }
        return last ?? "ok"
    }
}
