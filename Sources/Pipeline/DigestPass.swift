// What `Runner` needs to queue the coordinators' digest at the end of processing.
import Foundation
import Rendering

/// The digest as a step of `internships run`: after plan (so it counts this run's mail),
/// before deliver (so it goes out in the same run). Queued at most once per coordinator and
/// day whatever the number of runs (see `Stages.digest`).
public struct DigestPass: Sendable {
    public var source: any DigestSource
    public var config: DigestConfig
    public var renderer: any DigestRenderer

    public init(source: any DigestSource, config: DigestConfig, renderer: any DigestRenderer) {
        self.source = source
        self.config = config
        self.renderer = renderer
    }

    func run(_ stages: Stages, now: Date) throws -> DigestReport {
        try stages.digest(source: source, digest: config, renderer: renderer, now: now)
    }
}
