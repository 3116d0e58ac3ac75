// One IMAP connection's worth of work on one libcurl handle. Reusing the handle keeps the
// connection, so one login serves many operations. Not Sendable: one thread owns a session.
import CCurl
import Logging

/// How `move` moved the messages.
public enum MoveMethod: String, Sendable, Equatable {
    /// `UID MOVE` (RFC 6851 §3.2).
    case move
    /// `UID COPY`, `UID STORE +FLAGS (\Deleted)`, `UID EXPUNGE` (RFC 6851 §3.3, RFC 4315 §2.1).
    case copyStoreExpunge
}

/// An authenticated IMAP session over one reused libcurl handle.
public final class IMAPSession {
    public let settings: IMAPSettings
    public let endpoint: MailEndpoint
    private let curl: CurlHandle
    private let logger: Logger
    private var cachedCapabilities: Set<String>?
    /// The redacted exchange of the last operation, for diagnostics.
    public private(set) var lastTranscript: [TranscriptLine] = []

    /// Validates the settings (no network yet); the first operation connects and logs in.
    public init(settings: IMAPSettings, logger: Logger) throws(TransportError) {
        self.settings = settings
        self.endpoint = try settings.endpoint()
        self.logger = logger
        guard !settings.user.isEmpty else {
            throw TransportError(kind: .configuration, hint: "IMAP user is empty — check [imap] user")
        }
        curl = try CurlHandle()
        try curl.configure(endpoint: endpoint, user: settings.user, password: settings.password,
                           caFile: settings.caFile, connectTimeout: settings.connectTimeout,
                           lowSpeedTimeout: settings.lowSpeedTimeout, localAddress: settings.localAddress)
    }

    /// New connections (and so logins) this session has made.
    public var connectionsOpened: Int { curl.connectionsOpened }

    /// Tests shrink libcurl's receive buffer to provoke its silent line truncation.
    func setReceiveBufferSize(_ bytes: Int) throws(TransportError) {
        try curl.set(CURLOPT_BUFFERSIZE, bytes)
    }

    // MARK: URLs and transfers

    func mailboxURL(_ mailbox: String?, uidValidity: UInt32? = nil) -> String {
        guard let mailbox else { return endpoint.baseURL + "/" }
        var url = endpoint.baseURL + "/" + IMAPURLText.encodePath(mailbox)
        if let uidValidity { url += ";UIDVALIDITY=\(uidValidity)" }  // RFC 5092 §6: libcurl checks it on SELECT
        return url
    }

    /// Runs one transfer; failures become TransportError with the server's last words.
    /// A `retryable` (idempotent) transfer is tried again on a fresh login when libcurl choked
    /// on untagged updates it cannot route (see `isUnsolicitedUpdateFailure`).
    @discardableResult
    func run(_ operation: String, url: String, command: String? = nil, upload: [UInt8]? = nil,
             retryable: Bool = true) throws(TransportError) -> CurlTransfer
    {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try runOnce(operation, url: url, command: command, upload: upload)
            } catch {
                // Up to two retries: after a backlog, a fresh SELECT can still see a straggler.
                guard retryable, attempt < 3, Self.isUnsolicitedUpdateFailure(error) else { throw error }
                logger.debug("imap.retry", metadata: ["imap.op": "\(operation)", "curl.code": "\(error.curlCode ?? 0)"])
            }
        }
    }

    /// Another session changed flags or expunged, and the server reports it to this one as
    /// untagged responses before the next tagged reply (RFC 3501 §7.4.1, §7.4.2). libcurl
    /// takes an unsolicited `* n FETCH (FLAGS …)` for the answer to a URL fetch (CURLE 8),
    /// and counts every server line of a transfer against its 300 KiB header limit (CURLE 56),
    /// which thousands of updates exceed. It then logs out; the next login starts with a
    /// fresh SELECT and no backlog.
    static func isUnsolicitedUpdateFailure(_ error: TransportError) -> Bool {
        let detail = error.detail ?? ""
        return (error.curlCode == 8 && detail.contains("FETCH"))
            || (error.curlCode == 56 && detail.contains("Too large response headers"))
    }

    /// Sends NOOP (retried like any idempotent command), so a backlog of updates is gone
    /// before a non-idempotent command that must not fail half-way or be retried.
    func drainUpdates() throws(TransportError) {
        try run("noop", url: mailboxURL(nil), command: "NOOP")
    }

    private func runOnce(_ operation: String, url: String, command: String?, upload: [UInt8]?)
        throws(TransportError) -> CurlTransfer
    {
        let transfer = try curl.perform(url: url, customRequest: command.map(IMAPURLText.escapeCommand),
                                        upload: upload)
        lastTranscript = transfer.transcript
        logger.trace("imap.transfer", metadata: [
            "imap.op": "\(operation)", "curl.code": "\(transfer.code)",
            "imap.new_connections": "\(transfer.newConnections)", "imap.bytes": "\(transfer.body.count)",
        ])
        guard transfer.code == 0 else {
            let reply = IMAPResponse.taggedCompletion(transfer.headerLines)
                ?? transfer.transcript.last(where: { $0.direction == .server })?.text
            let error = TransportError.fromCurl(code: transfer.code, errorText: transfer.errorText,
                                                serverReply: reply, proto: .imap, authority: endpoint.authority)
            logger.debug("imap.failed", metadata: [
                "imap.op": "\(operation)", "curl.code": "\(transfer.code)", "imap.error": "\(error.kind.rawValue)",
            ])
            throw error
        }
        return transfer
    }

    // MARK: Operations

    /// Connects and logs in if not connected yet (a NOOP on the session's connection).
    public func login() throws(TransportError) {
        try run("noop", url: mailboxURL(nil), command: "NOOP")
    }

    /// The server's capabilities after login (RFC 3501 §6.1.1), cached for the session.
    public func capabilities() throws(TransportError) -> Set<String> {
        if let cachedCapabilities { return cachedCapabilities }
        let t = try run("capability", url: mailboxURL(nil), command: "CAPABILITY")
        guard let caps = IMAPResponse.capabilities(splitLines(t.body) + t.headerLines) else {
            throw TransportError(kind: .protocolRefused, hint: "IMAP server \(endpoint.authority) sent no CAPABILITY list")
        }
        cachedCapabilities = caps
        return caps
    }

    /// All mailboxes (`LIST "" "*"`, RFC 3501 §6.3.8), names decoded.
    public func listMailboxes() throws(TransportError) -> [ListedMailbox] {
        let t = try run("list", url: mailboxURL(nil), command: #"LIST "" "*""#)
        return IMAPResponse.list(splitLines(t.body))
    }

    /// UIDVALIDITY, UIDNEXT and MESSAGES (RFC 3501 §6.3.10) without selecting the mailbox.
    public func status(mailbox: String) throws(TransportError) -> MailboxStatus {
        let t: CurlTransfer
        do {
            // STATUS of the mailbox this connection has selected answers from the session's
            // own view (RFC 3501 §6.3.10 says not to ask; Dovecot showed a stale MESSAGES).
            // NOOP first brings the view up to date and clears any backlog of updates.
            try drainUpdates()
            t = try run("status", url: mailboxURL(nil),
                        command: "STATUS \(ModifiedUTF7.quoted(mailbox)) (UIDVALIDITY UIDNEXT MESSAGES)")
        } catch {
            throw refineMailboxError(error, mailbox: mailbox)
        }
        guard let status = IMAPResponse.mailboxStatus(splitLines(t.body)) else {
            throw TransportError(kind: .protocolRefused, serverReply: IMAPResponse.taggedCompletion(t.headerLines),
                                 hint: "IMAP server \(endpoint.authority) sent no usable STATUS for '\(mailbox)'")
        }
        return status
    }

    /// Creates `mailbox` unless LIST shows it already (RFC 3501 §6.3.3). Returns true when created.
    @discardableResult
    public func createMailboxIfAbsent(_ mailbox: String) throws(TransportError) -> Bool {
        let t = try run("list", url: mailboxURL(nil), command: "LIST \"\" \(ModifiedUTF7.quoted(mailbox))")
        if !IMAPResponse.list(splitLines(t.body)).isEmpty { return false }
        try run("create", url: mailboxURL(nil), command: "CREATE \(ModifiedUTF7.quoted(mailbox))", retryable: false)
        return true
    }

    /// Raw message bytes by UID, exactly as stored (RFC 5092 URL fetch, `BODY[]`; sets \Seen).
    /// Throws `.staleUIDValidity` when the mailbox was re-created, `.noSuchMessage` when the
    /// UID is gone.
    public func fetch(mailbox: String, uidValidity: UInt32, uid: UInt32) throws(TransportError) -> [UInt8] {
        let url = mailboxURL(mailbox, uidValidity: uidValidity) + "/;UID=\(uid)"
        do {
            return try run("fetch", url: url).body
        } catch {
            throw refineMailboxError(error, mailbox: mailbox, uidValidity: uidValidity, uid: uid)
        }
    }

    /// Adds or removes flags (`UID STORE … ±FLAGS.SILENT`, RFC 3501 §6.4.6).
    public func setFlags(mailbox: String, uidValidity: UInt32, uids: [UInt32], flags: [String],
                         add: Bool = true) throws(TransportError) {
        guard !uids.isEmpty, !flags.isEmpty else { return }
        let sign = add ? "+" : "-"
        for chunk in IMAPSequenceSet.chunks(uids) {
            do {
                try run("store", url: mailboxURL(mailbox, uidValidity: uidValidity),
                        command: "UID STORE \(IMAPSequenceSet.format(chunk)) \(sign)FLAGS.SILENT (\(flags.joined(separator: " ")))")
            } catch {
                throw refineMailboxError(error, mailbox: mailbox, uidValidity: uidValidity)
            }
        }
    }

    /// Moves messages to `target`, creating it when absent. Uses `UID MOVE` when the server
    /// offers MOVE (RFC 6851), else COPY + STORE \Deleted + UID EXPUNGE (RFC 4315 §2.1).
    /// `method` forces one way (tests use it to exercise the fallback).
    @discardableResult
    public func move(mailbox: String, uidValidity: UInt32, uids: [UInt32], to target: String,
                     method: MoveMethod? = nil) throws(TransportError) -> MoveMethod {
        guard !uids.isEmpty else { return method ?? .move }
        try createMailboxIfAbsent(target)
        let caps = try capabilities()
        let chosen = method ?? (caps.contains("MOVE") ? .move : .copyStoreExpunge)
        let url = mailboxURL(mailbox, uidValidity: uidValidity)
        let quotedTarget = ModifiedUTF7.quoted(target)
        try drainUpdates()
        for chunk in IMAPSequenceSet.chunks(uids) {
            let set = IMAPSequenceSet.format(chunk)
            do {
                switch chosen {
                case .move:
                    try run("move", url: url, command: "UID MOVE \(set) \(quotedTarget)", retryable: false)
                case .copyStoreExpunge:
                    try run("copy", url: url, command: "UID COPY \(set) \(quotedTarget)", retryable: false)
                    try run("store", url: url, command: "UID STORE \(set) +FLAGS.SILENT (\\Deleted)")
                    // Without UIDPLUS a plain EXPUNGE would also remove messages others marked
                    // \Deleted; leave them flagged instead (isync does the same).
                    if caps.contains("UIDPLUS") {
                        try run("expunge", url: url, command: "UID EXPUNGE \(set)", retryable: false)
                    }
                }
            } catch {
                throw refineMailboxError(error, mailbox: mailbox, uidValidity: uidValidity)
            }
        }
        return chosen
    }

    /// Appends a message (for tests and tools). libcurl always sends `(\Seen)`; the flags are
    /// then set to exactly `flags` when the server reports APPENDUID (RFC 4315 §3).
    /// Returns the new UID when the server reports it.
    @discardableResult
    public func append(mailbox: String, bytes: [UInt8], flags: [String] = []) throws(TransportError) -> UInt32? {
        let t: CurlTransfer
        do {
            try drainUpdates()
            t = try run("append", url: mailboxURL(mailbox), upload: bytes, retryable: false)
        } catch {
            throw refineMailboxError(error, mailbox: mailbox)
        }
        guard let code = IMAPResponse.responseCode("APPENDUID", in: t.headerLines), code.count == 2,
              let validity = UInt32(code[0]), let uid = UInt32(code[1]) else { return nil }
        let wantsSeen = flags.contains { $0.lowercased() == "\\seen" }
        if !wantsSeen {
            try setFlags(mailbox: mailbox, uidValidity: validity, uids: [uid], flags: ["\\Seen"], add: false)
        }
        let others = flags.filter { $0.lowercased() != "\\seen" }
        if !others.isEmpty {
            try setFlags(mailbox: mailbox, uidValidity: validity, uids: [uid], flags: others, add: true)
        }
        return uid
    }

    /// Turns libcurl's generic codes into what happened to this mailbox or message.
    func refineMailboxError(_ error: TransportError, mailbox: String, uidValidity: UInt32? = nil,
                            uid: UInt32? = nil) -> TransportError {
        var e = error
        let reply = (e.serverReply ?? "").uppercased()
        let detail = (e.detail ?? "").uppercased()
        switch e.kind {
        case .noSuchMessage:
            // libcurl reports a changed UIDVALIDITY and a missing UID both as CURLE 78.
            if detail.contains("UIDVALIDITY") {
                e.kind = .staleUIDValidity
                e.hint = "mailbox '\(mailbox)' on \(endpoint.authority) no longer has UIDVALIDITY \(uidValidity.map(String.init) ?? "?") — it was re-created; re-scan it"
            } else if let uid {
                e.hint = "message UID \(uid) is not in mailbox '\(mailbox)' on \(endpoint.authority) (expunged or moved)"
            }
        case .protocolRefused, .noSuchMailbox:
            if reply.contains("NONEXISTENT") || reply.contains("DOESN'T EXIST") || reply.contains("NO SUCH")
                || e.kind == .noSuchMailbox {
                e.kind = .noSuchMailbox
                e.hint = "mailbox '\(mailbox)' does not exist on \(endpoint.authority) — check the mailbox name"
            }
        default:
            break
        }
        return e
    }
}
