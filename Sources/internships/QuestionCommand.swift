// `internships question answered ID`: the digest stops listing a question once a coordinator
// has answered it by mail. Idempotent: answering twice changes nothing.
import ArgumentParser
import Foundation
import Store

struct QuestionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "question", abstract: "Questions people sent without a form (listed in the digest).",
        subcommands: [Answered.self])

    struct Answered: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "answered", abstract: "Mark a question answered so the digest no longer lists it.")

        @Argument(help: "The question's number from the digest.")
        var id: Int64

        @Option(name: .long, help: ArgumentHelp("The configuration file (default: $INTERNSHIPS_CONFIG, else ./internships.toml).", valueName: "path"))
        var config: String?

        func run() throws {
            try reportingFailures("question answered") {
                let context = try AppContext.load(config: config, now: Date(), level: .warning, label: "question")
                let store = try context.openStore()
                do {
                    let row = try store.questionAnswered(id: id, now: context.now)
                    print("question \(id) from \(row.sender): answered")
                } catch StoreError.notFound {
                    throw CLIFailure(status: CLIFailure.data,
                                     message: "no question \(id) — the digest lists open questions with their numbers")
                } catch {
                    throw CLIFailure(status: CLIFailure.temporary, message: "\(error) — try again later")
                }
            }
        }
    }
}
