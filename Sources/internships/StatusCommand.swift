// `internships status [--json]`: counts a coordinator understands. Reads only.
import ArgumentParser
import Foundation
import Store

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print what the database holds: mail by state and class, submissions, questions, outbox, last run.")

    @OptionGroup var options: CommonOptions

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        try reportingFailures("status") {
            let context = try AppContext.load(options, label: "status")
            let store = try context.openStore()
            let report = StatusReport(status: try store.status(), overview: try store.overview(),
                                      campaign: context.settings.campaign.name)
            print(json ? report.json() : report.text())
        }
    }
}

/// The numbers, for text and JSON.
struct StatusReport: Encodable {
    var campaign: String
    var inboundTotal: Int
    var inboundByState: [String: Int]
    var inboundByClass: [String: Int]
    var inboundByDisposition: [String: Int]
    var inboundNotYetMoved: Int
    var submissionsByKind: [String: Int]
    var questionsAwaitingAnswer: Int
    var outboxByState: [String: Int]
    var lastRun: LastRun?

    struct LastRun: Encodable {
        var at: String
        var command: String
        var summary: String
    }

    enum CodingKeys: String, CodingKey {
        case campaign, inboundTotal = "inbound_total", inboundByState = "inbound_by_state"
        case inboundByClass = "inbound_by_class", inboundByDisposition = "inbound_by_disposition"
        case inboundNotYetMoved = "inbound_not_yet_moved", submissionsByKind = "submissions_by_kind"
        case questionsAwaitingAnswer = "questions_awaiting_answer", outboxByState = "outbox_by_state"
        case lastRun = "last_run"
    }

    init(status: StoreStatus, overview: StoreOverview, campaign: String) {
        self.campaign = campaign
        inboundByState = status.inbound
        inboundTotal = status.inbound.values.reduce(0, +)
        inboundByClass = overview.inboundByClass
        inboundByDisposition = overview.inboundByDisposition
        inboundNotYetMoved = status.inboundUnacked
        submissionsByKind = status.submissions
        questionsAwaitingAnswer = status.openQuestions
        outboxByState = status.outbox
        let formatter = ISO8601DateFormatter()
        lastRun = overview.lastRun.map { LastRun(at: formatter.string(from: $0.at), command: $0.command, summary: $0.summary) }
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    func text() -> String {
        func counts(_ values: [String: Int]) -> String {
            let shown = values.keys.sorted().filter { (values[$0] ?? 0) > 0 }.map { "\($0) \(values[$0] ?? 0)" }
            return shown.isEmpty ? "none" : shown.joined(separator: ", ")
        }
        var lines = ["Campaign: \(campaign)"]
        lines.append("Inbound mail:        \(inboundTotal) (\(counts(inboundByState)); not yet moved \(inboundNotYetMoved))")
        lines.append("  by class:          \(counts(inboundByClass))")
        lines.append("  by outcome:        \(counts(inboundByDisposition))")
        lines.append("Submissions:         \(counts(submissionsByKind))  (current versions, by form)")
        lines.append("Questions awaiting:  \(questionsAwaitingAnswer)")
        lines.append("Outbox:              \(counts(outboxByState))")
        if let lastRun {
            lines.append("Last run:            \(lastRun.at) \(lastRun.command) — \(lastRun.summary)")
        } else {
            lines.append("Last run:            never")
        }
        return lines.joined(separator: "\n")
    }
}
