// input:  the store, the mailbox, the relay, and `now`.
// output: all stages in order (pickup, parse, apply, plan, [digest], deliver, ack) under an exclusive
//         lock, and a sysexits code: 0, 75 (a server down or another run busy), 78 (config);
//         parse reads each pickup batch once it is committed (Runner+Overlap.swift).
// crash:  whatever the interrupted stage leaves (see each stage's header); the lock dies
//         with the process.
// rerun:  every stage is idempotent, so the next run finishes the work and changes nothing
//         that is already done.
import Foundation
import GRDB
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
    public var bounces: BounceReport?
    public var plan: PlanReport?
    public var deliver: DeliverReport?
    public var ack: AckReport?
    public var digest: DigestReport?
    /// The participants' invitations (nil until a selection is released or without the pass).
    public var invitations: InvitationReport?
    public var season: SeasonMailReport?
    public var releaseReplies: ReleaseReplyReport?
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
    /// When set, a run that applies obeys coordinators' "ОТПРАВИТЬ <batch>" replies, before plan.
    public var releaseByReply: ReleaseByReply?
    /// When set, a run that plans also sends the participants' invitations, before deliver.
    public var participants: ParticipantPass?
    /// When set, a run that plans also queues the season's mails that are due (reminders,
    /// feedback requests, the final meeting), after the invitations and before deliver.
    public var season: SeasonDesk?

    public init(stages: Stages, lockPath: String? = nil, digest: DigestPass? = nil, participants: ParticipantPass? = nil,
                season: SeasonDesk? = nil, releaseByReply: ReleaseByReply? = nil) {
        self.stages = stages
        self.lockPath = lockPath ?? stages.store.path + ".lock"
        self.digest = digest
        self.participants = participants
        self.season = season
        self.releaseByReply = releaseByReply
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
        var parsedDuringPickup = ParseReport()
        do {
            try registerExperts(now: now)
            if selected.contains(.pickup), let source {
                // With parse selected too, parse reads each batch while the next is fetched.
                report.pickup = selected.contains(.parse)
                    ? try pickupParsing(from: source, now: now, parsed: &parsedDuringPickup)
                    : try stages.pickup(from: source, now: now)
            }
        } catch let failure as ParseDuringPickupFailure {
            // Parse failed, not the mailbox: stop as a failing parse stops the run.
            try classify(failure.underlying, into: &report, logger: logger)
            logger.info("run finished", metadata: ["run.exit": "\(report.exitStatus.rawValue)"])
            return report
        } catch {
            try classify(error, into: &report, logger: logger)
            mailboxUp = false
            // IMAP down: carry on with what is stored (a temporary failure changes nothing).
            if report.exitStatus != .temporaryFailure { return report }
        }
        do {
            if selected.contains(.parse) {
                parsedDuringPickup.add(try stages.parse(now: now))
                report.parse = parsedDuringPickup
            }
            if selected.contains(.apply) {
                report.apply = try stages.apply(now: now)
                report.bounces = try stages.readBounces(now: now)
                if let releaseByReply { report.releaseReplies = try stages.releaseByReply(releaseByReply, now: now) }
            }
            if selected.contains(.plan) { report.plan = try stages.plan(now: now) }
            if selected.contains(.plan), let digest { report.digest = try digest.run(stages, now: now) }
            if selected.contains(.plan), let participants { report.invitations = try participants.run(stages, now: now) }
            if selected.contains(.plan), let season {
                // After the invitations: a late ДА seated there gets the meeting in this run.
                report.season = try season.pass(now: now)
            }
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
        case PipelineError.notYet(let text):
            logger.warning("not possible yet", metadata: ["error": "\(text)"])
            report.fail(.dataError, text)
        case PipelineError.configuration(let text):
            logger.error("configuration error", metadata: ["error": "\(text)"])
            report.fail(.configuration, text)
        case let database as DatabaseError:
            let (status, text) = Self.explain(database, path: stages.store.path)
            logger.error("database error", metadata: ["error": "\(text)"])
            report.fail(status, text)
        default:
            logger.error("run failed", metadata: ["error": "\(error)"])
            report.fail(.temporaryFailure, "\(error)")
        }
    }

    /// What a database failure means for the operator: busy and full pass (75, nothing
    /// committed is lost and the next run resumes); permissions and a broken file do not (78).
    public static func explainDatabase(_ error: any Error, path: String) -> (ExitStatus, String)? {
        (error as? DatabaseError).map { explain($0, path: path) }
    }

    static func explain(_ error: DatabaseError, path: String) -> (ExitStatus, String) {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return (.temporaryFailure,
                    "the database\(path.isEmpty ? "" : " " + path) is locked by another process — nothing was lost; the next run resumes")
        case .SQLITE_FULL:
            return (.temporaryFailure,
                    "the disk is full (database \(path)) — free space; nothing committed was lost and the next run resumes")
        case .SQLITE_IOERR:
            return (.temporaryFailure,
                    "I/O error on the database \(path) (\(error.message ?? "")) — check the disk; the next run resumes")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return (.configuration,
                    "cannot write the database \(path) (\(error.message ?? "")) — check the file's owner and mode (0600)")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return (.configuration,
                    "the database \(path) is damaged (\(error.message ?? "")) — restore it from the last backup")
        default:
            return (.temporaryFailure, "database error on \(path): \(error.message ?? "\(error.resultCode)")")
        }
    }
}
