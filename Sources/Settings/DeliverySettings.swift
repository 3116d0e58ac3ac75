/// How the outbox retries (`[delivery]`).
public struct DeliverySettings: Sendable, Hashable {
    /// Wait before attempt 2, 3, …; after the last entry the last wait repeats.
    public var retrySchedule: [Duration]
    /// A message still undelivered this long after it was queued is marked dead.
    public var lifetime: Duration

    public init(retrySchedule: [Duration], lifetime: Duration) {
        self.retrySchedule = retrySchedule
        self.lifetime = lifetime
    }

    /// Defaults: 5 min, 15 min, 1 h, 3 h, 12 h; dead after 3 days.
    public static let standard = DeliverySettings(
        retrySchedule: [.seconds(300), .seconds(900), .seconds(3600), .seconds(10_800), .seconds(43_200)],
        lifetime: .seconds(259_200))

    /// The wait after `failedAttempts` failures (1 = after the first attempt failed).
    public func delay(afterFailedAttempts failedAttempts: Int) -> Duration {
        guard let last = retrySchedule.last else { return .seconds(3600) }
        let index = max(failedAttempts, 1) - 1
        return index < retrySchedule.count ? retrySchedule[index] : last
    }
}
