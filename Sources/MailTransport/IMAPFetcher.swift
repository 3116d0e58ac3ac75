// Fetches many UIDs with N sessions on N threads (each thread owns its handle and so its
// connection), delivering results to the caller in the order asked, with at most a few
// bodies held in memory at once.
import Foundation
import Logging

/// Parallel raw fetch by UID over `settings.parallelHandles` reused sessions.
public struct IMAPFetcher: Sendable {
    public let settings: IMAPSettings
    private let logger: Logger

    public init(settings: IMAPSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Fetches `uids` and calls `deliver` on the calling thread, in the order of `uids`.
    /// A message-level failure (`.noSuchMessage`) is delivered as a failure and the run goes
    /// on; any other failure (connection, login, TLS, timeout, stale UIDVALIDITY) stops the
    /// run after the UIDs before it were delivered, and is thrown. An error thrown by
    /// `deliver` stops the run too. Blocks the calling thread.
    public func fetch(mailbox: String, uidValidity: UInt32, uids: [UInt32],
                      deliver: (UInt32, Result<[UInt8], TransportError>) throws -> Void) throws -> IMAPFetchStats {
        // Validate before starting threads: a bad URL is one clear error, not N.
        _ = try settings.endpoint()
        var stats = IMAPFetchStats()
        guard !uids.isEmpty else { return stats }
        let workers = max(1, min(settings.parallelHandles, uids.count))
        let queue = FetchQueue(uids: uids, window: 2 * workers + 2)
        let settings = self.settings
        let logger = self.logger
        for w in 0..<workers {
            let thread = Thread {
                Self.work(queue: queue, settings: settings, logger: logger, mailbox: mailbox, uidValidity: uidValidity,
                          isFirst: w == 0)
            }
            thread.name = "imap-fetch-\(w)"
            thread.start()
        }
        var failure: Error?
        for index in uids.indices {
            let result = queue.take(index)
            if case .failure(let error) = result, error.kind != .noSuchMessage {
                failure = error
                break
            }
            switch result {
            case .success(let body):
                stats.delivered += 1
                stats.bytes += body.count
            case .failure:
                stats.missing += 1
            }
            do {
                try deliver(uids[index], result)
            } catch {
                failure = error
                break
            }
        }
        queue.cancel()
        stats.connectionsOpened = queue.waitForWorkers(workers)
        if let failure { throw failure }
        return stats
    }

    private static func work(queue: FetchQueue, settings: IMAPSettings, logger: Logger,
                             mailbox: String, uidValidity: UInt32, isFirst: Bool) {
        // Worker 0 marks the batch \Seen before the others select the mailbox: the URL fetch
        // sets \Seen anyway (BODY[]), and with no flag changes during the run no session gets
        // unsolicited FETCH updates, which libcurl handles badly (IMAPSession.isUnsolicitedUpdateFailure).
        if !isFirst { queue.waitForGate() }
        var session: IMAPSession?
        var setupError: TransportError?
        do throws(TransportError) {
            let s = try IMAPSession(settings: settings, logger: logger)
            session = s
            if isFirst {
                try? s.setFlags(mailbox: mailbox, uidValidity: uidValidity, uids: queue.allUIDs, flags: ["\\Seen"])
            }
        } catch {
            setupError = error
        }
        if isFirst { queue.openGate() }
        while let (index, uid) = queue.next() {
            let result: Result<[UInt8], TransportError>
            if let session {
                result = fetchRetryingOnce(session, mailbox: mailbox, uidValidity: uidValidity, uid: uid)
            } else {
                result = .failure(setupError ?? TransportError(kind: .other, hint: "IMAP session could not start"))
            }
            queue.put(index, result)
        }
        queue.workerFinished(connections: session?.connectionsOpened ?? 0)
    }

    /// A reused connection the server closed shows up as one failed transfer; libcurl then
    /// reconnects, so one retry separates a stale connection from a dead server.
    private static func fetchRetryingOnce(_ session: IMAPSession, mailbox: String, uidValidity: UInt32,
                                          uid: UInt32) -> Result<[UInt8], TransportError> {
        var attempt = 0
        while true {
            do throws(TransportError) {
                return .success(try session.fetch(mailbox: mailbox, uidValidity: uidValidity, uid: uid))
            } catch {
                attempt += 1
                if error.kind != .connection || attempt > 1 { return .failure(error) }
            }
        }
    }
}

/// Work distribution and ordered hand-over between the fetch threads and the caller.
private final class FetchQueue: @unchecked Sendable {
    private let condition = NSCondition()  // guards every field below
    private let uids: [UInt32]
    private let window: Int
    private var nextIndex = 0
    private var deliveredUpTo = 0
    private var results: [Int: Result<[UInt8], TransportError>] = [:]
    private var cancelled = false
    private var finished = 0
    private var connections = 0
    private var gateOpen = false

    var allUIDs: [UInt32] { uids }  // immutable after init

    func waitForGate() {
        condition.lock()
        while !gateOpen { condition.wait() }
        condition.unlock()
    }

    func openGate() {
        condition.lock()
        gateOpen = true
        condition.broadcast()
        condition.unlock()
    }

    init(uids: [UInt32], window: Int) {
        self.uids = uids
        self.window = window
    }

    /// The next UID to fetch, waiting while the caller is `window` results behind.
    func next() -> (Int, UInt32)? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, nextIndex < uids.count, nextIndex - deliveredUpTo >= window { condition.wait() }
        guard !cancelled, nextIndex < uids.count else { return nil }
        let index = nextIndex
        nextIndex += 1
        return (index, uids[index])
    }

    func put(_ index: Int, _ result: Result<[UInt8], TransportError>) {
        condition.lock()
        results[index] = result
        if case .failure(let e) = result, e.kind != .noSuchMessage { cancelled = true }
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for result `index` and hands it over, freeing its slot.
    func take(_ index: Int) -> Result<[UInt8], TransportError> {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil { condition.wait() }
        let result = results.removeValue(forKey: index)
        deliveredUpTo = index + 1
        condition.broadcast()
        guard let result else { preconditionFailure("FetchQueue: result \(index) vanished while locked") }
        return result
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    func workerFinished(connections: Int) {
        condition.lock()
        finished += 1
        self.connections += connections
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until all workers ended; returns their connection count.
    func waitForWorkers(_ count: Int) -> Int {
        condition.lock()
        defer { condition.unlock() }
        while finished < count { condition.wait() }
        return connections
    }
}
