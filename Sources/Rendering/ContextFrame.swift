import Mustache

/// A context object for swift-mustache that records misses. Mustache looks a name up from
/// the innermost section outwards and asks the root last, so a name the ROOT frame does
/// not have is a name nobody has: that is the miss worth reporting. Inner frames (list
/// items, objects) stay silent, since their misses are normal on the way out.
final class ContextFrame: MustacheParent {
    private let values: [String: TemplateValue]
    private let recorder: MissRecorder?

    init(_ values: [String: TemplateValue], recorder: MissRecorder?) {
        self.values = values
        self.recorder = recorder
    }

    func child(named name: String) -> Any? {
        guard let value = values[name] else {
            recorder?.record(name)
            return nil
        }
        return Self.mustacheValue(value) ?? Absent()
    }

    /// Values as swift-mustache understands them (nil: absent, see `Absent`). Empty text counts as absent (`{{^x}}`
    /// fallbacks apply); NUL never reaches output; CRLF and bare CR become LF.
    static func mustacheValue(_ value: TemplateValue) -> Any? {
        switch value {
        case .text(let s):
            let clean = HeaderText.normalisedBody(s)
            return clean.allSatisfy(\.isWhitespace) ? nil : clean
        case .number(let n): return n
        case .flag(let b): return b
        case .list(let items): return items.compactMap(mustacheValue)  // absent items are dropped
        case .object(let fields): return ContextFrame(fields, recorder: nil)
        case .none: return nil
        }
    }
}

/// A declared-but-absent value. It must not be nil: swift-mustache treats nil from a frame
/// as "not here" and climbs to the root, which would then record a false miss. As a null
/// renderable it renders as empty text, skips `{{#x}}` and shows `{{^x}}`.
struct Absent: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}
