// Failures the stages report to the runner, classed like mbsync: try later, or fix the config.
import Foundation

/// An edge failure, with the fact and what to do next. The runner maps it to sysexits.
public enum PipelineError: Error, Sendable, CustomStringConvertible {
    /// The server is down or refused for now: try next run (exit 75, EX_TEMPFAIL).
    case temporary(String)
    /// Something only the operator can fix: login, folder, template (exit 78, EX_CONFIG).
    case configuration(String)
    /// The programme's data is not at the step this needs yet — no selection draft, results
    /// not released, a selection already released (exit 65, EX_DATAERR): the file is fine,
    /// the message names the command that comes first.
    case notYet(String)

    public var description: String {
        switch self {
        case .temporary(let text): return text
        case .configuration(let text): return text
        case .notYet(let text): return text
        }
    }
}

/// Process exit codes from sysexits.h.
public enum ExitStatus: Int32, Sendable, Codable {
    case ok = 0
    case usage = 64
    case dataError = 65
    case software = 70
    case temporaryFailure = 75
    case configuration = 78
}
