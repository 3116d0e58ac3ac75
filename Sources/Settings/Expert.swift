/// A registered expert (`[[experts]]`): only their score sheets count.
public struct Expert: Sendable, Hashable {
    public var name: String
    public var email: String
    public var organisation: String
    /// Where they work (a municipality or "Пермь"); used to spot conflicts of interest.
    public var territory: String

    public init(name: String, email: String, organisation: String, territory: String) {
        self.name = name
        self.email = email
        self.organisation = organisation
        self.territory = territory
    }
}
