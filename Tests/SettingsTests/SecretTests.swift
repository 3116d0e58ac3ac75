import Foundation
import MailTransport
import Testing
@testable import Settings

@Suite struct SecretTests {
    @Test func secretNeverPrintsItsValue() {
        let secret = Secret("hunter2-пароль")
        var dumped = ""
        dump(secret, to: &dumped)
        let renderings = ["\(secret)", String(describing: secret), String(reflecting: secret), dumped,
                          "\(SecretReading(secret: secret, warnings: []))", "\([secret])"]
        for text in renderings {
            #expect(!text.contains("hunter2"), "leaked in \(text)")
        }
        #expect("\(secret)" == "<redacted>")
        #expect(secret.reveal() == "hunter2-пароль")
    }

    static let files: [(content: String, want: String)] = [
        ("secret\n", "secret"), ("secret\r\n", "secret"), ("secret", "secret"),
        ("  spaced pass  \nsecond line\n", "  spaced pass  "),
    ]

    @Test(arguments: files)
    func fileSecretIsTheFirstLine(content: String, want: String) throws {
        let scratch = try Scratch()
        let url = try scratch.write(content, to: "pw")
        let reading = try SecretSource.file(url).read(environment: [:])
        #expect(reading.secret.reveal() == want)
        #expect(reading.warnings.isEmpty)
    }

    @Test(arguments: [(0o600, false), (0o400, false), (0o640, true), (0o644, true), (0o604, true)])
    func readableByOthersWarns(mode: Int, warns: Bool) throws {
        let scratch = try Scratch()
        let url = try scratch.write("secret\n", to: "pw", mode: mode)
        let reading = try SecretSource.file(url).read(environment: [:])
        #expect(!reading.warnings.isEmpty == warns)
        #expect(reading.warnings.allSatisfy { $0.contains("chmod 600") && !$0.contains("secret\n") })
    }

    @Test func environmentSecret() throws {
        let source = SecretSource.environment("INTERNSHIPS_TEST_PW")
        #expect(try source.read(environment: ["INTERNSHIPS_TEST_PW": "p@ss"]).secret.reveal() == "p@ss")
        let unset = try #require(throws: SecretError.self) { try source.read(environment: [:]) }
        #expect(unset.description.contains("not set"))
        let empty = try #require(throws: SecretError.self) { try source.read(environment: ["INTERNSHIPS_TEST_PW": ""]) }
        #expect(empty.description.contains("empty"))
    }

    @Test func missingOrEmptyFileFailsWithRemedy() throws {
        let scratch = try Scratch()
        let missing = try #require(throws: SecretError.self) {
            try SecretSource.file(scratch.dir.appendingPathComponent("nope")).read(environment: [:])
        }
        #expect(missing.description.contains("no such file"))
        let empty = try scratch.write("\nsecond\n", to: "empty")
        let error = try #require(throws: SecretError.self) { try SecretSource.file(empty).read(environment: [:]) }
        #expect(error.description.contains("first line is empty"))
    }
}
