// Programme: the participant eligibility check at intake (50 km rule, consent, position).
import Foundation

/// What the eligibility check decided about one application, and why.
public struct Eligibility: Sendable, Hashable, Codable {
    /// `eligible`: the rule is met; `ineligible`: the table decides it is not met;
    /// `review`: a coordinator decides (never a silent rejection).
    public enum Outcome: String, Sendable, Hashable, Codable {
        case eligible, ineligible, review
    }

    /// Why a coordinator has to look (data, for the digest and exports).
    public enum Flag: String, Sendable, Hashable, Codable, CaseIterable {
        /// Neither the settlement nor the municipality is in the tables.
        case unknownPlace = "unknown_place"
        /// The municipality is known, the settlement is not, and the municipality straddles the line.
        case settlementNeeded = "settlement_needed"
        /// The settlement is in the table without coordinates.
        case noDistance = "no_distance"
        /// The settlement lies in another municipality than the one written.
        case municipalityMismatch = "municipality_mismatch"
        /// The declared distance is far from the computed one.
        case declaredDistanceFar = "declared_distance_far"
        case consentMissing = "consent_missing"
        case positionUnknown = "position_unknown"
    }

    public var outcome: Outcome
    public var flags: [Flag]
    /// The settlement matched in the table, when one was.
    public var settlement: String?
    /// The municipality the application belongs to, when known.
    public var municipality: String?
    /// The straight-line distance the decision used.
    public var distanceKm: Double?
    /// The sentence the acknowledgement shows (Russian), after «Условие об удалённости от Перми:».
    public var sentence: String

    public init(outcome: Outcome, flags: [Flag], settlement: String?, municipality: String?, distanceKm: Double?,
                sentence: String) {
        self.outcome = outcome
        self.flags = flags
        self.settlement = settlement
        self.municipality = municipality
        self.distanceKm = distanceKm
        self.sentence = sentence
    }
}

extension Eligibility {
    /// Decides eligibility: the settlement first (per settlement where the municipality
    /// straddles the line), else the municipality's centre where the whole municipality is on
    /// one side; anything the tables cannot decide, or a declared distance far off, is `review`.
    public static func assess(_ application: ParticipantApplication, tables: PlaceTables,
                              rules: EligibilityRules = EligibilityRules()) -> Eligibility {
        let threshold = rules.minimumDistanceKm
        let limit = km(threshold, threshold: threshold)
        let written = (application.locality ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let writtenMunicipality = application.municipalDistrict.flatMap { tables.municipality(named: $0) }
        var flags: [Flag] = []
        var settlement: Settlement?
        var municipality: Municipality?
        var distance: Double?
        var sentence: String

        let candidates = tables.settlements(named: written)
        settlement = candidates.first { $0.municipality == writtenMunicipality?.name } ?? candidates.first

        if let found = settlement {
            municipality = tables.municipality(of: found)
            if let written = writtenMunicipality, written.name != found.municipality {
                flags.append(.municipalityMismatch)
            }
            if let d = found.distanceKm {
                distance = d
                sentence = "\(found.name) — \(km(d, threshold: threshold)) км от Перми по прямой, условие \(limit) км "
                    + (d >= threshold ? "выполнено" : "не выполнено")
            } else if let m = municipality, !tables.straddles(m, thresholdKm: threshold), let d = m.centreDistanceKm {
                distance = d
                sentence = "\(found.name) (\(m.name), центр — \(m.adminCentre), \(km(d, threshold: threshold)) км от Перми по прямой): "
                    + "условие \(limit) км " + (d >= threshold ? "выполнено" : "не выполнено")
            } else {
                flags.append(.noDistance)
                sentence = "расстояние от населённого пункта «\(found.name)» до Перми в справочнике не указано, "
                    + "заявку проверит координатор"
            }
        } else if let m = writtenMunicipality {
            municipality = m
            if tables.straddles(m, thresholdKm: threshold) || m.centreDistanceKm == nil {
                flags.append(.settlementNeeded)
                sentence = "не удалось найти населённый пункт «\(written)» в справочнике, а \(m.name) лежит "
                    + "по обе стороны от границы \(limit) км, заявку проверит координатор"
            } else {
                let d = m.centreDistanceKm ?? 0
                distance = d
                sentence = "\(written.isEmpty ? m.adminCentre : written) (\(m.name), центр — \(m.adminCentre), "
                    + "\(km(d, threshold: threshold)) км от Перми по прямой): условие \(limit) км " + (d >= threshold ? "выполнено" : "не выполнено")
            }
        } else {
            flags.append(.unknownPlace)
            let district = application.municipalDistrict.map { ", \($0)" } ?? ""
            sentence = "не удалось найти населённый пункт «\(written)\(district)» в справочнике, "
                + "заявку проверит координатор"
        }

        if let d = distance, let declared = application.declaredDistanceKm,
           abs(declared - d) > rules.declaredDistanceToleranceKm {
            flags.append(.declaredDistanceFar)
            sentence += "; в заявке указано \(km(declared, threshold: threshold)) км — расстояние проверит координатор"
        }
        if !application.consent { flags.append(.consentMissing) }
        let position = (application.position ?? "").lowercased().replacingOccurrences(of: "ё", with: "е")
        if !["employee", "volunteer", "сотрудник", "волонтер"].contains(position) { flags.append(.positionUnknown) }

        let outcome: Outcome
        if !flags.isEmpty {
            outcome = .review
        } else if let d = distance, d >= threshold {
            outcome = .eligible
        } else {
            outcome = .ineligible
        }
        return Eligibility(outcome: outcome, flags: flags, settlement: settlement?.name,
                           municipality: municipality?.name, distanceKm: distance, sentence: sentence)
    }

    /// Whole kilometres (`145`), or tenths (`49,6`) where rounding would cross the threshold.
    static func km(_ value: Double, threshold: Double) -> String {
        let whole = value.rounded()
        if (whole >= threshold) == (value >= threshold) { return String(Int(whole)) }
        let tenths = (value * 10).rounded() / 10
        return String(format: "%.1f", tenths).replacingOccurrences(of: ".", with: ",")
    }
}
