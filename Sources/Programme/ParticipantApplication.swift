// Programme: what the eligibility check reads from a participant form.

/// The fields of a `participant` form that eligibility depends on (display values as stored).
public struct ParticipantApplication: Sendable, Hashable {
    public var locality: String?
    public var municipalDistrict: String?
    /// As written (`85,5`, `145`); nil when missing.
    public var declaredDistanceKm: Double?
    /// `employee`, `volunteer`, or what Forms stored for it.
    public var position: String?
    public var consent: Bool

    public init(locality: String?, municipalDistrict: String?, declaredDistanceKm: Double?, position: String?,
                consent: Bool) {
        self.locality = locality
        self.municipalDistrict = municipalDistrict
        self.declaredDistanceKm = declaredDistanceKm
        self.position = position
        self.consent = consent
    }

    /// From stored display fields (`fields[id]`): `distance_to_perm_km` with a decimal comma,
    /// `consent` as `да`/`нет`.
    public init(fields: [String: String]) {
        let distance = fields["distance_to_perm_km"].flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) }
        let consent = fields["consent"].map { ["да", "true", "yes"].contains($0.lowercased()) } ?? false
        self.init(locality: fields["locality"], municipalDistrict: fields["municipal_district"],
                  declaredDistanceKm: distance, position: fields["position"], consent: consent)
    }
}
