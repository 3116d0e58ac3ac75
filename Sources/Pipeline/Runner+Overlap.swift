// Pickup and parse in one pass: parse reads each batch pickup has just committed while the
// next batch is being fetched, instead of waiting for the whole mailbox (P1, issue 10).
// Each stage keeps its own transactions, crash points and audit rows: pickup commits a batch
// with its cursor, then parse reads only committed `new` rows, exactly as when they run one
// after the other; only the order of the commits changes (deterministically: batch by batch).
import Foundation
import Store

/// An error of the parse that ran inside pickup, kept apart so the run classifies it as a
/// parse failure (the mailbox is fine) and not as an unreachable server.
struct ParseDuringPickupFailure: Error {
    var underlying: any Error
}

extension ParseReport {
    /// Adds the counts of another pass.
    mutating func add(_ other: ParseReport) {
        parsed += other.parsed
        held += other.held
        quarantined += other.quarantined
    }
}

extension Runner {
    /// Pickup, parsing after every committed batch; `parsed` collects what parse did, also when
    /// pickup fails later (a mailbox gone mid-run leaves the parsed batches parsed).
    /// - Throws: pickup's errors as they are; parse's as `ParseDuringPickupFailure`.
    func pickupParsing(from source: some MailboxSource, now: Date, parsed: inout ParseReport) throws -> PickupReport {
        try stages.pickup(from: source, now: now) {
            do {
                parsed.add(try stages.parse(now: now))
                // The batch's reading is freed: return its pages before the next batch (P5).
                ProcessMemory.returnFreedPages()
            } catch {
                throw ParseDuringPickupFailure(underlying: error)
            }
        }
    }
}
