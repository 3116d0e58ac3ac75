/// The template sources cannot be used; every problem at once.
public struct TemplateSetError: Error, Sendable, Hashable, CustomStringConvertible {
    public let problems: [TemplateProblem]

    public var description: String {
        (["mail templates are not usable:"] + problems.map { "  \($0)" }).joined(separator: "\n")
    }
}
