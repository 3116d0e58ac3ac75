import Testing
@testable import MailTransport

@Test func transportModuleLinks() {
    #expect(Bool(true))
}
