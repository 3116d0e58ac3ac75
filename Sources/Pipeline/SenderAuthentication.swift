// Whether the receiving server vouches for the sender (RFC 8601 Authentication-Results).
import MailMessage

/// What the trusted receiving server says about the From domain.
public enum SenderAuthentication: String, Sendable, Hashable, Codable {
    /// DMARC passed, or SPF or DKIM passed with no DMARC failure.
    case verified
    /// DMARC failed, or both SPF and DKIM failed.
    case failed
    /// No result from a trusted server (none at all, or only ones that came with the message).
    case unknown

    /// RFC 8601 §5 and §7.1: only a field whose authserv-id is one of `trusted` (our border
    /// MTA, which strips incoming fields with its own id) counts; of those the topmost, which
    /// it added last. With no trusted id configured the topmost field is read (the previous
    /// rule), which is weaker: anyone can write one when the MTA adds none.
    public static func of(_ message: Message, trusted: Set<String>) -> SenderAuthentication {
        let all = message.authenticationResults
        let ours: AuthenticationResults?
        if trusted.isEmpty {
            ours = all.first
        } else {
            let lowered = Set(trusted.map { $0.lowercased() })
            ours = all.first { lowered.contains($0.authservID.lowercased()) }
        }
        guard let ours else { return .unknown }
        let dmarc = ours.result(for: "dmarc"), spf = ours.result(for: "spf"), dkim = ours.result(for: "dkim")
        if dmarc == "fail" || (spf == "fail" && dkim == "fail") { return .failed }
        if dmarc == "pass" || spf == "pass" || dkim == "pass" { return .verified }
        return .unknown
    }
}
