/// A way of putting AI to work (predictive ML, RAG, ...). Scope is a choice of these, and each
/// risk says which of them it applies to.
public struct DeploymentModel: Sendable, Hashable, Encodable {
    public let id: String
    public let name: String
    /// One line saying what the model means, for people choosing a scope.
    public let summary: String

    public init(id: String, name: String, summary: String = "") {
        self.id = id
        self.name = name
        self.summary = summary
    }

    /// The six models every DASF catalog uses, in the compendium's order.
    public static let standardIDs = ["predictive-ml", "rag", "fine-tuned", "pre-trained", "foundation-api", "external"]
}
