/// An address with an optional display name, as written in the config:
/// `Стажировки НКО Прикамья <intake@example.test>` or `intake@example.test`.
/// The display name is kept as Unicode; the MIME generator encodes it (RFC 2047).
public struct NamedAddress: Sendable, Hashable, CustomStringConvertible {
    public var displayName: String?
    /// `local@domain`, lower-cased domain.
    public var address: String

    public init(displayName: String?, address: String) {
        self.displayName = displayName
        self.address = address
    }

    /// Parses `Name <addr>` or a bare `addr`; nil when there is no plausible address.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let inner = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast())
            }
            guard let address = NamedAddress.normalised(inner) else { return nil }
            self.init(displayName: name.isEmpty ? nil : name, address: address)
        } else {
            guard let address = NamedAddress.normalised(trimmed) else { return nil }
            self.init(displayName: nil, address: address)
        }
    }

    public var description: String {
        displayName.map { "\($0) <\(address)>" } ?? address
    }

    /// A pragmatic check (RFC 5322 §3.4.1 addr-spec without quoted locals or literals):
    /// one `@`, a non-empty local part, a domain with a dot or `localhost`, no spaces or
    /// control characters. Returns the address with its domain lower-cased.
    static func normalised(_ text: String) -> String? {
        let s = text.trimmingCharacters(in: .whitespaces)
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              !s.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || "<>(),;:\"[]\\".unicodeScalars.contains($0) })
        else { return nil }
        let domain = parts[1].lowercased()
        guard domain == "localhost" || (domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".") && !domain.contains(".."))
        else { return nil }
        return "\(parts[0])@\(domain)"
    }
}

import Foundation
