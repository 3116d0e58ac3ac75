// What `internships mailbox check` prints: the server's notable capabilities and each
// folder's status. Built here so it is tested against the real server; the command prints it.

/// A read-only look at a mailbox account: nothing on the server changes.
public struct MailboxReport: Sendable, Equatable {
    public struct Folder: Sendable, Equatable {
        public var name: String
        public var status: MailboxStatus
    }

    /// Capabilities the programme relies on or benefits from (RFC 6851, 4315, 4731, 7162, 2177, 6154).
    public static let notableCapabilities = ["MOVE", "UIDPLUS", "ESEARCH", "CONDSTORE", "IDLE", "SPECIAL-USE"]

    public var endpoint: MailEndpoint
    public var capabilities: Set<String>
    public var folders: [Folder]

    /// Logs in and reads capabilities and the status of INBOX, or of every selectable folder.
    public init(session: IMAPSession, allFolders: Bool) throws(TransportError) {
        endpoint = session.endpoint
        capabilities = try session.capabilities()
        let names = allFolders ? try session.listMailboxes().filter(\.isSelectable).map(\.name) : ["INBOX"]
        var folders: [Folder] = []
        for name in names {
            folders.append(Folder(name: name, status: try session.status(mailbox: name)))
        }
        self.folders = folders
    }

    /// The lines to print, one per fact.
    public func lines(user: String) -> [String] {
        let security: String
        switch endpoint.security {
        case .implicitTLS: security = "TLS"
        case .startTLS: security = "STARTTLS"
        case .plain: security = "plain text, loopback only"
        }
        let summary = Self.notableCapabilities.map { "\($0) \(capabilities.contains($0) ? "yes" : "no")" }
        var out = [
            "IMAP \(endpoint.baseURL) user \(user): logged in (\(security))",
            "capabilities: \(summary.joined(separator: ", ")) (\(capabilities.count) in all)",
        ]
        let width = min(40, folders.map(\.name.count).max() ?? 5)
        for f in folders {
            let padded = f.name.count >= width ? f.name : f.name + String(repeating: " ", count: width - f.name.count)
            out.append("\(padded)  uidvalidity=\(f.status.uidValidity)  uidnext=\(f.status.uidNext)  messages=\(f.status.messages)")
        }
        return out
    }
}

extension TransportError {
    /// sysexits.h status for a command that stops on this error: 75 (EX_TEMPFAIL) when trying
    /// again later may work, 78 (EX_CONFIG) when someone must fix settings or the server.
    public var exitStatus: Int32 { isTemporary ? 75 : 78 }
}
