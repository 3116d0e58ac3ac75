import ArgumentParser

@main
struct Internships: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "internships",
        abstract: "Runs a regional NGO internship programme by email: fetch, parse, record, reply.",
        version: InternshipsVersion.current,
        subcommands: [MailboxCommand.self, ParseCommand.self, ParticipantsCommand.self]
    )
}

enum InternshipsVersion {
    static let current = "0.1.0"
}
