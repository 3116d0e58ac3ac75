// One call running ahead on a thread of its own: pickup fetches the next batch while this
// thread stores the last one and parse reads it (the fetch waits on the IMAP server, the rest
// on the CPU, so the two share the cores instead of taking turns).
import Foundation

/// The result of one background call, collected once by the thread that started it.
/// The caller owns every object the work touches until `wait()` returns: exactly one call is
/// in flight and `wait()` orders all its effects before the caller's next step.
final class FetchAhead<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Replaced by the work's outcome before `done` is signalled.
    private var result: Result<Value, any Error> = .failure(CancellationError())
    private var collected = false

    /// Starts `work` on a new thread at once.
    init(_ work: @escaping () throws -> Value) {
        nonisolated(unsafe) let work = work
        let thread = Thread { [self] in
            result = Result { try work() }
            done.signal()
        }
        thread.start()
    }

    /// Blocks until the work is finished; returns its value or throws its error. Call once:
    /// the value is handed over, not kept (a fetched batch must not outlive its commit, P5).
    func wait() throws -> Value {
        finish()
        let outcome = result
        result = .failure(CancellationError())
        return try outcome.get()
    }

    /// Waits for the work without looking at its outcome (a stage that stops early must not
    /// leave a fetch running against the mailbox it hands back).
    func finish() {
        if !collected {
            done.wait()
            collected = true
        }
    }
}
