// input:  the programme results released to hosts (resultNotice, issue 6's `mail release results`).
// output: the winning programme numbers the participant selection seats people on.
// crash:  reads only.
// rerun:  same store, same answer.
import Foundation
import GRDB
import Store

extension ParticipantDesk {
    /// The programmes whose hosts were last told they won (a correction letter counts: the
    /// verdict a host last heard is the one that stands). Empty before results are released.
    public func releasedWinners() throws -> Set<Int> {
        try store.pool.read { db in
            Set(try ResultNotice.released(db, campaign: campaign).filter { $0.value == "winner" }.keys)
        }
    }

    /// The programmes to seat: `override` when given, otherwise the released winners.
    /// - Throws: `PipelineError.notYet` when no results were released and no override given.
    public func selectionProgrammes(override: Set<Int>?) throws -> Set<Int> {
        if let override, !override.isEmpty { return override }
        let winners = try releasedWinners()
        guard !winners.isEmpty else {
            throw PipelineError.notYet(
                "no programme results released for \(campaign) yet — run `internships mail release results` first, "
                    + "or name the programmes with --programmes")
        }
        return winners
    }
}
