/// A reviewer's comment on a risk or a control: who, when, what, and whether it is settled.
/// Comments are kept in the assessment (not the journal) because they are conversation, not
/// changes.
public struct Comment: Sendable, Hashable {
    public enum Target: Sendable, Hashable, CustomStringConvertible {
        case risk(String)
        case control(String)

        public var description: String {
            switch self {
            case .risk(let id): "risk \(id)"
            case .control(let id): "control \(id)"
            }
        }
    }

    /// "c1", "c2", … never reused.
    public var id: String
    public var target: Target
    public var author: String
    /// ISO 8601 UTC.
    public var at: String
    public var text: String
    public var resolved: Bool
    /// Keys this dasf does not know, kept as they were (`UnknownFields`).
    public var unknown = UnknownFields()

    public init(id: String, target: Target, author: String, at: String, text: String, resolved: Bool = false) {
        self.id = id
        self.target = target
        self.author = author
        self.at = at
        self.text = text
        self.resolved = resolved
    }
}
