// `internships outbox list|show ID|retry ID|hold ID`: look at and steer the send queue.
import ArgumentParser
import Foundation
import Store

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "List, show, retry or hold outgoing messages.",
        subcommands: [List.self, Show.self, Retry.self, Hold.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List outgoing messages, newest first.")
        @OptionGroup var options: CommonOptions
        @Option(name: .long, help: "Only this state: queued, sending, sent, deferred, dead, held.")
        var state: String?
        @Option(name: .long, help: "At most this many rows.")
        var limit = 100

        func validate() throws {
            if let state, OutboxMessage.State(rawValue: state) == nil {
                throw ValidationError("--state '\(state)' is not one of queued, sending, sent, deferred, dead, held")
            }
        }

        func run() throws {
            try reportingFailures("outbox list") {
                let store = try AppContext.load(options, label: "outbox").openStore()
                let rows = try store.outboxList(state: state.flatMap(OutboxMessage.State.init(rawValue:)), limit: limit)
                let formatter = ISO8601DateFormatter()
                print("id\tstate\tattempts\tcreated\ttemplate\trecipient")
                for row in rows {
                    print("\(row.id ?? 0)\t\(row.state.rawValue)\t\(row.attempts)\t\(formatter.string(from: row.createdAt))\t\(row.template)\t\(row.recipient)")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one outgoing message: state, last reply, the message itself.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The id from `outbox list`.") var id: Int64

        func run() throws {
            try reportingFailures("outbox show") {
                let row = try AppContext.load(options, label: "outbox").openStore().outboxShow(id: id)
                let formatter = ISO8601DateFormatter()
                print("""
                    id: \(row.id ?? 0)
                    state: \(row.state.rawValue)
                    template: \(row.template)
                    recipient: \(row.recipient)
                    message-id: <\(row.messageID)>
                    attempts: \(row.attempts)
                    next attempt: \(row.nextAttemptAt.map { formatter.string(from: $0) } ?? "-")
                    last reply: \(row.lastReplyCode.map(String.init) ?? "-") \(row.lastReplyText ?? "")
                    created: \(formatter.string(from: row.createdAt))
                    sent: \(row.sentAt.map { formatter.string(from: $0) } ?? "-")

                    """)
                print(String(decoding: row.raw, as: UTF8.self))
            }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a deferred, dead or held message again, due now.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The id from `outbox list`.") var id: Int64

        func run() throws {
            try reportingFailures("outbox retry") {
                let context = try AppContext.load(options, label: "outbox")
                let row = try context.openStore().outboxRetry(id: id, now: context.now)
                print("outbox \(row.id ?? 0): \(row.state.rawValue) — the next `internships run` or `send` sends it")
            }
        }
    }

    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Hold a message that is not sent yet: it is never sent until retried.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The id from `outbox list`.") var id: Int64

        func run() throws {
            try reportingFailures("outbox hold") {
                let context = try AppContext.load(options, label: "outbox")
                let row = try context.openStore().outboxHold(id: id, now: context.now)
                print("outbox \(row.id ?? 0): \(row.state.rawValue)")
            }
        }
    }
}
