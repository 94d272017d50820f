/// One of the bands of the DASF architecture (data operations, model operations, ...).
///
/// A catalog may define any number of stages; their order in the catalog is the order people
/// read them in, and a `foundation` stage is drawn beneath the others rather than beside them.
public struct Stage: Sendable, Hashable, Encodable {
    public let id: String
    public let name: String
    public let summary: String
    public let foundation: Bool

    public init(id: String, name: String, summary: String = "", foundation: Bool = false) {
        self.id = id
        self.name = name
        self.summary = summary
        self.foundation = foundation
    }
}
