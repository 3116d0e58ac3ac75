import Foundation
import Testing
@testable import Settings

@Suite struct HardeningSettingsTests {
    /// The example without its [security] and [privacy] tables.
    static var base: String {
        let text = Settings.exampleTOML
        return text.range(of: "\n[security]").map { String(text[..<$0.lowerBound]) + "\n" } ?? text
    }

    @Test func exampleDocumentsBothTables() throws {
        #expect(Settings.exampleTOML.contains("trusted_authserv_ids") && Settings.exampleTOML.contains("retention_days"))
        #expect(!Self.base.contains("[security]"))
    }

    @Test func absentSectionsTakeDefaults() throws {
        let s = try Settings.parse(Settings.exampleTOML, file: try Scratch().configFile)
        #expect(s.security == .standard && s.security.trustedAuthservIDs.isEmpty)
        #expect(s.privacy == .standard && s.privacy.retentionDays == 365)
    }

    @Test func securityAndPrivacyAreRead() throws {
        let text = Self.base + """

            [security]
            trusted_authserv_ids = ["MX.Example.org", "mx2.example.org"]

            [privacy]
            consent_version = "pd-2027-01"
            retention_days = 90

            """
        let s = try Settings.parse(text, file: try Scratch().configFile)
        #expect(s.security.trustedAuthservIDs == ["mx.example.org", "mx2.example.org"])
        #expect(s.privacy == PrivacySettings(consentVersion: "pd-2027-01", retentionDays: 90))
    }

    @Test(arguments: [
        ("[security]\ntrusted_authserv_ids = \"mx.example.org\"", "[security] trusted_authserv_ids", "expected an array"),
        ("[security]\ntrusted_authserv_ids = [\"mx example\"]", "[security] trusted_authserv_ids", "not an authserv-id"),
        ("[security]\ntls_verify = false", "[security] tls_verify", "unknown key"),
        ("[privacy]\nretention_days = 0", "[privacy] retention_days", "out of range"),
        ("[privacy]\nconsent_version = \"\"", "[privacy] consent_version", "is empty"),
    ])
    func badValuesAreReported(snippet: String, key: String, says: String) throws {
        let text = Self.base + "\n" + snippet + "\n"
        let error = try #require(throws: ConfigError.self) { try Settings.parse(text, file: try Scratch().configFile) }
        let match = error.problems.first { $0.key == key }
        #expect(match?.message.contains(says) == true, "got \(error.problems)")
    }
}

@Suite struct RetentionTests {
    @Test(arguments: [(0, "2028-02-01"), (1, "2028-02-02"), (365, "2029-01-31")])
    func cutoffIsDaysAfterTheInternshipsEnd(days: Int, iso: String) throws {
        // The example's internships end 2028-01-31 (Asia/Yekaterinburg, UTC+5).
        let s = try Settings.parse(Settings.exampleTOML, file: try Scratch().configFile)
        let cutoff = try #require(PrivacySettings(retentionDays: days).retentionCutoff(for: s.campaign))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = s.campaign.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour], from: cutoff)
        #expect(String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0) == iso)
        #expect(parts.hour == 0)
    }
}
