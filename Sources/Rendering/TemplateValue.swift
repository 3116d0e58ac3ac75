/// A value in a template context. Contexts are plain data so a plan can be built, compared
/// and stored without the template engine; `none` says "known, and deliberately empty"
/// (an optional field not given, no earlier version) — as opposed to a key nobody provided,
/// which `TemplateSet.render` reports as a missing variable.
public indirect enum TemplateValue: Sendable, Hashable {
    case text(String)
    case number(Int)
    case flag(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])
    case none
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .none }
}

extension TemplateValue {
    /// Text or nothing: `nil` becomes `.none`.
    public static func optional(_ text: String?) -> TemplateValue {
        text.map { .text($0) } ?? .none
    }
}
