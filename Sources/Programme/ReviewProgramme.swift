/// A submitted programme as the review rules see it.
public struct ReviewProgramme: Sendable, Hashable {
    /// The application number: what experts, hosts and participants quote.
    public var number: Int
    public var title: String
    /// The host organisation's name as written in the application.
    public var organisation: String
    public var locality: String

    public init(number: Int, title: String, organisation: String, locality: String) {
        self.number = number
        self.title = title
        self.organisation = organisation
        self.locality = locality
    }
}
