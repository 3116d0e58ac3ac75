/// Something wrong with the template sources, found when the set is built (so `doctor`
/// reports it before any mail is planned).
public struct TemplateProblem: Sendable, Hashable, CustomStringConvertible {
    /// The source name, e.g. `ack_program.txt` (the file `ack_program.txt.mustache`).
    public let source: String
    public let message: String

    public init(source: String, message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "\(source).mustache: \(message)" }
}
