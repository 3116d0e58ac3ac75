import Foundation

/// One thing wrong with the configuration file: the key it concerns and what would be valid.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    /// Where, in the file's own terms: `[mailbox] imap_url`, `[[experts]] #2 email`, `syntax`.
    public let key: String
    /// What is wrong and what would be valid, in one sentence.
    public let message: String

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "\(key): \(message)" }
}

/// The configuration cannot be used. Carries every problem found, not just the first, so one
/// edit fixes them all. The executable maps it to `EX_CONFIG` (78, sysexits.h).
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the problems are in, when there is one.
    public let file: URL?
    /// Every problem, in file order (sections in the order the model declares them).
    public let problems: [ConfigProblem]

    /// `EX_CONFIG` from sysexits.h: the exit status for any configuration error.
    public static let exitCode: Int32 = 78

    public init(file: URL?, problems: [ConfigProblem]) {
        self.file = file
        self.problems = problems
    }

    public var description: String {
        let head = file.map { "configuration \($0.path) is not usable" } ?? "configuration is not usable"
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return ([head + " (\(count)):"] + problems.map { "  " + $0.description }).joined(separator: "\n")
    }
}

extension ConfigError: LocalizedError {
    public var errorDescription: String? { description }
}
