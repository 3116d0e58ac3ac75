import Foundation
import Testing
@testable import Settings

/// toml++ (TOMLKit 0.6.0) aborts on a table header whose name starts with a character no key
/// can start with (marzer/tomlplusplus#294, #301). The precheck must catch every such header,
/// with its line, and leave valid files — brackets in arrays, strings and comments — alone.
@Suite struct TOMLPrecheckTests {
    @Test(arguments: [
        // (text, line, column of the bad character)
        ("[)", 1, 2),
        ("[&", 1, 2),
        ("[[[1]]]", 1, 3),
        ("[[[a]]]", 1, 3),
        ("[[=", 1, 3),
        ("[ \t.a]", 1, 4),
        ("[\r\n", 1, 2),
        ("a = 1\n  [ ~x]\n", 2, 5),
        ("[ok]\nb = [1, [2, 3]]\n[=]\n", 3, 2),
        ("s = \"\"\"\n[fine]\n\"\"\"\n[?]", 4, 2),
        ("s = '''\n[)\n'''\n\n[[\u{00A0}x]]", 5, 3),
        ("k = \"a\\\"[\" # [)\n[*]", 2, 2),
        ("k = \"x\\\n[\"\n[,]", 3, 2),
    ])
    func abortingHeaderIsASyntaxProblemWithItsLine(text: String, line: Int, column: Int) throws {
        let problem = try #require(TOMLPrecheck.problem(in: text))
        #expect(problem.key == "syntax")
        #expect(problem.message.contains("line \(line), column \(column)"), "\(problem.message)")
    }

    @Test(arguments: [
        "",
        "[a]\n[[b]]\n[ c . d ]\n[\"q\"]\n['l']\n[-]\n[_]\n[0]",
        "a = [\n  [1, 2],\n  [)\n",                  // a nested array at a line start, not a header (toml++ rejects `)` cleanly)
        "s = \"\"\"\n[)\n\"\"\"\n",                   // inside a multi-line string
        "s = '''\n[&\n'''\n",
        "t = { a = [1] }\n# [)\n[x] # [)\n",
        "k = \"[)\"\n",
        "\0[)",                                         // TOMLKit passes a C string: it ends at the NUL
        "[]", "[", "[[", "[ [a]]",                     // toml++ rejects these itself, without aborting
    ])
    func everythingElseIsLeftToTOMLKit(text: String) {
        #expect(TOMLPrecheck.problem(in: text) == nil)
    }

    /// Through the loader: the problem comes as a ConfigError naming the file (exit 78).
    @Test func loaderReportsTheFileAndLine() throws {
        let scratch = try Scratch()
        let text = Settings.exampleTOML + "\n[)\n"
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        do {
            _ = try Settings.parse(text, file: scratch.configFile)
            Issue.record("a header starting with ')' was accepted")
        } catch {
            #expect(error.file == scratch.configFile)
            #expect(error.problems.map(\.key) == ["syntax"])
            #expect(error.description.contains(scratch.configFile.path))
            #expect(error.description.contains("line \(line), column 2"), "\(error.description)")
        }
    }

    /// Valid files toml++ parses and the precheck passes: the example and its variants.
    @Test func exampleStillLoads() throws {
        #expect(TOMLPrecheck.problem(in: Settings.exampleTOML) == nil)
        let scratch = try Scratch()
        _ = try Settings.parse(Settings.exampleTOML, file: scratch.configFile)
    }
}
