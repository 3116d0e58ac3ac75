import Testing
@testable import Rendering

@Suite struct RenderingBehaviourTests {
    static let ackProgram = Fixtures.cases[0].context

    /// Each key the ack_program templates use, left out in turn, is reported by name
    /// (swift-mustache alone would render an empty slot).
    @Test(arguments: ["number", "fields", "campaign", "name", "replaces"])
    func missingVariableIsAnError(key: String) throws {
        let set = try Fixtures.repositorySet()
        var context = Self.ackProgram
        context[key] = nil
        let error = try #require(throws: RenderError.self) { try set.render("ack_program", context: context) }
        guard case .missingVariables(_, let names) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(names == [key])
    }

    @Test func missingVariableInsideASectionIsAnError() throws {
        let set = try TemplateSet(sources: [
            "m.subject": "{{%CONTENT_TYPE: TEXT}}S",
            "m.txt": "{{%CONTENT_TYPE: TEXT}}{{#items}}{{label}}={{valeu}};{{/items}}",
        ])
        let context: [String: TemplateValue] = ["items": [["label": "a", "value": "1"]]]
        #expect(throws: RenderError.missingVariables(part: "m.txt", names: ["valeu"])) {
            try set.render("m", context: context)
        }
        let fixed = try TemplateSet(sources: [
            "m.subject": "{{%CONTENT_TYPE: TEXT}}S",
            "m.txt": "{{%CONTENT_TYPE: TEXT}}{{#items}}{{label}}={{value}} of {{total}};{{/items}}",
        ])
        // `total` is found in the root after the item misses it: not a miss.
        let ok = try fixed.render("m", context: context.merging(["total": 1]) { a, _ in a })
        #expect(ok.text == "a=1 of 1;")
    }

    @Test func noneAndEmptyTextAreDeclaredAbsence() throws {
        let set = try Fixtures.repositorySet()
        var context = Self.ackProgram
        context["name"] = ""
        let mail = try set.render("ack_program", context: context)
        #expect(mail.text.hasPrefix("Здравствуйте!\n"))
    }

    @Test func htmlPartEscapesTextPartDoesNot() throws {
        let set = try Fixtures.repositorySet()
        var context = Self.ackProgram
        context["fields"] = [["label": "Название программы", "value": "<script>alert(1)</script> & «Тропа»"]]
        let mail = try set.render("ack_program", context: context)
        #expect(mail.text.contains("Название программы: <script>alert(1)</script> & «Тропа»"))
        let html = try #require(mail.html)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; «Тропа»"))
    }

    static let hostileSubjects: [String] = [
        "Кама\r\nBcc: victim@example.org", "Кама\nX-Injected: 1", "Кама\rBcc: x", "Кама\u{0}Bcc: x",
        "Кама\u{2028}Bcc: x", "Кама\u{85}Bcc: x", "Кама\t\t\u{B}x",
    ]

    @Test(arguments: hostileSubjects)
    func subjectIsOneLineWhateverTheValues(campaign: String) throws {
        let set = try Fixtures.repositorySet()
        let mail = try set.render("help", context: ["campaign": .text(campaign), "name": .none, "forms": []])
        let controls = mail.subject.unicodeScalars.filter { $0.properties.generalCategory == .control || $0 == "\u{2028}" }
        #expect(controls.isEmpty, "subject \(mail.subject.debugDescription)")
        #expect(mail.subject.hasPrefix("Как подать заявку в программу «Кама"))
        #expect(mail.subject == mail.subject.trimmingCharacters(in: .whitespaces))
    }

    static let bodies: [(String, String)] = [
        ("a\u{0}b", "ab"), ("line1\r\nline2", "line1\nline2"), ("line1\rline2", "line1\nline2"),
        ("tab\there", "tab\there"), ("bell\u{7}", "bell"), ("кириллица", "кириллица"),
    ]

    @Test(arguments: bodies)
    func bodyValuesAreNormalised(value: String, want: String) throws {
        let set = try TemplateSet(sources: ["m.subject": "{{%CONTENT_TYPE: TEXT}}S", "m.txt": "{{%CONTENT_TYPE: TEXT}}[{{v}}]"])
        #expect(try set.render("m", context: ["v": .text(value)]).text == "[\(want)]")
    }

    @Test func unknownTemplate() throws {
        let set = try Fixtures.repositorySet()
        #expect(throws: RenderError.unknownTemplate("ack_nothing")) { try set.render("ack_nothing", context: [:]) }
        #expect(throws: RenderError.unknownTemplate("_footer")) { try set.render("_footer", context: [:]) }
    }

    static let badSets: [(sources: [String: String], source: String, says: String)] = [
        (["m.subject": "S", "m.txt": "{{%CONTENT_TYPE: TEXT}}T"], "m.subject", "must start with"),
        (["m.subject": "{{%CONTENT_TYPE: TEXT}}S", "m.txt": "T {{x}}"], "m.txt", "must start with"),
        (["m.subject": "{{%CONTENT_TYPE: TEXT}}S"], "m.txt", "missing"),
        (["m.txt": "{{%CONTENT_TYPE: TEXT}}S"], "m.subject", "missing"),
        (["m.subject": "{{%CONTENT_TYPE: TEXT}}S", "m.txt": "{{%CONTENT_TYPE: TEXT}}{{#a}}x"], "m.txt", "does not parse"),
        (["m.subject": "{{%CONTENT_TYPE: TEXT}}S", "m.txt": "{{%CONTENT_TYPE: TEXT}}T", "m.html": "<p>{{{v}}}</p>"], "m.html", "unescaped"),
        (["m.subject": "{{%CONTENT_TYPE: TEXT}}S", "m.txt": "{{%CONTENT_TYPE: TEXT}}T", "m.text": "x"], "m.text", "unexpected name"),
    ]

    @Test(arguments: badSets)
    func badSourcesAreReported(sources: [String: String], source: String, says: String) {
        let error = #expect(throws: TemplateSetError.self) { try TemplateSet(sources: sources) }
        let match = error?.problems.first { $0.source == source }
        #expect(match?.message.contains(says) == true, "got \(String(describing: error))")
    }

    static let plurals: [(Int, String)] = [(1, "ошибка"), (2, "ошибки"), (4, "ошибки"), (5, "ошибок"), (11, "ошибок"),
                                           (12, "ошибок"), (21, "ошибка"), (22, "ошибки"), (111, "ошибок"), (0, "ошибок")]

    @Test(arguments: plurals)
    func russianPlural(n: Int, want: String) {
        #expect(RussianText.plural(n, "ошибка", "ошибки", "ошибок") == want)
    }

    @Test func russianDate() {
        #expect(RussianText.date(year: 2027, month: 9, day: 15) == "15 сентября 2027 г.")
        #expect(RussianText.date(year: 2027, month: 13, day: 1) == nil)
    }
}

import Foundation

@Suite struct TemplateCheckTests {
    @Test func repositoryTemplatesPassTheCheck() throws {
        let result = try Fixtures.repositorySet().check()
        #expect(result.failures.isEmpty, "\(result.failures)")
        #expect(result.uncovered.isEmpty)
    }

    /// What `doctor` catches after a coordinator edits a template.
    @Test func aTypoInAnEditedTemplateIsCaught() throws {
        var sources = try Fixtures.repositorySources()
        sources["ack_program.txt"] = try #require(sources["ack_program.txt"]).replacingOccurrences(of: "под № {{number}}", with: "под № {{numbr}}")
        sources["extra.subject"] = "{{%CONTENT_TYPE: TEXT}}Extra"
        sources["extra.txt"] = "{{%CONTENT_TYPE: TEXT}}Extra"
        let result = try TemplateSet(sources: sources).check()
        #expect(result.failures.map(\.sample) == ["ack_program", "ack_program_replaces"])
        #expect(result.failures.first?.error == .missingVariables(part: "ack_program.txt", names: ["numbr"]))
        #expect(result.uncovered == ["extra"])
    }
}
