// Forms: a blank form filled with what was understood, for the reply that lists problems
// ("repeats the form, pre-filled with what was understood", product.md).

/// Fills a blank form text (from `mail-templates/forms/`) with canonical values.
public enum FormPrefill {
    /// Each label line of `kind` in `blank` (`Label:` or `Label: [ ]`) gets its value; multi-line
    /// values go on the following lines; consent becomes `[x]` / `[ ]`. Other lines are kept.
    public static func fill(blank: String, kind: FormKind, fields: [String: FormValue?]) -> String {
        var out: [String] = []
        for line in blank.split(separator: "\n", omittingEmptySubsequences: false) {
            let s = String(line)
            let labelText = s.hasSuffix(":") ? String(s.dropLast()) : s.hasSuffix(": [ ]") ? String(s.dropLast(5)) : nil
            guard let labelText,
                  let ref = LabelIndex.shared.fields(forLabel: labelText, fuzzy: false).first(where: { $0.kind == kind }),
                  let spec = kind.field(ref.id) else {
                out.append(s)
                continue
            }
            let value = fields[ref.id] ?? nil
            switch (spec.type, value) {
            case (.consent, .bool(let given)?):
                out.append(labelText + ": " + (given ? "[x]" : "[ ]"))
            case (_, nil):
                out.append(s)
            case (.multilineText, .text(let t)?) where t.contains("\n"):
                out.append(labelText + ":")
                out.append(t)
            case (.programChoices, .programs(let list)?):
                out.append(labelText + ":")
                for (n, c) in list.enumerated() {
                    let parts = [c.number.map { "№\($0)" }, c.title.map { "«\($0)»" }].compactMap { $0 }
                    out.append("\(n + 1). " + parts.joined(separator: " "))
                }
            case (_, let v?):
                out.append(labelText + ": " + v.display)
            }
        }
        return out.joined(separator: "\n")
    }
}
