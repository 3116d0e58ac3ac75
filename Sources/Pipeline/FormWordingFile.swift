// The coordinators' wording of form errors: `form-errors.ru.toml` in the configured
// templates folder (see mail-templates/form-errors.ru.toml). `run`, `process` and `doctor`
// load it where the pipeline is built, so an edit to the file changes the error replies.
import Foundation
import Forms

/// Reads the form-error wording file of a templates folder.
public enum FormWordingFile {
    public static let name = "form-errors.ru.toml"

    /// The wording in `templatesDirectory`: the built-in sentences when the folder has no
    /// such file; `PipelineError.configuration` (exit 78) when the file cannot be read, is not
    /// UTF-8 or has a line that is not `"code" = "text"` — a coordinator's typo must not
    /// silently bring back the built-in wording.
    public static func load(templatesDirectory: URL) throws -> FormErrorWording {
        let file = templatesDirectory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: file.path) else { return FormErrorWording() }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw PipelineError.configuration("cannot read \(file.path) — check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PipelineError.configuration("\(file.path) is not UTF-8 — save it as UTF-8")
        }
        let (wording, problems) = FormErrorWording.parse(text)
        if let first = problems.first {
            throw PipelineError.configuration(
                "\(file.path): \(problems.count) line(s) not understood, first \(first) — write each as \"code\" = \"text\"")
        }
        return wording
    }
}
