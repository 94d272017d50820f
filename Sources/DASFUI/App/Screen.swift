/// The places a person can be. Each is a pure function of the state when drawn.
public enum Screen: Sendable, Hashable {
    case map
    /// A component, by number.
    case component(Int)
    case risk(String)
    case control(String)
    /// All controls in one list.
    case register
    /// The controls of one component's risks, each once.
    case componentControls(Int)
    case scope
    case help
    /// The six steps of a DASF workshop, each a door to its place.
    case workshop
    case useCase
    /// One in-scope risk at a time, by position in the walk.
    case walk(Int)
    case progress
    case journal
    case organisational
    /// Fields a merge left for people to settle.
    case conflicts
}

/// A screen on the navigation stack with its own selection and scroll, so Back returns to the
/// row you left.
public struct Place: Sendable, Hashable {
    public var screen: Screen
    public var selected: Int
    public var scroll: Int
    public var filter: ListFilter
    /// Ids marked for a bulk action (`v`, `V`).
    public var marked: Set<String>
    /// Where the last mark was made, for ranges.
    public var anchor: Int?

    public init(_ screen: Screen, selected: Int = 0, scroll: Int = 0, filter: ListFilter = .all) {
        self.screen = screen
        self.selected = selected
        self.scroll = scroll
        self.filter = filter
        marked = []
    }
}

extension Screen {
    /// Screens whose list is of risks (so marks and risk decisions apply to its rows).
    var hasRiskList: Bool {
        switch self {
        case .component, .control: true
        default: false
        }
    }
}
