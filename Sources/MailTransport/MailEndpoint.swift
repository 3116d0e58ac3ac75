// The URL rule, decided before any connection: implicit TLS, STARTTLS required, or plain
// text only to loopback when the settings allow it. Pure: no network, no files.

/// Which mail protocol an endpoint speaks.
public enum MailProtocol: String, Sendable, Equatable {
    case imap, smtp
}

/// How the connection is secured.
public enum TransportSecurity: String, Sendable, Equatable {
    /// `imaps://` / `smtps://`: TLS from the first byte (RFC 8314 §3).
    case implicitTLS
    /// `imap://` / `smtp://` with STARTTLS required (CURLUSESSL_ALL); no fallback to plain.
    case startTLS
    /// No TLS at all: only to a loopback address and only when the settings allow it.
    case plain
}

/// A validated mail server URL: scheme, host, port and the security libcurl must enforce.
public struct MailEndpoint: Sendable, Equatable {
    public var proto: MailProtocol
    public var security: TransportSecurity
    public var scheme: String
    public var host: String
    public var port: Int
    /// `scheme://host:port` without path, user or query; what libcurl gets as a base.
    public var baseURL: String
    /// `host:port`, for error texts.
    public var authority: String { "\(host.contains(":") ? "[\(host)]" : host):\(port)" }

    /// Validates `url` for `proto`.
    /// - Parameters:
    ///   - allowPlainToLoopback: a plain `imap://`/`smtp://` URL to a loopback host skips TLS.
    ///   - startTLSToRemote: a plain-scheme URL to a non-loopback host is accepted with
    ///     STARTTLS required; without it such a URL is refused (it looks like plain text).
    public init(url: String, proto: MailProtocol, allowPlainToLoopback: Bool,
                startTLSToRemote: Bool = false) throws(TransportError) {
        guard let schemeEnd = url.range(of: "://") else {
            throw TransportError(kind: .configuration,
                hint: "\(proto.rawValue.uppercased()) URL '\(url)' has no scheme — write it as \(proto.rawValue)s://host:port")
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        var rest = url[schemeEnd.upperBound...]
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            rest = rest[..<slash]
        }
        if rest.contains("@") {
            throw TransportError(kind: .configuration,
                hint: "\(proto.rawValue.uppercased()) URL must not carry a user or password — put them in the user and password_file settings")
        }
        let implicitScheme = proto.rawValue + "s"
        let isImplicit: Bool
        switch scheme {
        case implicitScheme: isImplicit = true
        case proto.rawValue: isImplicit = false
        default:
            throw TransportError(kind: .configuration,
                hint: "URL scheme '\(scheme)' is not \(implicitScheme):// or \(proto.rawValue):// — check the \(proto.rawValue) url setting")
        }
        let (host, explicitPort) = try Self.splitHostPort(String(rest), proto: proto)
        guard !host.isEmpty else {
            throw TransportError(kind: .configuration, hint: "\(proto.rawValue.uppercased()) URL '\(url)' has no host")
        }
        let port = explicitPort ?? Self.defaultPort(proto: proto, implicitTLS: isImplicit)
        let loopback = Self.isLoopback(host)
        let security: TransportSecurity
        if isImplicit {
            security = .implicitTLS
        } else if loopback {
            security = allowPlainToLoopback ? .plain : .startTLS
        } else if startTLSToRemote {
            security = .startTLS
        } else {
            throw TransportError(kind: .insecureURL,
                hint: "\(scheme):// to \(host) would not be encrypted — use \(implicitScheme)://\(host) (TLS), or require STARTTLS for it (--starttls, [\(proto.rawValue)] starttls = true); plain text is allowed only to 127.0.0.1")
        }
        self.proto = proto
        self.security = security
        self.scheme = scheme
        self.host = host
        self.port = port
        let hostPart = host.contains(":") ? "[\(host)]" : host
        self.baseURL = "\(scheme)://\(hostPart):\(port)"
    }

    static func defaultPort(proto: MailProtocol, implicitTLS: Bool) -> Int {
        switch (proto, implicitTLS) {
        case (.imap, true): return 993   // RFC 8314 §7.3
        case (.imap, false): return 143
        case (.smtp, true): return 465   // RFC 8314 §7.3 submissions
        case (.smtp, false): return 587  // RFC 6409 submission
        }
    }

    static func splitHostPort(_ authority: String, proto: MailProtocol) throws(TransportError) -> (String, Int?) {
        var host = authority
        var portText: String?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw TransportError(kind: .configuration, hint: "IPv6 host in '\(authority)' lacks ']'")
            }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = String(after.dropFirst()) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            portText = String(authority[authority.index(after: colon)...])
        }
        guard let portText else { return (host.lowercased(), nil) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw TransportError(kind: .configuration,
                hint: "port '\(portText)' in the \(proto.rawValue) URL is not a number from 1 to 65535")
        }
        return (host.lowercased(), port)
    }

    /// 127.0.0.0/8, ::1 and `localhost` (RFC 6761 §6.3: localhost resolves to loopback).
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let octets = h.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && UInt8($0) != nil })
        else { return false }
        return octets[0] == "127"
    }
}
