import Testing
@testable import Rendering

@Test func renderingLinks() { #expect(Bool(true)) }
