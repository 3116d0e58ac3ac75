import Testing
import MailMessage
@testable import Forms

@Test func formsModuleLinks() {
    #expect(Message.parse(Array("\r\n".utf8)).defects.isEmpty)
}
