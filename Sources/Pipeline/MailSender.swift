// The SMTP side deliver talks to; SMTPMailSender wraps MailTransport, tests use a fake.
import Foundation

/// One message to send: envelope and the stored bytes.
public struct Envelope: Sendable, Hashable {
    /// The outbox row id, echoed in the result.
    public var id: Int64
    public var from: String
    public var recipients: [String]
    public var raw: [UInt8]
    public init(id: Int64, from: String, recipients: [String], raw: [UInt8]) {
        self.id = id
        self.from = from
        self.recipients = recipients
        self.raw = raw
    }
}

/// What the relay's reply means for us (RFC 5321 §4.2.1: 2yz done, 4yz transient, 5yz final).
public enum DeliveryOutcome: String, Sendable, Hashable, Codable {
    case delivered, retryNow, retryLater, permanent
}

/// The relay's answer for one message.
public struct SendResult: Sendable, Hashable {
    public var id: Int64
    public var code: Int
    public var text: String
    public var outcome: DeliveryOutcome
    public init(id: Int64, code: Int, text: String, outcome: DeliveryOutcome) {
        self.id = id
        self.code = code
        self.text = text
        self.outcome = outcome
    }
}

/// Sends a batch on one connection. Throws (`PipelineError.temporary`) when the relay cannot
/// be reached at all; otherwise one result per envelope.
public protocol MailSender {
    func send(_ batch: [Envelope]) throws -> [SendResult]
    /// Sends the batch in order, handing each verdict to `each` as soon as the relay gives it
    /// (deliver commits it there, before the next message goes out). An error thrown by `each`
    /// stops the batch and is rethrown.
    func send(_ batch: [Envelope], each: (SendResult) throws -> Void) throws
}

extension MailSender {
    /// For senders that only answer per batch: the verdicts once the batch is done.
    public func send(_ batch: [Envelope], each: (SendResult) throws -> Void) throws {
        for result in try send(batch) { try each(result) }
    }
}
