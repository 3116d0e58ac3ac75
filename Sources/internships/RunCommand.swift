// `internships run`: the cron job — every stage in order under the lock.
import ArgumentParser
import Pipeline

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Fetch, parse, record, reply and move processed mail: every stage, under a lock.",
        discussion: """
            Exit status: 0 done; 75 try again later (IMAP or SMTP down, another run holds the lock; \
            what could be done was done and the rest waits for the next run); 78 configuration \
            (fix the file or the login); 73 the database cannot be created.
            """)

    @OptionGroup var options: CommonOptions

    @Flag(name: .customLong("dry-run"), help: "Show what would be sent (recipients, templates, subjects); send and record nothing.")
    var dryRun = false

    @Flag(name: .customLong("answer-existing"), help: "On the first run over a mailbox, answer the mail already in it (default: record it without replying).")
    var answerExisting = false

    func run() throws {
        try StageInvocation(command: "run", selected: Set(StageName.allCases), options: options,
                            dryRun: dryRun, answerExisting: answerExisting).execute()
    }
}
