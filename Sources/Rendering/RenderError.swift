/// A mail could not be rendered. Either is a bug in the plan or in a template, never in the
/// sender's data: the shell logs it and does not send a half-filled mail.
public enum RenderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No template set entry for this mail (`NAME.subject` + `NAME.txt`).
    case unknownTemplate(String)
    /// The template used variables the context does not declare (swift-mustache would have
    /// rendered them as empty text). `part` is e.g. `ack_program.txt`.
    case missingVariables(part: String, names: [String])

    public var description: String {
        switch self {
        case .unknownTemplate(let name):
            "no template '\(name)' — add \(name).subject.mustache and \(name).txt.mustache to the templates folder"
        case .missingVariables(let part, let names):
            "template \(part) uses \(names.joined(separator: ", ")) which the context does not provide — fix the template or the plan"
        }
    }
}
