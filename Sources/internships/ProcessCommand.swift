// `internships process`: parse, apply and plan what is stored; no network.
import ArgumentParser
import Pipeline

struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Parse stored mail, record the forms and queue the replies (parse, apply, plan); no network.")

    @OptionGroup var options: CommonOptions

    @Flag(name: .customLong("dry-run"), help: "Show the replies that would be queued; change nothing.")
    var dryRun = false

    func run() throws {
        try StageInvocation(command: "process", selected: [.parse, .apply, .plan], options: options,
                            dryRun: dryRun).execute()
    }
}
