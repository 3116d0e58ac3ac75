// input:  the store, the mailbox, the relay, and `now`.
// output: all stages in order (pickup, parse, apply, plan, [digest], deliver, ack) under an exclusive
//         lock, and a sysexits code: 0, 75 (a server down or another run busy), 78 (config).
// crash:  whatever the interrupted stage leaves (see each stage's header); the lock dies
//         with the process.
// rerun:  every stage is idempotent, so the next run finishes the work and changes nothing
//         that is already done.
import Foundation
import Logging
import Store

/// The stages, in pipeline order.
public enum StageName: String, Sendable, CaseIterable, Codable {
    case pickup, parse, apply, plan, deliver, ack
}

/// What a run did and how the process should exit.
public struct RunReport: Sendable {
    public var exitStatus: ExitStatus = .ok
    /// Human-readable reasons for a non-zero exit.
    public var problems: [String] = []
    public var pickup: PickupReport?
    public var parse: ParseReport?
    public var apply: ApplyReport?
    public var plan: PlanReport?
    public var deliver: DeliverReport?
    public var ack: AckReport?
    public var digest: DigestReport?
    public init() {}

    mutating func fail(_ status: ExitStatus, _ problem: String) {
        // 78 wins over 75: a config error will not go away by waiting.
        if exitStatus == .ok || status == .configuration || (status == .software && exitStatus != .configuration) {
            exitStatus = status
        }
        problems.append(problem)
    }
}

/// Runs the whole batch job once.
public struct Runner {
    public var stages: Stages
    /// The lock file; by default the database path + `.lock`.
    public var lockPath: String
    /// When set, a run that plans also queues the day's digest, before deliver.
    public var digest: DigestPass?

    public init(stages: Stages, lockPath: String? = nil, digest: DigestPass? = nil) {
        self.stages = stages
        self.lockPath = lockPath ?? stages.store.path + ".lock"
        self.digest = digest
    }

    /// One full run: every stage in order. Returns the report (exit status inside);
    /// rethrows only `SimulatedCrash`.
    public func run(source: some MailboxSource, sender: some MailSender, now: Date) throws -> RunReport {
        try run(Set(StageName.allCases), source: source, sender: sender, now: now)
    }

    /// Runs the `selected` stages, in pipeline order, under the lock — the entry point for
    /// `fetch` (pickup, ack), `process` (parse, apply, plan) and `send` (deliver). A stage
    /// that needs the mailbox or the relay without one given is a usage error (64).
    public func run(_ selected: Set<StageName>, source: (any MailboxSource)?, sender: (any MailSender)?,
                    now: Date) throws -> RunReport {
        var report = RunReport()
        let logger = stages.logger
        let lock: RunLock?
        do {
            lock = try RunLock.acquire(path: lockPath)
        } catch {
            report.fail(.temporaryFailure, "\(error)")
            return report
        }
        guard let lock else {
            logger.warning("another run holds the lock", metadata: ["lock.path": "\(lockPath)"])
            report.fail(.temporaryFailure, "another run is in progress (lock \(lockPath)) — try again later")
            return report
        }
        defer { withExtendedLifetime(lock) {} }
        if source == nil && !selected.isDisjoint(with: [.pickup, .ack]) {
            report.fail(.usage, "pickup and ack need the mailbox")
            return report
        }
        if sender == nil && selected.contains(.deliver) {
            report.fail(.usage, "deliver needs the SMTP relay")
            return report
        }

        var mailboxUp = true
        do {
            try registerExperts(now: now)
            if selected.contains(.pickup), let source {
                report.pickup = try stages.pickup(from: source, now: now)
            }
        } catch {
            try classify(error, into: &report, logger: logger)
            mailboxUp = false
            // IMAP down: carry on with what is stored (a temporary failure changes nothing).
            if report.exitStatus != .temporaryFailure { return report }
        }
        do {
            if selected.contains(.parse) { report.parse = try stages.parse(now: now) }
            if selected.contains(.apply) { report.apply = try stages.apply(now: now) }
            if selected.contains(.plan) { report.plan = try stages.plan(now: now) }
            if selected.contains(.plan), let digest { report.digest = try digest.run(stages, now: now) }
            if selected.contains(.deliver), let sender {
                let delivered = try stages.deliver(via: sender, now: now)
                report.deliver = delivered
                if let down = delivered.relayUnavailable {
                    report.fail(.temporaryFailure, "SMTP relay unavailable: \(down) — mail is deferred and retried next run")
                }
            }
            if selected.contains(.ack), mailboxUp, let source {
                report.ack = try stages.ack(source: source, now: now)
            }
        } catch {
            try classify(error, into: &report, logger: logger)
        }
        logger.info("run finished", metadata: ["run.exit": "\(report.exitStatus.rawValue)"])
        return report
    }

    private func registerExperts(now: Date) throws {
        let config = stages.config
        try stages.store.pool.write { db in
            try Expert.register(db, campaign: config.campaign, emails: config.experts)
        }
    }

    private func classify(_ error: any Error, into report: inout RunReport, logger: Logger) throws {
        switch error {
        case let crash as SimulatedCrash:
            throw crash
        case PipelineError.temporary(let text):
            logger.warning("temporary failure", metadata: ["error": "\(text)"])
            report.fail(.temporaryFailure, text)
        case PipelineError.configuration(let text):
            logger.error("configuration error", metadata: ["error": "\(text)"])
            report.fail(.configuration, text)
        default:
            // SQLITE_BUSY and friends: another process holds the database; try later.
            logger.error("run failed", metadata: ["error": "\(error)"])
            report.fail(.temporaryFailure, "\(error)")
        }
    }
}
