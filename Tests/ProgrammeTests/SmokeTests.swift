import Testing
@testable import Programme

@Test func programmeLinks() { #expect(Bool(true)) }
