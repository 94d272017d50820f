import DASFEngine

/// What a list shows. `f` cycles through the filters that make sense on the screen.
public enum ListFilter: Sendable, Hashable {
    case all
    /// Risks nobody has decided about yet.
    case unassessed
    /// Risks open or partial; controls not implemented.
    case open
    /// Controls past their review date.
    case stale
    /// Controls owned by the person at the keyboard.
    case mine
    case status(ControlStatus)

    public var label: String {
        switch self {
        case .all: "all"
        case .unassessed: "unassessed"
        case .open: "open"
        case .stale: "stale"
        case .mine: "mine"
        case .status(let status): status.label
        }
    }

    /// The filters a screen offers, in the order `f` visits them.
    static func cycle(for screen: Screen) -> [ListFilter] {
        switch screen {
        case .component, .walk: [.all, .unassessed, .open]
        case .risk, .control: [.all, .open]
        case .register, .componentControls: [.all, .open, .stale, .mine] + ControlStatus.allCases.map { .status($0) }
        default: [.all]
        }
    }
}
