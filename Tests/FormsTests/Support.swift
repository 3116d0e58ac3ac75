import Foundation
import Testing
@testable import Forms

/// Paths of the repository, relative to this file (tests do not depend on the working directory).
enum Repo {
    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = testsDir.deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = testsDir.appendingPathComponent("Corpus")
    static let templates = root.appendingPathComponent("mail-templates")

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    static func wording() throws -> FormErrorWording {
        let (w, problems) = FormErrorWording.parse(try text(templates.appendingPathComponent("form-errors.ru.toml")))
        #expect(problems.isEmpty, "wording file lines not understood: \(problems)")
        return w
    }

    static func blankForm(_ kind: FormKind) throws -> String {
        try text(templates.appendingPathComponent("forms/\(kind.rawValue).txt"))
    }
}

/// A JSON value for comparing expected and actual output without caring about key order.
indirect enum JSON: Equatable, Decodable, CustomStringConvertible {
    case null, bool(Bool), number(Double), string(String), array([JSON]), object([String: JSON])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) { self = .string(s) } else if let a = try? c.decode([JSON].self) {
            self = .array(a)
        } else { self = .object(try c.decode([String: JSON].self)) }
    }

    static func parse(_ data: Data) throws -> JSON { try JSONDecoder().decode(JSON.self, from: data) }

    static func encode<T: Encodable>(_ value: T) throws -> JSON {
        try parse(try JSONEncoder().encode(value))
    }

    subscript(key: String) -> JSON? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .number(let n): n == n.rounded() ? "\(Int(n))" : "\(n)"
        case .string(let s): "\"\(s)\""
        case .array(let a): "[" + a.map(\.description).joined(separator: ", ") + "]"
        case .object(let o): "{" + o.keys.sorted().map { "\($0): \(o[$0]?.description ?? "")" }.joined(separator: ", ") + "}"
        }
    }
}
