// Programme: invitations after the selection — RSVP, deadlines, promotion from the reserve.
import Foundation

/// One invitation's state as the rules see it.
public struct InvitationState: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        case pending, confirmed, declined, expired
    }
    public var programme: Int
    public var participant: Int
    public var status: Status
    /// A reply after this moment is too late; silence past it frees the seat.
    public var deadline: Date
    /// An expired invitation answered ДА after the deadline: this person waits for a seat.
    public var lateYes: Bool

    public init(programme: Int, participant: Int, status: Status, deadline: Date, lateYes: Bool = false) {
        self.programme = programme
        self.participant = participant
        self.status = status
        self.deadline = deadline
        self.lateYes = lateYes
    }
}

/// What must happen now.
public enum InvitationAction: Sendable, Hashable {
    /// The invitation's deadline passed in silence: mark it expired.
    case expire(programme: Int, participant: Int)
    /// Offer the freed seat to the next in reserve, answer due by `deadline`.
    case invite(programme: Int, participant: Int, deadline: Date)
    /// Give the freed seat to someone who already said ДА, too late the first time.
    case confirmLate(programme: Int, participant: Int)
}

/// The rules that keep every programme's seats offered while the reserve lasts.
public enum InvitationRules {
    /// Given the invitations so far, the ordered reserves, the seats and `now`: expire silent
    /// invitations past their deadline and invite the next in reserve for every seat that is
    /// neither confirmed nor pending — first to those who answered ДА after their deadline
    /// (they said yes already: the seat is theirs), then to the reserve in order. Someone
    /// already invited to the programme (whatever the answer) is never invited again; someone
    /// holding `maxPerPerson` confirmed or pending seats is skipped. Applying the actions and
    /// asking again returns nothing new.
    public static func actions(invitations: [InvitationState], reserve: [Int: [Int]], seats: [Int: Int], now: Date,
                               answerWithin: Duration, maxPerPerson: Int = 1) -> [InvitationAction] {
        var actions: [InvitationAction] = []
        var current = invitations
        for index in current.indices where current[index].status == .pending && now > current[index].deadline {
            current[index].status = .expired
            actions.append(.expire(programme: current[index].programme, participant: current[index].participant))
        }
        func holding(_ participant: Int) -> Int {
            current.filter { $0.participant == participant && ($0.status == .pending || $0.status == .confirmed) }.count
        }
        let deadline = now.addingTimeInterval(TimeInterval(answerWithin.components.seconds))
        for programme in seats.keys.sorted() {
            let taken = current.filter { $0.programme == programme && ($0.status == .pending || $0.status == .confirmed) }.count
            var free = max(0, (seats[programme] ?? 0) - taken)
            let asked = Set(current.filter { $0.programme == programme }.map(\.participant))
            let order = reserve[programme] ?? []
            let waiting = current.indices.filter {
                current[$0].programme == programme && (current[$0].status == .expired || current[$0].status == .declined)
                    && current[$0].lateYes
            }.sorted { (order.firstIndex(of: current[$0].participant) ?? .max) < (order.firstIndex(of: current[$1].participant) ?? .max) }
            for index in waiting where free > 0 {
                if holding(current[index].participant) >= maxPerPerson { continue }
                current[index].status = .confirmed
                current[index].lateYes = false
                actions.append(.confirmLate(programme: programme, participant: current[index].participant))
                free -= 1
            }
            for candidate in order where free > 0 {
                if asked.contains(candidate) || holding(candidate) >= maxPerPerson { continue }
                current.append(InvitationState(programme: programme, participant: candidate, status: .pending, deadline: deadline))
                actions.append(.invite(programme: programme, participant: candidate, deadline: deadline))
                free -= 1
            }
        }
        return actions
    }
}
