// MailboxSource over MailTransport's libcurl IMAP session (facts in, decisions here).
import Foundation
import Logging
import MailTransport

/// The real mailbox: one IMAP session for status/search/move, a parallel fetcher for bodies.
public final class IMAPMailboxSource: MailboxSource {
    public let mailbox: String
    private let settings: IMAPSettings
    private let logger: Logger
    private var current: IMAPSession
    /// Set by fetch: the fetcher's handles flag messages \Seen, and a session that has the
    /// mailbox selected then gets one unsolicited `* n FETCH (FLAGS …)` per message on its next
    /// command — 500 of them overflow libcurl's 300 KB header limit (curl 56). A fresh session
    /// after fetching sees none.
    private var sessionIsStale = false

    /// - Throws: `PipelineError.configuration` when the settings cannot work.
    public init(settings: IMAPSettings, mailbox: String = "INBOX", logger: Logger) throws {
        self.mailbox = mailbox
        self.settings = settings
        self.logger = logger
        do {
            current = try IMAPSession(settings: settings, logger: logger)
        } catch {
            throw Self.pipelineError(error)
        }
        fetcher = IMAPFetcher(settings: settings, logger: logger)
    }

    private let fetcher: IMAPFetcher

    private var session: IMAPSession {
        get throws(TransportError) {
            if sessionIsStale {
                current = try IMAPSession(settings: settings, logger: logger)
                sessionIsStale = false
            }
            return current
        }
    }

    public func status() throws -> MailboxStatus {
        do {
            let status = try session.status(mailbox: mailbox)
            return MailboxStatus(uidValidity: Int64(status.uidValidity), messages: status.messages,
                                 uidNext: Int64(status.uidNext))
        } catch {
            throw Self.pipelineError(error)
        }
    }

    public func searchUIDs(from: Int64) throws -> [Int64] {
        guard let start = UInt32(exactly: max(1, from)) else { return [] }
        do {
            return try session.searchUIDs(mailbox: mailbox, from: start).map(Int64.init)
        } catch {
            throw Self.pipelineError(error)
        }
    }

    public func fetch(uids: [Int64], uidValidity: Int64) throws -> [FetchedMessage] {
        guard let validity = UInt32(exactly: uidValidity) else { return [] }
        var messages: [FetchedMessage] = []
        sessionIsStale = true
        do {
            _ = try fetcher.fetch(mailbox: mailbox, uidValidity: validity, uids: uids.compactMap { UInt32(exactly: $0) }) { uid, result in
                // A UID expunged since the search is simply not there (RFC 3501 §2.3.1.1).
                if case .success(let bytes) = result { messages.append(FetchedMessage(uid: Int64(uid), raw: bytes)) }
            }
        } catch let error as TransportError {
            throw Self.pipelineError(error)
        }
        return messages
    }

    /// Stops the fetcher once the messages delivered hold `byteBudget` bytes: the UIDs after
    /// the cut are fetched again by the next batch (a worker may have fetched a few of them
    /// already; they are dropped, at most the fetcher's window).
    public func fetch(uids: [Int64], uidValidity: Int64, byteBudget: Int) throws -> FetchedBatch {
        guard let validity = UInt32(exactly: uidValidity) else { return FetchedBatch(messages: [], throughUID: uids.last) }
        let asked = uids.compactMap { UInt32(exactly: $0) }
        var messages: [FetchedMessage] = []
        var bytes = 0
        var through: Int64?
        sessionIsStale = true
        do {
            _ = try fetcher.fetch(mailbox: mailbox, uidValidity: validity, uids: asked) { uid, result in
                through = Int64(uid)
                // A UID expunged since the search is simply not there (RFC 3501 §2.3.1.1).
                if case .success(let bytesFetched) = result {
                    messages.append(FetchedMessage(uid: Int64(uid), raw: bytesFetched))
                    bytes += bytesFetched.count
                }
                if bytes >= byteBudget && uid != asked.last { throw BudgetReached() }
            }
        } catch is BudgetReached {
            return FetchedBatch(messages: messages, throughUID: through)
        } catch let error as TransportError {
            throw Self.pipelineError(error)
        }
        return FetchedBatch(messages: messages, throughUID: uids.last)
    }

    /// Thrown from the fetcher's delivery to stop it at the byte budget (not an error).
    private struct BudgetReached: Error {}

    public func move(uids: [Int64], uidValidity: Int64, to folder: String) throws {
        guard let validity = UInt32(exactly: uidValidity) else { return }
        do {
            try session.move(mailbox: mailbox, uidValidity: validity, uids: uids.compactMap { UInt32(exactly: $0) }, to: folder)
        } catch {
            throw Self.pipelineError(error)
        }
    }

    /// Down or timed out: try next run (75). A stale UIDVALIDITY also heals next run (the
    /// cursor re-scans). Anything else needs the operator (78).
    static func pipelineError(_ error: TransportError) -> PipelineError {
        if error.isTemporary || error.kind == .staleUIDValidity {
            return .temporary("IMAP: \(error)")
        }
        return .configuration("IMAP: \(error)")
    }
}
