// Queues the benchmark's notification files as outbox rows, as plan would (rendered bytes,
// fixed Message-ID, one dedupe key each), so deliver sends exactly what smtplib and msmtp send.
import Foundation
import Store

enum BenchOutbox {
    static func enqueue(directory: String, recipient: String, store: Store, now: Date) throws -> Int {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".eml") }.sorted()
        try store.pool.write { db in
            for name in names {
                let raw = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
                var row = OutboxMessage(dedupeKey: "bench:\(name)", template: "bench", recipient: recipient,
                                        messageID: "\(name)@bench.example.test", raw: raw, causeInboundID: nil,
                                        createdAt: now)
                try row.insert(db)
            }
        }
        return names.count
    }
}
