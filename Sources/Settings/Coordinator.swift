/// A programme coordinator (`[[coordinators]]`): receives digests and held items.
public struct Coordinator: Sendable, Hashable {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }
}
