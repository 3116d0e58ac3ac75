import Foundation

/// Sender verification (`[security]`).
public struct SecuritySettings: Sendable, Hashable {
    /// authserv-ids of our receiving servers whose Authentication-Results are believed
    /// (`trusted_authserv_ids`, RFC 8601 §5); empty: only the topmost field is read.
    public var trustedAuthservIDs: [String]

    public init(trustedAuthservIDs: [String] = []) {
        self.trustedAuthservIDs = trustedAuthservIDs
    }

    public static let standard = SecuritySettings()
}

/// Personal data (`[privacy]`, 152-FZ).
public struct PrivacySettings: Sendable, Hashable {
    /// Version of the consent text in the blank forms (`consent_version`), stored with each
    /// submission.
    public var consentVersion: String
    /// Days after the campaign's last date after which personal data is erased
    /// (`retention_days`, default 365).
    public var retentionDays: Int

    public init(consentVersion: String = "unversioned", retentionDays: Int = 365) {
        self.consentVersion = consentVersion
        self.retentionDays = retentionDays
    }

    public static let standard = PrivacySettings()
}

extension SettingsLoader {
    static let hardeningKnown: [String: [String]] = [
        "security": ["trusted_authserv_ids"],
        "privacy": ["consent_version", "retention_days"],
    ]

    func security(_ r: TableReader) -> SecuritySettings? {
        guard let value = r.table["trusted_authserv_ids"] else { return .standard }
        guard let array = value.array else {
            r.problem("trusted_authserv_ids", "expected an array of host names like [\"mx.example.org\"], got \(value.type)")
            return nil
        }
        var ids: [String] = []
        for element in array {
            guard let id = element.string?.trimmingCharacters(in: .whitespaces), !id.isEmpty,
                  !id.contains(where: { $0.isWhitespace || $0 == ";" }) else {
                r.problem("trusted_authserv_ids", "\(element.debugDescription) is not an authserv-id (a host name)")
                return nil
            }
            ids.append(id.lowercased())
        }
        return SecuritySettings(trustedAuthservIDs: ids)
    }

    func privacy(_ r: TableReader) -> PrivacySettings? {
        let version = r.table["consent_version"] == nil ? PrivacySettings.standard.consentVersion
            : r.string("consent_version")
        let days = r.int("retention_days", default: 365, range: 1...3650)
        guard let version, let days else { return nil }
        return PrivacySettings(consentVersion: version, retentionDays: days)
    }
}

extension PrivacySettings {
    /// The moment personal data of `campaign` may be kept until: the start of the day after
    /// the internships' last day, plus `retentionDays`, in the campaign's time zone.
    public func retentionCutoff(for campaign: Campaign) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = campaign.timeZone
        let last = campaign.internships.last
        guard let day = calendar.date(from: DateComponents(year: last.year, month: last.month, day: last.day)) else {
            return nil
        }
        return calendar.date(byAdding: .day, value: retentionDays + 1, to: day)
    }
}
