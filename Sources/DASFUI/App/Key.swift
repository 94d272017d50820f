/// A key press or terminal event, as the backend decodes it. Nothing here knows ncurses.
public enum Key: Sendable, Hashable {
    case character(Character)
    case up, down, left, right
    case enter, escape, backspace, delete, tab, backTab
    case home, end, pageUp, pageDown
    /// Ctrl plus a letter, lower case ("r" for Ctrl-R).
    case control(Character)
    /// A mouse click at a cell; `double` for a double click.
    case mouse(x: Int, y: Int, double: Bool)
    /// The mouse wheel turned one notch (up: towards the top of the list).
    case wheel(up: Bool)
    case resize(Size)
}
