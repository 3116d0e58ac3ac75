// `command --key value …` for the benchmark driver; no ArgumentParser needed for a script tool.

struct BenchArguments {
    var command = ""
    private var values: [String: String] = [:]

    init(_ argv: ArraySlice<String>) {
        var rest = argv
        command = rest.popFirst() ?? ""
        while let key = rest.popFirst() {
            guard key.hasPrefix("--") else { continue }
            values[String(key.dropFirst(2))] = rest.popFirst() ?? ""
        }
    }

    subscript(key: String) -> String? { values[key] }

    func require(_ key: String) throws -> String {
        guard let value = values[key], !value.isEmpty else { throw BenchFailure("--\(key) is required") }
        return value
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
