// Forms: a typed, canonical field value. Encodes to the plain JSON of `parse --json`.

/// A field value in the canonical form of product.md.
public enum FormValue: Sendable, Hashable {
    case text(String)
    case integer(Int)
    case decimal(Double)
    case bool(Bool)
    /// ISO `YYYY-MM-DD` days, in the order written.
    case dates([String])
    /// Lower-cased addr-spec.
    case email(String)
    /// `+7XXXXXXXXXX`.
    case phone(String)
    /// An enum raw value, e.g. `employee`.
    case enumeration(String)
    case programs([ProgramChoice])
}

extension FormValue: Codable {
    /// JSON: strings, numbers, bools, arrays — the shape of product.md, no type tags.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .text(let s), .email(let s), .phone(let s), .enumeration(let s): try c.encode(s)
        case .integer(let i): try c.encode(i)
        case .decimal(let d): try c.encode(d)
        case .bool(let b): try c.encode(b)
        case .dates(let d): try c.encode(d)
        case .programs(let p): try c.encode(p)
        }
    }

    /// Decoding is lossy (a phone decodes as text); it exists for tests and tools reading JSON back.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let i = try? c.decode(Int.self) { self = .integer(i); return }
        if let d = try? c.decode(Double.self) { self = .decimal(d); return }
        if let s = try? c.decode(String.self) { self = .text(s); return }
        if let d = try? c.decode([String].self) { self = .dates(d); return }
        self = .programs(try c.decode([ProgramChoice].self))
    }
}

extension FormValue {
    /// The value as a person reads it, in acknowledgements and pre-filled forms: enum values
    /// in Russian, dates as `dd.mm.yyyy`, decimals with a comma. Every form parses it back.
    public var display: String {
        switch self {
        case .text(let s), .email(let s), .phone(let s): s
        case .enumeration(let s): Self.russianEnumeration[s] ?? s
        case .integer(let i): String(i)
        case .decimal(let d): d == d.rounded() ? String(Int(d)) : String(d).replacingOccurrences(of: ".", with: ",")
        case .bool(let b): b ? "да" : "нет"
        case .dates(let d): d.map(Self.russianDate).joined(separator: ", ")
        case .programs(let p):
            p.map { choice in
                [choice.number.map { "№ \($0)" }, choice.title.map { "«\($0)»" }].compactMap { $0 }.joined(separator: " ")
            }.joined(separator: "; ")
        }
    }

    /// Canonical enum values (product.md) as the blank forms name them.
    static let russianEnumeration = ["employee": "сотрудник", "volunteer": "волонтёр"]

    /// `2026-09-29` → `29.09.2026`; anything else as it is.
    static func russianDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4 else { return iso }
        return "\(parts[2]).\(parts[1]).\(parts[0])"
    }
}
