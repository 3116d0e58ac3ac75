// The mailbox pickup and ack talk to; IMAPMailboxSource wraps MailTransport, tests use a fake.
import Foundation

/// What `STATUS`/`SELECT` tell about a mailbox (RFC 3501 §6.3.10).
public struct MailboxStatus: Sendable, Hashable {
    public var uidValidity: Int64
    public var messages: Int
    public var uidNext: Int64?
    public init(uidValidity: Int64, messages: Int, uidNext: Int64? = nil) {
        self.uidValidity = uidValidity
        self.messages = messages
        self.uidNext = uidNext
    }
}

/// One fetched message, byte-exact.
public struct FetchedMessage: Sendable, Hashable {
    public var uid: Int64
    public var raw: [UInt8]
    public init(uid: Int64, raw: [UInt8]) {
        self.uid = uid
        self.raw = raw
    }
}

/// The IMAP operations the pipeline needs. Errors should be `PipelineError` (temporary when
/// the server is unreachable, configuration when login or the folder is wrong).
public protocol MailboxSource {
    func status() throws -> MailboxStatus
    /// UIDs >= `from`, ascending (callers filter: RFC 3501 §6.4.8 `n:*` includes the highest).
    func searchUIDs(from: Int64) throws -> [Int64]
    /// The messages with these UIDs under `uidValidity`; UIDs gone meanwhile are left out.
    func fetch(uids: [Int64], uidValidity: Int64) throws -> [FetchedMessage]
    /// The leading messages of `uids` until they hold `byteBudget` bytes or more (see
    /// MailboxSource+Budget.swift for the default, which fetches all and cuts after).
    func fetch(uids: [Int64], uidValidity: Int64, byteBudget: Int) throws -> FetchedBatch
    /// Moves these UIDs to `folder` (RFC 6851). UIDs already gone are not an error.
    func move(uids: [Int64], uidValidity: Int64, to folder: String) throws
}
