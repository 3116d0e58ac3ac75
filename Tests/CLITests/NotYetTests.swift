// Commands asked for a step the programme's data has not reached (no selection draft, results
// not released, a selection already released) exit 65 (EX_DATAERR) with one line naming the
// command that comes first — not 78, which tells the operator to fix internships.toml.
// Runs the built binary on a fresh database; none of these reach a mail server.
import Foundation
import Testing

@Suite struct NotYetTests {
    /// (label, arguments, what the message must name).
    static let cases: [(String, [String], String)] = [
        ("mail preview selection", ["mail", "preview", "selection"], "internships participants select"),
        ("mail release selection", ["mail", "release", "selection"], "internships participants select"),
        ("participants select", ["participants", "select"], "internships mail release results"),
        ("participants invite", ["participants", "invite"], "internships mail release selection"),
    ]

    @Test(arguments: cases)
    func exits65NamingTheStepBefore(label: String, arguments: [String], names: String) throws {
        let setup = try Setup(env: try ServerEnv.require())
        let result = try setup.run(arguments)
        #expect(result.status == 65, "\(label): \(result)")
        #expect(result.stderr.contains(names), "\(label): \(result)")
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("internships \(label): "), "\(label): \(result)")
    }
}
