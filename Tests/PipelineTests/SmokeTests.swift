import Testing
@testable import Pipeline

@Test func pipelineLinks() { #expect(Bool(true)) }
