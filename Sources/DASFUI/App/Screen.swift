/// The places a person can be. Each is a pure function of the state when drawn.
public enum Screen: Sendable, Hashable {
    case map
    /// A component, by number.
    case component(Int)
    case risk(String)
    case control(String)
    /// All controls in one list.
    case register
    case scope
    case help
}

/// A screen on the navigation stack with its own selection and scroll, so Back returns to the
/// row you left.
public struct Place: Sendable, Hashable {
    public var screen: Screen
    public var selected: Int
    public var scroll: Int

    public init(_ screen: Screen, selected: Int = 0, scroll: Int = 0) {
        self.screen = screen
        self.selected = selected
        self.scroll = scroll
    }
}
