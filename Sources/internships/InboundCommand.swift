// `internships inbound list|show ID|release ID`: look at fetched mail, and accept a held one.
import ArgumentParser
import Foundation
import Pipeline
import Store

struct InboundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbound", abstract: "List or show fetched messages; release a held one.",
        subcommands: [List.self, Show.self, Release.self])

    static let classes = ["human", "auto_reply", "bounce", "spam", "bulk", "own"]

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List fetched messages, newest first.")
        @OptionGroup var options: CommonOptions
        @Option(name: .long, help: "Only this state: new, parsed, held, quarantined, imported.")
        var state: String?
        @Option(name: .customLong("class"), help: "Only this class: human, auto_reply, bounce, spam, bulk, own.")
        var messageClass: String?
        @Option(name: .long, help: "At most this many rows.")
        var limit = 100

        func validate() throws {
            if let state, InboundMessage.State(rawValue: state) == nil {
                throw ValidationError("--state '\(state)' is not one of new, parsed, held, quarantined, imported")
            }
            if let messageClass, !InboundCommand.classes.contains(messageClass) {
                throw ValidationError("--class '\(messageClass)' is not one of \(InboundCommand.classes.joined(separator: ", "))")
            }
            if limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() throws {
            try reportingFailures("inbound list") {
                let store = try AppContext.load(options, label: "inbound").openStore()
                let rows = try store.inboundList(state: state.flatMap(InboundMessage.State.init(rawValue:)),
                                                 messageClass: messageClass, limit: limit)
                let formatter = ISO8601DateFormatter()
                print("id\treceived\tsender\tclass\tstate\toutcome\tsubject")
                for row in rows {
                    let subject = (row.subject ?? "").replacingOccurrences(of: "\t", with: " ")
                    print("\(row.id ?? 0)\t\(formatter.string(from: row.fetchedAt))\t\(row.sender ?? "-")\t\(row.class ?? "-")\t\(row.state.rawValue)\t\(row.disposition?.rawValue ?? "-")\t\(subject)")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one message as the job understood it: headers, why held, form, submission, replies, audit.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The id from `inbound list` or the digest.") var id: Int64
        @Flag(name: .long, help: "Print the stored raw bytes exactly, nothing else.") var raw = false

        func run() throws {
            try reportingFailures("inbound show") {
                let context = try AppContext.load(options, label: "inbound")
                guard let record = try context.openStore().inboundRecord(id: id) else { throw InboundCommand.notFound(id) }
                if raw {
                    FileHandle.standardOutput.write(record.message.raw)
                    return
                }
                let config = PipelineConfig(settings: context.settings)
                print(InboundCommand.text(record, experts: config.experts, coordinators: config.coordinators,
                                          trusted: config.trustedAuthservIDs),
                      terminator: "")
            }
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept a held message: the next `run` or `process` applies and answers it.")
        @OptionGroup var options: CommonOptions
        @Argument(help: "The id of a held message (`inbound list --state held`, or the digest).") var id: Int64

        func run() throws {
            try reportingFailures("inbound release") {
                let context = try AppContext.load(options, label: "inbound")
                switch try context.openStore().inboundRelease(id: id, now: context.now) {
                case .released:
                    context.logger.notice("inbound message released", metadata: ["inbound.id": "\(id)"])
                    print("inbound \(id): released — the next `internships run` or `process` applies and answers it")
                case .alreadyReleased(_, let at):
                    print("inbound \(id): already released at \(ISO8601DateFormatter().string(from: at)); nothing changed")
                case .notHeld(let row):
                    throw CLIFailure(status: CLIFailure.usage, message:
                        "inbound message \(id) is \(row.state.rawValue), not held — only held messages can be released")
                case .notFound:
                    throw InboundCommand.notFound(id)
                }
            }
        }
    }

    static func notFound(_ id: Int64) -> CLIFailure {
        CLIFailure(status: CLIFailure.noInput,
                   message: "no inbound message with id \(id) — list them with `internships inbound list`")
    }

    /// The `show` text: plain English labels, values as stored.
    static func text(_ record: InboundRecord, experts: [String], coordinators: Set<String> = [],
                     trusted: Set<String> = []) -> String {
        let row = record.message
        let formatter = ISO8601DateFormatter()
        let explanation = InboundExplanation.explain(row, experts: experts, coordinators: coordinators, trusted: trusted,
                                                     released: record.releasedAt != nil)
        var lines: [String] = []
        lines.append("id: \(row.id ?? 0)")
        lines.append("mailbox: \(row.mailbox) uid \(row.uid) (uidvalidity \(row.uidValidity))")
        lines.append("received: \(formatter.string(from: row.fetchedAt)), \(row.size) bytes")
        lines.append("class: \(row.class ?? "-")")
        lines.append("state: \(row.state.rawValue)")
        lines.append("outcome: \(row.disposition?.rawValue ?? "-")")
        if let at = record.releasedAt { lines.append("released: \(formatter.string(from: at))") }
        let label = record.releasedAt != nil ? "was held" : (row.state == .quarantined ? "quarantined" : "held")
        for reason in explanation.reasons { lines.append("\(label): \(reason.sentence) [\(reason.rawValue)]") }
        if row.state == .held {
            lines.append("to accept it: internships inbound release \(row.id ?? 0)")
        }
        lines.append("")
        lines.append("headers:")
        for header in explanation.headers { lines.append("  \(header.name): \(header.value)") }
        lines.append("defects:\(explanation.defects.isEmpty ? " none" : "")")
        for defect in explanation.defects { lines.append("  \(defect.code)\(defect.detail.isEmpty ? "" : ": \(defect.detail)")") }
        if let form = explanation.form {
            lines.append("form: \(form.kind)\(form.location.map { " (\($0))" } ?? "")")
            for field in form.fields { lines.append("  \(field.id): \(field.value ?? "-")") }
            lines.append("form errors:\(form.errors.isEmpty ? " none" : "")")
            for problem in form.errors { lines.append("  \(problem.code): \(problem.message)") }
        } else {
            lines.append("form: none")
        }
        lines.append("submission:\(record.submissions.isEmpty ? " none" : "")")
        for submission in record.submissions {
            lines.append("  \(submission.kind) № \(submission.number) v\(submission.version)\(submission.isCurrent ? " (current)" : "")")
        }
        lines.append("replies:\(record.replies.isEmpty ? " none" : "")")
        for reply in record.replies {
            lines.append("  outbox \(reply.id ?? 0): \(reply.template) to \(reply.recipient), \(reply.state.rawValue)\(reply.sentAt.map { " \(formatter.string(from: $0))" } ?? "")")
        }
        lines.append("audit:")
        for entry in record.audit {
            lines.append("  \(formatter.string(from: entry.at)) \(entry.cause) \(entry.entity)\(entry.entityID.map { " \($0)" } ?? ""): \(entry.change)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
