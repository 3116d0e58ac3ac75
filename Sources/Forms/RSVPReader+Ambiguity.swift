// Forms: an answer to an invitation that says yes and no at once ("да, но…", "не знаю")
// gets a question back instead of a guess.
import Foundation

extension RSVPReader {
    static let yesWords: Set<String> = ["да", "yes", "конечно", "подтверждаю", "приеду", "буду", "ok", "ок"]
    static let noWords: Set<String> = ["нет", "no", "не", "отказываюсь"]
    /// Words that make any answer uncertain.
    static let hedges: Set<String> = ["возможно", "может", "наверное", "постараюсь", "попробую", "знаю", "уверен",
                                      "уверена", "если", "maybe"]
    /// After a yes, these turn it into "yes, but…".
    static let buts: Set<String> = ["но", "однако", "but"]

    /// The answer line when the sender's first own line is not a plain yes or no: a yes with a
    /// no, a "but" or a hedge in it, or a no with a hedge. nil for a clear answer or none.
    public func ambiguity(in text: String) -> String? {
        guard let line = answerLine(in: text) else { return nil }
        let words = line.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        guard let first = words.first else { return nil }
        let rest = Set(words.dropFirst())
        let yes = RSVPReader.yesWords.contains(first)
        let no = RSVPReader.noWords.contains(first) || first.hasPrefix("отказыва")
        if yes, !rest.isDisjoint(with: RSVPReader.noWords.union(RSVPReader.buts).union(RSVPReader.hedges)) { return line }
        if no, !rest.isDisjoint(with: RSVPReader.hedges) { return line }
        return nil
    }

    /// The sender's first own line that is not empty or a greeting.
    func answerLine(in text: String) -> String? {
        let own = TextZones.split(text).filter { $0.zone == .body }.map { $0.text.trimmingCharacters(in: .whitespaces) }
        return own.first { line in
            !line.isEmpty && !(RSVPReader.greetings.contains { line.lowercased().hasPrefix($0) } && line.count < 60)
        }
    }
}
