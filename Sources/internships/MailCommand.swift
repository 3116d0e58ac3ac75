// `internships mail preview|release results|selection` and `mail release catalogue`: the results go
// out only through release. preview reads; release queues letters and their notices in one
// transaction (re-running queues nothing new). Mail goes out with the next `run`.
import ArgumentParser
import Foundation
import Pipeline

struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Preview and release the programme's mass mailings.",
        subcommands: [Preview.self, Release.self])

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show what a release would queue.",
                                                        subcommands: [Results.self, Selection.self])
        struct Results: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Counts per template and one sample render each; sends and records nothing.")
            @OptionGroup var options: CommonOptions

            func run() throws {
                try reportingFailures("mail preview results") {
                    let context = try AppContext.load(options, label: "mail")
                    let store = try context.openStore()
                    let review = try context.review(store: store)
                    let plan = try review.resultsPlan()
                    print("decision revision \(plan.revision): \(plan.letters.count) letter(s) would be queued")
                    for (template, count) in plan.counts.sorted(by: { $0.key < $1.key }) { print("  \(template): \(count)") }
                    for sample in try review.sampleResults() {
                        print("\n==== sample \(sample.template) to \(sample.recipient) ====")
                        print("Subject: \(sample.mail.subject)\n")
                        print(sample.mail.text)
                    }
                }
            }
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a mass mailing.",
                                                        subcommands: [Results.self, Catalogue.self, Selection.self])
        struct Results: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Queue one result letter per programme whose host has not heard the current verdict.",
                discussion: "A verdict changed after release gets an explicit correction letter.")
            @OptionGroup var options: CommonOptions

            func run() throws {
                try reportingFailures("mail release results") {
                    let context = try AppContext.load(options, label: "mail")
                    let store = try context.openStore()
                    let plan = try context.review(store: store).releaseResults(now: context.now)
                    print("decision revision \(plan.revision): \(plan.letters.count) letter(s) queued")
                    for (template, count) in plan.counts.sorted(by: { $0.key < $1.key }) { print("  \(template): \(count)") }
                }
            }
        }

        struct Catalogue: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Queue the winners' catalogue to [review] publicity_list (once per list of winners).")
            @OptionGroup var options: CommonOptions

            func run() throws {
                try reportingFailures("mail release catalogue") {
                    let context = try AppContext.load(options, label: "mail")
                    let store = try context.openStore()
                    let count = try context.review(store: store).mailCatalogue(now: context.now)
                    print("\(count) catalogue mail(s) queued")
                }
            }
        }
    }
}
