// What a failed delivery means for the outbox: try again now, later, or never (as Postfix
// defers 4xx and bounces 5xx, RFC 5321 §4.2.1; isync's retry classes).

/// When a message that was not accepted should be tried again.
public enum SMTPFailureClass: String, Sendable, Equatable {
    /// A fresh connection in this run may succeed: the server dropped a reused connection or
    /// said 421 (closing) — RFC 5321 §3.8.
    case retryNow
    /// A temporary refusal (4yz) or a server or setting problem that someone must fix first;
    /// the message itself is fine.
    case retryLater
    /// The server refused this message or recipient for good (5yz).
    case permanent

    /// Class of a negative reply code; nil for a positive one.
    public static func forReply(code: Int) -> SMTPFailureClass? {
        switch code {
        case 200..<400: return nil
        case 421: return .retryNow
        case 400..<500: return .retryLater
        case 500..<600: return .permanent
        default: return .retryLater  // not an SMTP code: treat as a broken exchange
        }
    }

    /// Class of a transport failure that produced no reply for the message.
    public static func forError(_ error: TransportError) -> SMTPFailureClass {
        switch error.kind {
        case .connection:
            // Refused connect: server down, wait. Dropped mid-session: reconnect now.
            return error.curlCode == 7 || error.curlCode == 6 ? .retryLater : .retryNow
        case .timeout, .tlsVerification, .tlsUnavailable, .authentication, .configuration, .insecureURL:
            return .retryLater
        case .protocolRefused:
            if let reply = error.serverReply, let code = SMTPExchange.replyCode(reply) {
                return forReply(code: code) ?? .retryLater
            }
            return .retryLater
        default:
            return .retryLater
        }
    }
}
