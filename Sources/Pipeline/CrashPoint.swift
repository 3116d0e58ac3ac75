// Crash injection: stages call `reach` between their steps so tests can stop them anywhere.
import Foundation

/// A hook between two steps of a stage. Production uses `NoCrash`; tests throw
/// `SimulatedCrash` at the k-th step and then check that a re-run ends in the same state.
public protocol CrashPoint: Sendable {
    /// Called after each durable step (a commit, a network action). Throws to "crash".
    func reach(_ step: String) throws
}

/// The production hook: never crashes.
public struct NoCrash: CrashPoint {
    public init() {}
    public func reach(_ step: String) throws {}
}

/// Thrown by test hooks to stop a stage as a crash would; never caught by the stages.
public struct SimulatedCrash: Error, Sendable, Equatable {
    public var step: String
    public var index: Int
    public init(step: String, index: Int) {
        self.step = step
        self.index = index
    }
}
