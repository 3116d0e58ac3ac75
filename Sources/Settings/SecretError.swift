/// Reading a secret failed; says which source and what to do.
public struct SecretError: Error, Sendable, Equatable, CustomStringConvertible {
    public let source: SecretSource
    public let reason: String

    public var description: String { "\(source): \(reason)" }
}
