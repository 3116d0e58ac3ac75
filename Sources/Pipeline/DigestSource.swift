// Where the digest's facts come from. The Store-backed source reads what the batch job
// records today; the review (issue 6) and participant (issue 7) work fill `batches` and
// `rsvp` by extending `StoreDigestSource` (see its section functions).
import Foundation
import Rendering

/// Reads everything the digest reports, as of `now`, with "new" meaning after `since`.
public protocol DigestSource: Sendable {
    func digestFacts(since: Date?, now: Date) throws -> DigestFacts
}
