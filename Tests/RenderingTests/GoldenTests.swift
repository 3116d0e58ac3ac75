import Foundation
import Testing
@testable import Rendering

/// Every template rendered with a fixed context equals its reviewed golden file.
/// Set UPDATE_GOLDEN=1 to rewrite the files after a deliberate template change, then
/// read the diff before committing it with the template.
@Suite struct GoldenTests {
    static func goldenText(_ mail: RenderedMail) -> String {
        "Subject: \(mail.subject)\n==== text/plain ====\n\(mail.text)==== text/html ====\n\(mail.html ?? "(none)\n")"
    }

    @Test(arguments: Fixtures.cases)
    func renderingMatchesGolden(_ c: SampleContext) throws {
        let set = try Fixtures.repositorySet()
        let got = Self.goldenText(try set.render(c.template, context: c.context))
        let file = Paths.golden.appendingPathComponent("\(c.name).golden")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(got.utf8).write(to: file)
        }
        let want = try String(contentsOf: file, encoding: .utf8)
        #expect(got == want, "rendering of \(c.template) differs from \(file.lastPathComponent)")
    }

    @Test func everyTemplateHasAGoldenCase() throws {
        let set = try Fixtures.repositorySet()
        let covered = Set(Fixtures.cases.map(\.template))
        #expect(Set(set.names) == covered)
        let wanted: Set = ["ack_program", "ack_participant", "ack_score", "ack_rsvp", "ack_feedback", "ack_idea",
                           "errors", "help", "closed", "not_open"]
        #expect(wanted.isSubset(of: Set(set.names)))
    }

    @Test func everyGoldenFileBelongsToACase() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Paths.golden.path).filter { $0.hasSuffix(".golden") }
        #expect(Set(files) == Set(Fixtures.cases.map { "\($0.name).golden" }))
    }

    @Test func noGoldenHasAnEmptySlot() throws {
        for c in Fixtures.cases {
            let text = try String(contentsOf: Paths.golden.appendingPathComponent("\(c.name).golden"), encoding: .utf8)
            let slots = EmptySlot.find(in: text)
            #expect(slots.isEmpty, "\(c.name).golden has empty slots: \(slots)")
        }
    }

    @Test func subjectsCarryTheNumber() throws {
        let set = try Fixtures.repositorySet()
        for c in Fixtures.cases where c.template.hasPrefix("ack_") {
            guard case .number(let n)? = c.context["number"] else { Issue.record("no number in \(c.name)"); continue }
            #expect(try set.render(c.template, context: c.context).subject.contains("№ \(n)"))
        }
    }
}

/// Finds slots a missing or empty value left behind: "Номер: " at a line's end, "№ "
/// without a digit, empty quotes «», empty HTML cells or emphasis, "()".
enum EmptySlot {
    static func find(in text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let l = String(line)
            let patterns = [": $", ":\t$", "№ $", "№&nbsp;<", "№ ,", "№ .", "«»", "()", "<td></td>",
                            "<td style=\"padding: 3px 0; white-space: pre-wrap;\"></td>", "<b></b>", "<li></li>",
                            "<pre style", " , ", "  —", "от ;", "от .", "— $"]
            for p in patterns {
                if p == "<pre style" {
                    if l.hasPrefix("<pre"), l.hasSuffix("\"></pre>") { found.append(l) }
                    continue
                }
                if p.hasSuffix("$") {
                    if l.hasSuffix(String(p.dropLast())) { found.append(l) }
                } else if l.contains(p) {
                    found.append(l)
                }
            }
        }
        return found
    }
}

@Suite struct EmptySlotTests {
    static let lines: [(String, Bool)] = [
        ("Номер: ", true), ("ИНН:\t", true), ("Заявка № ", true), ("заявка №&nbsp;</b>", true),
        ("программа «»", true), ("<tr><td>ИНН</td><td></td></tr>", true), ("<li></li>", true),
        ("Она заменяет заявку № 5 от ; прежняя", true), ("<pre style=\"x\"></pre>", true),
        ("Номер: 5", false), ("Вот что мы поняли:", false), ("Заявка № 5 принята", false),
        ("программа «Тропа»", false), ("Мотивация: не указано", false),
    ]

    @Test(arguments: lines)
    func detectorFlagsEmptySlots(line: String, empty: Bool) {
        #expect(EmptySlot.find(in: line).isEmpty == !empty)
    }
}
