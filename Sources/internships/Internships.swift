import ArgumentParser

@main
struct Internships: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "internships",
        abstract: "Runs a regional NGO internship programme by email: fetch, parse, record, reply.",
        version: InternshipsVersion.current,
        subcommands: [
            InitCommand.self, RunCommand.self, FetchCommand.self, ProcessCommand.self, SendCommand.self,
            StatusCommand.self, OutboxCommand.self, DoctorCommand.self, MailboxCommand.self, ParseCommand.self,
            ProgrammesCommand.self, MailCommand.self, ExportCommand.self, DigestCommand.self, QuestionCommand.self,
            ForgetCommand.self, InboundCommand.self, ParticipantsCommand.self, MeetingCommand.self,
        ]
    )
}

enum InternshipsVersion {
    static let current = "0.1.0"
}
