import Testing
@testable import Store

@Test func storeLinks() { #expect(Bool(true)) }
