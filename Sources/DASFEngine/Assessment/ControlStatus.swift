/// How far a control has got. The raw values are the words in save files and JSON output.
public enum ControlStatus: String, Sendable, CaseIterable, Codable {
    case notStarted = "not-started"
    case planned
    case inProgress = "in-progress"
    case implemented
    case notApplicable = "not-applicable"

    /// The status a single key press moves to. Not applicable is skipped: it needs a reason.
    public var next: ControlStatus {
        switch self {
        case .notStarted: .planned
        case .planned: .inProgress
        case .inProgress: .implemented
        case .implemented, .notApplicable: .notStarted
        }
    }

    /// Where the status stands in `allCases` (an index for per-status counts).
    public var ordinal: Int {
        switch self {
        case .notStarted: 0
        case .planned: 1
        case .inProgress: 2
        case .implemented: 3
        case .notApplicable: 4
        }
    }

    /// The word for people: "not started", "in progress".
    public var label: String {
        switch self {
        case .notStarted: "not started"
        case .planned: "planned"
        case .inProgress: "in progress"
        case .implemented: "implemented"
        case .notApplicable: "not applicable"
        }
    }
}
