// A failure the executable reports in one line on stderr and turns into a sysexits status.
import ArgumentParser
import Foundation
import MailTransport
import Pipeline
import Settings
import Store

/// What went wrong, for the operator, and the exit status (sysexits.h).
struct CLIFailure: Error, CustomStringConvertible {
    var status: Int32
    var message: String
    var description: String { message }

    static let usage: Int32 = 64, data: Int32 = 65, noInput: Int32 = 66, cannotCreate: Int32 = 73
    static let temporary: Int32 = 75, configuration: Int32 = 78

    /// Classifies any error the composition root meets.
    static func from(_ error: any Error) -> CLIFailure {
        switch error {
        case let failure as CLIFailure: return failure
        case let config as ConfigError: return CLIFailure(status: configuration, message: config.description)
        case let transport as TransportError: return CLIFailure(status: transport.exitStatus, message: transport.description)
        case PipelineError.temporary(let text): return CLIFailure(status: temporary, message: text)
        case PipelineError.configuration(let text): return CLIFailure(status: configuration, message: text)
        case PipelineError.notYet(let text): return CLIFailure(status: data, message: text)
        case let review as ReviewError: return CLIFailure(status: data, message: review.description)
        case let store as StoreError:
            switch store {
            case .cannotCreate: return CLIFailure(status: cannotCreate, message: store.description)
            case .notFound: return CLIFailure(status: noInput, message: store.description)
            case .invalidTransition: return CLIFailure(status: usage, message: store.description)
            }
        default:
            if let (status, text) = Runner.explainDatabase(error, path: "") {
                return CLIFailure(status: status.rawValue, message: text)
            }
            return CLIFailure(status: 70, message: "\(error)")
        }
    }
}

/// Runs `body`; prints a failure as `internships <command>: message` and exits with its status.
func reportingFailures(_ command: String, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        let failure = CLIFailure.from(error)
        FileHandle.standardError.write(Data("internships \(command): \(failure.message)\n".utf8))
        throw ExitCode(failure.status)
    }
}
