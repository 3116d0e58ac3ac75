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
            let setup = try ReportingSetup.load(configPath: config, label: "question answered")
            do {
                let row = try setup.store.questionAnswered(id: id, now: Date())
                print("question \(id) from \(row.sender): answered")
            } catch StoreError.notFound {
                ReportingSetup.fail("question answered", "no question \(id) — the digest lists open questions with their numbers",
                                    status: 65)
            } catch {
                ReportingSetup.fail("question answered", "\(error) — try again later", status: 75)
            }
        }
    }
}
