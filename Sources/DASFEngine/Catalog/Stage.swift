/// One of the bands of the DASF architecture (data operations, model operations, ...).
///
/// A catalog may define any number of stages; their order in the catalog is the order people
/// read them in, and a `foundation` stage is drawn beneath the others rather than beside them.
public struct Stage: Sendable, Hashable, Encodable {
    public let id: String
    public let name: String
    /// A label for a stage header too narrow for the name; the name when the catalog gives none.
    public let short: String
    public let summary: String
    /// For a facilitator's notes (`dasf notes`): what to say about it, and what to ask the room.
    public let talkingPoints: [String]
    public let questions: [String]
    public let foundation: Bool

    public init(id: String, name: String, short: String? = nil, summary: String = "", foundation: Bool = false,
                talkingPoints: [String] = [], questions: [String] = []) {
        self.id = id
        self.name = name
        self.short = short.flatMap { $0.isEmpty ? nil : $0 } ?? name
        self.summary = summary
        self.foundation = foundation
        self.talkingPoints = talkingPoints
        self.questions = questions
    }
}
