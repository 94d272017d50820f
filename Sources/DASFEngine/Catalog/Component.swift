/// One box of the architecture map. DASF numbers them 1...12; DASF 3.0 adds a 13th, so the
/// number is data, not an assumption.
public struct Component: Sendable, Hashable, Encodable {
    public let id: Int
    public let name: String
    /// A label for where the name does not fit (the map at 80 columns), keeping the word that
    /// tells this component from its neighbours; the name when the catalog gives none.
    public let short: String
    /// The id of the stage this component belongs to.
    public let stage: String
    public let summary: String
    /// For a facilitator's notes (`dasf notes`): what to say about it, and what to ask the room.
    public let talkingPoints: [String]
    public let questions: [String]
    /// Sub-components (13A, 13B, 13C), in the order they are drawn; most components have none.
    public let parts: [ComponentPart]

    public init(id: Int, name: String, short: String? = nil, stage: String, summary: String = "", talkingPoints: [String] = [], questions: [String] = [],
                parts: [ComponentPart] = []) {
        self.id = id
        self.name = name
        self.short = short.flatMap { $0.isEmpty ? nil : $0 } ?? name
        self.stage = stage
        self.summary = summary
        self.talkingPoints = talkingPoints
        self.questions = questions
        self.parts = parts
    }

    public func part(_ id: String) -> ComponentPart? { parts.first { $0.id == id } }

    private enum CodingKeys: String, CodingKey { case id, name, short, stage, summary, talkingPoints, questions, parts }

    /// `parts` only where there are some, so the JSON of a catalog without them is as it was.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(short, forKey: .short)
        try c.encode(stage, forKey: .stage)
        try c.encode(summary, forKey: .summary)
        try c.encode(talkingPoints, forKey: .talkingPoints)
        try c.encode(questions, forKey: .questions)
        if !parts.isEmpty { try c.encode(parts, forKey: .parts) }
    }
}
