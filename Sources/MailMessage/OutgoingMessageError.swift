// Why an outgoing message could not be generated.

/// A value that cannot be written without breaking the message; the generator refuses it
/// rather than emit it. The texts say what to fix.
public enum OutgoingMessageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An addr-spec that is not ASCII dot-atom `local@domain` (CR/LF, `<`, `>`, `,`, spaces,
    /// non-ASCII — SMTPUTF8 is not supported). `field` is the header, e.g. `To`.
    case invalidAddress(field: String, address: String)
    /// A message id that is not `dot-atom@dot-atom` (RFC 5322 §3.6.4), or longer than 250.
    case invalidMessageID(field: String, id: String)
    /// A domain for `makeMessageID` that is not an ASCII dot-atom host name.
    case invalidDomain(String)

    public var description: String {
        switch self {
        case let .invalidAddress(field, address):
            "\(field) address \(address.debugDescription) cannot be sent: use a plain ASCII local@domain without spaces, angle brackets or commas"
        case let .invalidMessageID(field, id):
            "\(field) id \(id.debugDescription) is not a valid message id: use dot-atom@dot-atom (check with OutgoingMessage.isValidMessageID and drop invalid ids)"
        case let .invalidDomain(domain):
            "domain \(domain.debugDescription) cannot be used in a Message-ID: use an ASCII host name like internships.example.test"
        }
    }
}
