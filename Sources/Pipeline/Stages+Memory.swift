// Pipeline: how much of a message is in memory at once (issue 10, P5: peak RSS ≤ 64 MB with
// 4 MB messages). Pickup hands SQLite the fetched buffer itself; parse reads the bytes of a
// bounded number of messages at a time.
import Foundation
import Store

extension Stages {
    /// Raw bytes parse holds at once (plus one message bigger than this, alone).
    static let parseBudgetBytes = 4 << 20

    /// Pickup commits a batch once its messages hold this many bytes (or `fetchBatchSize`
    /// messages): with parse overlapped, the batch fetched ahead and the one parse reads are in
    /// memory together, so each holds at most its budget plus the one message that crossed it.
    static let pickupBatchBytes = 2 << 20

    /// The leading rows whose sizes add up to at most `bytes`; at least the first row.
    static func withinBudget(_ rows: [InboundMessage], bytes: Int) -> [InboundMessage] {
        var total = 0
        var taken = 0
        for row in rows {
            if taken > 0, total + row.size > bytes { break }
            total += row.size
            taken += 1
        }
        return Array(rows.prefix(taken))
    }

    /// A `Data` over `buffer` without copying it: valid only while the buffer is, so it must
    /// not outlive the `withUnsafeBytes` call that produced the buffer.
    static func borrowedData(_ buffer: UnsafeRawBufferPointer) -> Data {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return Data() }
        return Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: buffer.count, deallocator: .none)
    }
}
