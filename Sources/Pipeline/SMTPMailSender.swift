// MailSender over MailTransport's libcurl SMTP session: one reused connection per batch.
import Foundation
import Logging
import MailTransport

/// The real relay.
public final class SMTPMailSender: MailSender {
    private let session: SMTPSession

    /// - Throws: `PipelineError.configuration` when the settings cannot work.
    public init(settings: SMTPSettings, logger: Logger) throws {
        do {
            session = try SMTPSession(settings: settings, logger: logger)
        } catch {
            throw IMAPMailboxSource.pipelineError(error)
        }
    }

    /// Sends each envelope on the session's connection. Throws only when nothing could be
    /// sent at all (relay down: 75; login or TLS refused: 78); after the first verdict every
    /// envelope gets a result, so a verdict already received is never lost.
    public func send(_ batch: [Envelope]) throws -> [SendResult] {
        var results: [SendResult] = []
        do {
            try send(batch) { results.append($0) }
        } catch {
            if results.isEmpty { throw error }
            let answered = Set(results.map(\.id))
            for envelope in batch where !answered.contains(envelope.id) {
                results.append(SendResult(id: envelope.id, code: 0, text: "\(error)", outcome: .retryLater))
            }
        }
        return results
    }

    /// As `send(_:)`, handing over each verdict before the next message is sent. The relay
    /// going away (connection refused, reset or timed out) stops the batch whenever it
    /// happens: every verdict so far was handed over, the rest wait for the next run (75).
    public func send(_ batch: [Envelope], each: (SendResult) throws -> Void) throws {
        var answered = 0
        for envelope in batch {
            let verdict: SendResult
            do {
                let result = try session.send(from: envelope.from, recipients: envelope.recipients, data: envelope.raw)
                let reply = result.finalReply ?? result.recipients.first?.reply ?? result.mailReply
                let code = reply?.code ?? 0
                let text = reply.map { "\($0)" } ?? "curl \(result.curlCode)"
                if result.accepted && result.failedRecipients.isEmpty {
                    verdict = SendResult(id: envelope.id, code: code, text: text, outcome: .delivered)
                } else {
                    verdict = SendResult(id: envelope.id, code: code, text: text,
                                         outcome: Self.outcome(result.failure ?? .retryLater))
                }
            } catch {
                if error.isTemporary {
                    throw PipelineError.temporary("SMTP: \(error)")
                }
                if answered == 0 {
                    if SMTPFailureClass.forError(error) == .retryNow {
                        throw PipelineError.temporary("SMTP: \(error)")
                    }
                    if error.kind == .authentication || error.kind == .configuration || error.kind == .insecureURL
                        || error.kind == .tlsVerification || error.kind == .tlsUnavailable {
                        throw PipelineError.configuration("SMTP: \(error)")
                    }
                }
                verdict = SendResult(id: envelope.id, code: 0, text: "\(error)",
                                     outcome: Self.outcome(SMTPFailureClass.forError(error)))
            }
            answered += 1
            try each(verdict)
        }
    }

    static func outcome(_ failure: SMTPFailureClass) -> DeliveryOutcome {
        switch failure {
        case .retryNow: return .retryNow
        case .retryLater: return .retryLater
        case .permanent: return .permanent
        }
    }
}
