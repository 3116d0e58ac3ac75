// `internships send`: deliver the queued replies that are due.
import ArgumentParser
import Pipeline

struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send the queued replies that are due (deliver), with retries and the daily budget.")

    @OptionGroup var options: CommonOptions

    @Flag(name: .customLong("dry-run"), help: "List what is due (recipients, templates, subjects); send nothing.")
    var dryRun = false

    func run() throws {
        try StageInvocation(command: "send", selected: [.deliver], options: options, dryRun: dryRun).execute()
    }
}
