/// A sub-component drawn inside its component: DASF 3.0 splits agentic AI (13) into the agent
/// core, the MCP server and the MCP client (13A/13B/13C). A part groups risks; answers stay keyed
/// by risk and control id, so a save file needs nothing new for it.
public struct ComponentPart: Sendable, Hashable, Encodable {
    /// "13A": the component's number and a letter, as the compendium writes it.
    public let id: String
    public let name: String
    /// For where the name does not fit; the name when the catalog gives none.
    public let short: String

    public init(id: String, name: String, short: String? = nil) {
        self.id = id
        self.name = name
        self.short = short.flatMap { $0.isEmpty ? nil : $0 } ?? name
    }
}
