import Mustache

/// The reply templates, parsed and checked. Pure: the caller reads the files (see
/// `mail-templates/README.md` for the layout) and passes their texts by name.
///
/// Source names are file names without `.mustache`: `NAME.subject`, `NAME.txt` and
/// optionally `NAME.html` make the mail `NAME`; names starting with `_` are partials
/// (`{{> _footer.txt}}`). Subject and text sources must start with
/// `{{%CONTENT_TYPE: TEXT}}`, otherwise swift-mustache would HTML-escape them.
public struct TemplateSet: Sendable {
    /// The pragma that switches swift-mustache from HTML escaping to plain text.
    public static let textPragma = "{{%CONTENT_TYPE: TEXT}}"

    private let library: MustacheLibrary
    /// Mail names, sorted: those with a subject and a text part.
    public let names: [String]
    private let htmlNames: Set<String>

    /// Parses and checks every source; throws every problem at once.
    public init(sources: [String: String]) throws(TemplateSetError) {
        var problems: [TemplateProblem] = []
        var templates: [String: MustacheTemplate] = [:]
        var parts: [String: Set<String>] = [:]
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            let pieces = name.split(separator: ".")
            guard pieces.count == 2, let kind = pieces.last.map(String.init), ["subject", "txt", "html"].contains(kind),
                  !pieces[0].isEmpty
            else {
                problems.append(TemplateProblem(source: name, message: "unexpected name — use NAME.subject, NAME.txt or NAME.html (plus .mustache)"))
                continue
            }
            if kind != "html", !text.hasPrefix(Self.textPragma) {
                problems.append(TemplateProblem(source: name, message: "must start with \(Self.textPragma) so the text is not HTML-escaped"))
            }
            if kind == "html", text.contains("{{{") || text.contains("{{&") {
                problems.append(TemplateProblem(source: name, message: "uses an unescaped variable ({{{ }} or {{& }}) — form values must be escaped in HTML"))
            }
            do {
                templates[name] = try MustacheTemplate(string: text)
            } catch {
                problems.append(TemplateProblem(source: name, message: "does not parse: \(error)"))
            }
            let base = String(pieces[0])
            if !base.hasPrefix("_") { parts[base, default: []].insert(kind) }
        }
        for (base, kinds) in parts.sorted(by: { $0.key < $1.key }) {
            for needed in ["subject", "txt"] where !kinds.contains(needed) {
                problems.append(TemplateProblem(source: "\(base).\(needed)", message: "missing — every mail needs \(base).subject and \(base).txt"))
            }
        }
        guard problems.isEmpty else { throw TemplateSetError(problems: problems) }
        library = MustacheLibrary(templates: templates)
        names = parts.keys.sorted()
        htmlNames = Set(parts.filter { $0.value.contains("html") }.keys)
    }

    /// Renders mail `name`. Fails when the template asks for a variable the context does not
    /// have (give optional values as `.none`, never leave the key out), so a half-filled
    /// mail is never produced.
    public func render(_ name: String, context: [String: TemplateValue]) throws(RenderError) -> RenderedMail {
        guard names.contains(name) else { throw RenderError.unknownTemplate(name) }
        let subject = try part("\(name).subject", context: context)
        let text = try part("\(name).txt", context: context)
        let html = htmlNames.contains(name) ? try part("\(name).html", context: context) : nil
        return RenderedMail(subject: HeaderText.singleLine(subject), text: text, html: html)
    }

    private func part(_ source: String, context: [String: TemplateValue]) throws(RenderError) -> String {
        let recorder = MissRecorder()
        guard let output = library.render(ContextFrame(context, recorder: recorder), withTemplate: source) else {
            throw RenderError.unknownTemplate(source)
        }
        guard recorder.names.isEmpty else {
            throw RenderError.missingVariables(part: source, names: recorder.names)
        }
        return output
    }
}
