/// Fields that name people or hold what is said inside a team, and so stay off a projector and
/// out of a room's handout. Which of them are hidden is the facilitator's choice; all are by default.
public enum PrivateField: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Control owners.
    case owners
    /// The use case's business owner and stakeholders.
    case people
    /// Notes on controls and on organisational risks.
    case notes
    /// Evidence links (often internal addresses).
    case evidence
    /// Review comments, with their authors.
    case comments
    /// Who made each change in the journal.
    case journalAuthors = "journal-authors"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// What `--help` and the config file's documentation say each word hides.
    public var summary: String {
        switch self {
        case .owners: "control owners"
        case .people: "the business owner and stakeholders"
        case .notes: "notes on controls and organisational risks"
        case .evidence: "evidence links"
        case .comments: "review comments"
        case .journalAuthors: "who made each change"
        }
    }

    /// The `AssessmentFields` names (and `Change` fields) a private field covers.
    func covers(field path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        switch self {
        case .owners: return parts.first == "control" && parts.last == "owner"
        case .people: return path == "usecase/businessOwner" || path == "usecase/stakeholders"
        case .notes: return (parts.first == "control" && parts.last == "note") || (parts.first == "org" && parts.last == "notes")
        case .evidence: return parts.first == "control" && parts.last == "evidence"
        case .comments: return parts.first == "comment"
        case .journalAuthors: return false
        }
    }

    func covers(_ change: Change) -> Bool {
        switch self {
        case .owners: change.target.hasPrefix("control ") && change.field == "owner"
        case .people: change.target == "use case" && (change.field == "business owner" || change.field == "stakeholders")
        case .notes: (change.target.hasPrefix("control ") && change.field == "note") || (change.target.hasPrefix("organisational risk ") && change.field == "notes")
        case .evidence: change.target.hasPrefix("control ") && change.field == "evidence"
        case .comments: change.target.hasPrefix("comment")
        case .journalAuthors: false
        }
    }
}
