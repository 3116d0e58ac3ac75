// Programme: the Perm Krai reference tables (data/perm-krai-*.csv), as values.
import Foundation

/// One municipal formation of Perm Krai.
public struct Municipality: Sendable, Hashable {
    public var name: String
    public var adminCentre: String
    /// Straight-line distance from Perm of the administrative centre; nil when unknown.
    public var centreDistanceKm: Double?
    /// `yes`, `no` or `check_settlement` (the centre's distance says nothing).
    public var remote: String
    public var aliases: [String]

    public init(name: String, adminCentre: String, centreDistanceKm: Double?, remote: String, aliases: [String]) {
        self.name = name
        self.adminCentre = adminCentre
        self.centreDistanceKm = centreDistanceKm
        self.remote = remote
        self.aliases = aliases
    }
}

/// One town or large village.
public struct Settlement: Sendable, Hashable {
    public var name: String
    /// `город`, `село`, `посёлок городского типа`, …
    public var kind: String
    public var municipality: String
    /// Straight-line distance from Perm; nil where the table has no coordinates.
    public var distanceKm: Double?

    public init(name: String, kind: String, municipality: String, distanceKm: Double?) {
        self.name = name
        self.kind = kind
        self.municipality = municipality
        self.distanceKm = distanceKm
    }
}

/// The two tables, indexed for matching. Built from the CSV text the shell reads.
public struct PlaceTables: Sendable {
    public let municipalities: [Municipality]
    public let settlements: [Settlement]

    public init(municipalities: [Municipality], settlements: [Settlement]) {
        self.municipalities = municipalities
        self.settlements = settlements
    }

    /// Parses `perm-krai-municipalities.csv` and `perm-krai-settlements.csv` text; rows
    /// without a name are skipped, an empty distance is unknown.
    public init(municipalitiesCSV: String, settlementsCSV: String) {
        func number(_ text: String?) -> Double? {
            guard let text, !text.isEmpty else { return nil }
            return Double(text.replacingOccurrences(of: ",", with: "."))
        }
        municipalities = CSVText.records(municipalitiesCSV).compactMap { r in
            guard let name = r["name_ru"], !name.isEmpty else { return nil }
            return Municipality(
                name: name, adminCentre: r["admin_centre_ru"] ?? "",
                centreDistanceKm: number(r["distance_km_straight"]), remote: r["remote_50km"] ?? "",
                aliases: (r["aliases_ru"] ?? "").split(separator: ";")
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        settlements = CSVText.records(settlementsCSV).compactMap { r in
            guard let name = r["name_ru"], !name.isEmpty else { return nil }
            return Settlement(name: name, kind: r["kind"] ?? "", municipality: r["municipality_ru"] ?? "",
                              distanceKm: number(r["distance_km_straight"]))
        }
    }

    /// Settlements whose name matches what was written (`г. Кудымкар` → Кудымкар).
    public func settlements(named raw: String) -> [Settlement] {
        let key = PlaceName.settlementKey(raw)
        guard !key.isEmpty else { return [] }
        return settlements.filter { PlaceName.settlementKey($0.name) == key }
    }

    /// The municipality meant by what was written: the full name or an alias word for word
    /// first, then the name without its kind words (`Кудымкарский район`). nil when nothing
    /// or more than one municipality matches.
    public func municipality(named raw: String) -> Municipality? {
        let exact = PlaceName.words(raw).joined(separator: " ")
        guard !exact.isEmpty else { return nil }
        let byExact = municipalities.filter { m in
            ([m.name] + m.aliases).contains { PlaceName.words($0).joined(separator: " ") == exact }
        }
        if byExact.count == 1 { return byExact[0] }
        let key = PlaceName.municipalityKey(raw)
        let byKey = municipalities.filter { m in
            ([m.name] + m.aliases).contains { PlaceName.municipalityKey($0) == key }
        }
        return byKey.count == 1 ? byKey[0] : nil
    }

    /// The municipality a settlement row belongs to.
    public func municipality(of settlement: Settlement) -> Municipality? {
        municipalities.first { $0.name == settlement.municipality }
    }

    /// True where the table cannot decide the rule for the whole municipality: its centre
    /// says nothing (`check_settlement`) or its listed settlements lie on both sides of
    /// `thresholdKm` (Пермский, Добрянский, Нытвенский with 50 km).
    public func straddles(_ municipality: Municipality, thresholdKm: Double) -> Bool {
        if municipality.remote == "check_settlement" { return true }
        var distances = settlements.filter { $0.municipality == municipality.name }.compactMap(\.distanceKm)
        if let centre = municipality.centreDistanceKm { distances.append(centre) }
        return distances.contains { $0 >= thresholdKm } && distances.contains { $0 < thresholdKm }
    }
}
