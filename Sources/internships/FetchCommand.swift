// `internships fetch`: pickup and ack only (new mail into the database, processed mail moved).
import ArgumentParser
import Pipeline

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Store new mail from the mailbox and move already processed mail (pickup, ack).")

    @OptionGroup var options: CommonOptions

    @Flag(name: .customLong("answer-existing"), help: "On the first run over a mailbox, treat the mail already in it as new.")
    var answerExisting = false

    func run() throws {
        try StageInvocation(command: "fetch", selected: [.pickup, .ack], options: options,
                            answerExisting: answerExisting).execute()
    }
}
