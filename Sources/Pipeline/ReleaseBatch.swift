// The batches a coordinator releases: named the same way in the digest, in a reply
// "ОТПРАВИТЬ <name>" and in the commands that release them.

import Foundation

/// A mass mailing or held mail waiting for a coordinator's release.
public enum ReleaseBatch: Sendable, Hashable {
    /// The programme result letters of the newest decision (`mail release results`).
    case results
    /// The winners' catalogue to the publicity list (`mail release catalogue`).
    case catalogue
    /// The participant selection letters (`mail release selection`).
    case selection
    /// Outbox mail a coordinator put on hold, of one template (`outbox retry <id>` each).
    case held(template: String)

    /// The name in the digest and in a reply: `results`, `catalogue`, `selection`,
    /// `held-<template>`.
    public var name: String {
        switch self {
        case .results: return "results"
        case .catalogue: return "catalogue"
        case .selection: return "selection"
        case .held(let template): return "held-\(template)"
        }
    }

    /// Reads a name as written in a reply (case and surrounding punctuation ignored).
    public init?(name: String) {
        let word = name.lowercased().trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)
            .subtracting(CharacterSet(charactersIn: "-_")))
        switch word {
        case "results": self = .results
        case "catalogue": self = .catalogue
        case "selection": self = .selection
        default:
            guard word.hasPrefix("held-"), word.count > 5,
                  word.dropFirst(5).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
            self = .held(template: String(word.dropFirst(5)))
        }
    }

    /// The command that releases the batch, as a coordinator types it.
    public func command(heldIDs: [Int64] = []) -> String {
        switch self {
        case .results: return "internships mail release results"
        case .catalogue: return "internships mail release catalogue"
        case .selection: return "internships mail release selection"
        case .held:
            return heldIDs.isEmpty ? "internships outbox list --state held"
                : heldIDs.map { "internships outbox retry \($0)" }.joined(separator: "; ")
        }
    }

    /// The command that shows what a release would send, when there is one.
    public var preview: String? {
        switch self {
        case .results: return "internships mail preview results"
        case .selection: return "internships mail preview selection"
        case .catalogue, .held: return nil
        }
    }
}
