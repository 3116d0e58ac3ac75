import Testing
@testable import Settings

@Test func settingsLinks() { #expect(Bool(true)) }
