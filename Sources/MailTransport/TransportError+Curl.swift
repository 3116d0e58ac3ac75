// From a libcurl result code and its texts to a TransportError with a hint an operator can act
// on. Pure: the session passes in what libcurl said; tested by a table.

extension TransportError {
    /// Maps a failed transfer. `errorText` is libcurl's CURLOPT_ERRORBUFFER, `serverReply` the
    /// last server line, both already free of secrets.
    static func fromCurl(code: Int, errorText: String, serverReply: String?, proto: MailProtocol,
                         authority: String) -> TransportError {
        let name = proto.rawValue.uppercased()
        let section = "[\(proto.rawValue)]"
        func make(_ kind: Kind, _ hint: String) -> TransportError {
            TransportError(kind: kind, curlCode: code, serverReply: serverReply, hint: hint,
                           detail: errorText.isEmpty ? nil : errorText)
        }
        switch code {
        case 1, 3:
            return make(.configuration, "\(name) URL for \(authority) is not usable by libcurl — check \(section) url")
        case 6:
            return make(.connection, "\(name) host \(authority) does not resolve — check \(section) url and DNS")
        case 7:
            return make(.connection, "nothing accepts \(name) connections on \(authority) — check that the server runs and \(section) url has the right port")
        case 28:
            return make(.timeout, "\(name) server \(authority) did not answer in time — check that the server is healthy and the port speaks \(name); the limits are \(section) connect_timeout and low_speed_timeout")
        case 35, 80:
            // A handshake cut by the network (reset, EOF) is the connection's fault, not the
            // settings': retry later rather than report a configuration error.
            let text = errorText.lowercased()
            if ["connection reset", "recv failure", "send failure", "unexpected eof", "ssl_error_syscall",
                "connection was reset"].contains(where: text.contains) {
                return make(.connection, "\(name) connection to \(authority) was cut during the TLS handshake — try again; check the network and the server log if it repeats")
            }
            return make(.tlsVerification, "TLS handshake with \(authority) failed — check that the port speaks TLS (\(proto.rawValue)s:// for implicit TLS) and \(section) ca_file")
        case 51, 60, 83, 90, 91:
            return make(.tlsVerification, "the TLS certificate of \(authority) is not trusted — check \(section) ca_file and that the URL host matches the certificate")
        case 58, 77:
            return make(.configuration, "the CA file for \(authority) cannot be used — check \(section) ca_file points to a readable PEM file")
        case 64:
            return make(.tlsUnavailable, "\(authority) does not offer STARTTLS — use \(proto.rawValue)s:// or a server that supports TLS")
        case 67, 94:
            if proto == .imap, errorText.lowercased().contains("select failed") {
                return make(.noSuchMailbox, "\(name) mailbox does not exist on \(authority) or cannot be selected — check the mailbox name")
            }
            return make(.authentication, "\(name) login refused by \(authority) — check \(section) user and password_file")
        case 78:
            return make(.noSuchMessage, "the message is not on \(authority) any more (expunged or moved)")
        case 9, 21:
            return make(.protocolRefused, "\(name) server \(authority) refused the command — see the server reply")
        case 55:
            if proto == .smtp {
                return make(.protocolRefused, "\(name) server \(authority) refused the envelope — see the server reply")
            }
            return make(.connection, "\(name) connection to \(authority) broke while sending — try again")
        case 52, 56:
            return make(.connection, "\(name) connection to \(authority) was closed by the server — try again; check the server log if it repeats")
        case 8:
            return make(.protocolRefused, "\(name) server \(authority) sent an unexpected reply — see the server reply")
        case 26, 25:
            return make(.other, "the \(name) upload to \(authority) failed while reading the message — this is a bug")
        default:
            return make(.other, "\(name) transfer with \(authority) failed — see the curl error")
        }
    }
}
