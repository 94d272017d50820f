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

    /// The word for people: "not started", "in progress".
    public var label: String { rawValue.split(separator: "-").joined(separator: " ") }
}
