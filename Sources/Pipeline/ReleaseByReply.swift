// What the "ОТПРАВИТЬ <batch>" reply needs: who may send it, what is waiting (the digest's
// view), how to release, and the template of the answer.
import Foundation
import Rendering

/// A coordinator's release by replying to the digest (issue 8, optional part).
public struct ReleaseByReply {
    /// Lower-cased coordinator addresses (`[[coordinators]]`): nobody else is obeyed.
    public var coordinators: Set<String>
    /// The digest's settings: what waits is read as the digest reads it.
    public var digest: DigestConfig
    public var releaser: any BatchReleaser
    /// Renders `release_reply`.
    public var templates: TemplateSet

    public init(digest: DigestConfig, releaser: any BatchReleaser, templates: TemplateSet) {
        self.coordinators = Set(digest.coordinators.map(\.email))
        self.digest = digest
        self.releaser = releaser
        self.templates = templates
    }

    /// The command in a reply: its first non-empty line of the reply's own text (quotes of
    /// the digest, which list every batch, never count), `ОТПРАВИТЬ <name>` in any case.
    /// Returns the word after ОТПРАВИТЬ ("" when none); nil when the line is no command.
    public static func command(in text: String) -> String? {
        commandLine(in: text).map { line in
            line.dropFirst("ОТПРАВИТЬ".count).split(whereSeparator: { $0.isWhitespace || $0 == ":" }).first.map(String.init) ?? ""
        }
    }

    /// The line that carries the command (trimmed, at most 200 characters), or nil: what parse
    /// keeps in `inboundMessage.replyCommand` ("" for none) and `command(in:)` reads.
    /// Walks lines lazily and stops at the first non-blank one: parse asks this of every human
    /// message, and splitting the whole body first (a grapheme walk of all of it) was 25% of
    /// the parse stage's CPU (perf, 500 P1 messages, session 3).
    public static func commandLine(in text: String) -> String? {
        var rest = text[...]
        while !rest.isEmpty {
            let end = rest.firstIndex(where: \.isNewline) ?? rest.endIndex
            let line = rest[..<end]
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            // Upper-case the word's length only: the first line of a rendered HTML body can be
            // a whole paragraph.
            guard trimmed.prefix(9).uppercased().hasPrefix("ОТПРАВИТЬ") else { return nil }
            let after = trimmed.dropFirst("ОТПРАВИТЬ".count)
            guard after.isEmpty || after.first?.isWhitespace == true || after.first == ":" else { return nil }
            return String(trimmed.prefix(200))
        }
        return nil
    }
}
