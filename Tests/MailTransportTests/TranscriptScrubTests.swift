// The byte search that decides whether a transcript line holds a secret (TranscriptRecorder.scrub).
import Testing
@testable import MailTransport

@Suite("Transcript secret search")
struct TranscriptScrubTests {
    @Test(arguments: [
        ("250 ok", "hunter2", false),
        ("hunter2", "hunter2", true),
        ("AUTH hunter2 x", "hunter2", true),
        ("xhunter", "hunter2", false),            // a prefix at the end is no match
        ("hunte", "hunter2", false),              // shorter than the secret
        ("hhunter2", "hunter2", true),            // overlapping first byte
        ("Пароль: секрет!", "секрет", true),      // non-ASCII secret: Foundation's search
        ("Пароль: секре", "секрет", false),
        ("", "hunter2", false),
    ])
    func containsBytes(text: String, secret: String, want: Bool) {
        #expect(TranscriptRecorder.containsBytes(text, secret) == want)
        #expect((TranscriptRecorder.scrub(text, secretWords: [secret]) != text) == want)
    }
}
