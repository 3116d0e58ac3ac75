// Forms: one programme of a participant's choice.

/// One programme chosen by a participant: number and/or title (product.md `selected_programs`).
public struct ProgramChoice: Sendable, Hashable, Codable {
    public var number: Int?
    public var title: String?
    public init(number: Int?, title: String?) {
        self.number = number
        self.title = title
    }

    enum CodingKeys: String, CodingKey { case number, title }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(title, forKey: .title)
    }
}
