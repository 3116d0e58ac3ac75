import Testing
@testable import MailMessage

@Test func parsesSomething() {
    let m = Message.parse(Array("Subject: hi\r\n\r\nbody".utf8))
    #expect(m.defects.isEmpty)
}
