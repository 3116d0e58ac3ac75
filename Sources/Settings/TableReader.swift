import Foundation
import TOMLKit

/// Reads one TOML table against the keys it may hold. Every accessor records a problem
/// instead of throwing, so one load reports everything wrong; unknown keys are reported
/// when the reader is made, with the nearest known key as a suggestion.
struct TableReader {
    let table: TOMLTable
    /// How the table is named in messages: `[mailbox]`, `[campaign.program_call]`, `[[experts]] #2`.
    let label: String
    let problems: ProblemList

    init(_ table: TOMLTable, label: String, known: [String], problems: ProblemList) {
        self.table = table
        self.label = label
        self.problems = problems
        for key in table.keys.sorted() where !known.contains(key) {
            let hint = KeySuggestion.nearest(to: key, among: known).map { " — did you mean '\($0)'?" }
                ?? " — valid keys here: \(known.joined(separator: ", "))"
            problems.add(label.isEmpty ? "[\(key)]" : "\(label) \(key)", "unknown \(label.isEmpty ? "section" : "key")\(hint)")
        }
    }

    func key(_ name: String) -> String { "\(label) \(name)" }

    func problem(_ name: String, _ message: String) { problems.add(key(name), message) }

    private func typed<T>(_ name: String, required: Bool, what: String, _ extract: (TOMLValueConvertible) -> T?) -> T? {
        guard let value = table[name] else {
            if required { problem(name, "missing — add \(name) = <\(what)>") }
            return nil
        }
        guard let result = extract(value) else {
            problem(name, "expected \(what), got \(value.type) \(value.debugDescription)")
            return nil
        }
        return result
    }

    /// A string, trimmed; an empty one counts as missing when required.
    func string(_ name: String, required: Bool = true) -> String? {
        guard let s = typed(name, required: required, what: "a string", { $0.string }) else { return nil }
        let trimmed = s.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            problem(name, "is empty — give a value\(required ? "" : " or remove the line")")
            return nil
        }
        return trimmed
    }

    func int(_ name: String, default fallback: Int? = nil, range: ClosedRange<Int>) -> Int? {
        guard let n = typed(name, required: fallback == nil, what: "an integer", { $0.int }) else {
            return table[name] == nil ? fallback : nil
        }
        guard range.contains(n) else {
            problem(name, "\(n) is out of range — use \(range.lowerBound)...\(range.upperBound)")
            return nil
        }
        return n
    }

    func bool(_ name: String, default fallback: Bool) -> Bool? {
        guard table[name] != nil else { return fallback }
        return typed(name, required: false, what: "true or false", { $0.bool })
    }

    /// Whole seconds (`*_s` keys), as a `Duration`.
    func seconds(_ name: String, default fallback: Int, range: ClosedRange<Int>) -> Duration? {
        int(name, default: fallback, range: range).map { .seconds($0) }
    }

    /// A TOML local date (`2026-07-01`) or a string `"2026-07-01"`.
    func day(_ name: String) -> CalendarDay? {
        guard let value = table[name] else {
            problem(name, "missing — add \(name) = YYYY-MM-DD")
            return nil
        }
        if let d = value.date {
            if let day = CalendarDay(year: d.year, month: d.month, day: d.day) { return day }
        } else if let s = value.string, let day = CalendarDay(iso: s.trimmingCharacters(in: .whitespaces)) {
            return day
        }
        problem(name, "\(value.debugDescription) is not a date — write YYYY-MM-DD, e.g. 2026-07-01")
        return nil
    }

    /// A sub-table, or nil (with a problem when required or when it is not a table).
    func table(_ name: String, known: [String], required: Bool = true) -> TableReader? {
        let childLabel = label.hasSuffix("]") && !label.hasPrefix("[[")
            ? "[\(label.dropFirst().dropLast()).\(name)]" : "\(label) \(name)"
        guard let value = table[name] else {
            if required { problems.add(childLabel, "missing — add the table with: \(known.joined(separator: ", "))") }
            return nil
        }
        guard let t = value.table else {
            problem(name, "expected a table ([\(name)] or { ... }), got \(value.type)")
            return nil
        }
        return TableReader(t, label: childLabel, known: known, problems: problems)
    }

    /// An array of integers, each in `range`.
    func ints(_ name: String, range: ClosedRange<Int>) -> [Int]? {
        guard let value = table[name] else { return nil }
        guard let array = value.array else {
            problem(name, "expected an array of integers like [5, 15, 60], got \(value.type)")
            return nil
        }
        var result: [Int] = []
        for element in array {
            guard let n = element.int, range.contains(n) else {
                problem(name, "\(element.debugDescription) is not an integer in \(range.lowerBound)...\(range.upperBound)")
                return nil
            }
            result.append(n)
        }
        if result.isEmpty {
            problem(name, "is empty — give at least one value or remove the line")
            return nil
        }
        return result
    }
}
