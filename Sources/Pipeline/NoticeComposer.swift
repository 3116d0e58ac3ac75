// Builds the bytes of a mail the programme starts itself (assignments, reminders, results,
// catalogue): not a reply, so Auto-Submitted is auto-generated (RFC 3834 §5).
import Foundation
import MailMessage

enum NoticeComposer {
    static func compose(config: PipelineConfig, to recipient: String, subject: String, text: String,
                        html: String?, messageID: String, date: Date) throws -> [UInt8] {
        let message = OutgoingMessage(
            from: Address(name: config.programmeName, address: config.fromAddress ?? config.programmeAddress),
            to: [Address(address: recipient)],
            replyTo: [Address(address: config.programmeAddress)],
            subject: subject, messageID: messageID, date: date, timeZone: config.timeZone,
            extraHeaders: [
                OutgoingHeader(name: "Auto-Submitted", value: "auto-generated"),
                OutgoingHeader(name: config.loopHeader, value: config.programmeAddress),
            ],
            textBody: text, htmlBody: html)
        return try message.generate()
    }
}
