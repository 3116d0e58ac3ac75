// Programme: the settings the eligibility check decides with.

/// Thresholds of the participant eligibility check (settings; defaults from the call).
public struct EligibilityRules: Sendable, Hashable {
    /// Participants come from 50 km or more from Perm (straight line).
    public var minimumDistanceKm: Double
    /// A declared distance further than this from the computed one goes to a coordinator.
    public var declaredDistanceToleranceKm: Double

    public init(minimumDistanceKm: Double = 50, declaredDistanceToleranceKm: Double = 30) {
        self.minimumDistanceKm = minimumDistanceKm
        self.declaredDistanceToleranceKm = declaredDistanceToleranceKm
    }
}
