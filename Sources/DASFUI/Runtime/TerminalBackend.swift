/// What the runtime needs from a terminal. The ncurses backend implements it; tests use a
/// scripted one that records frames.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    func draw(_ frame: Frame)
    /// The next key, waiting at most `timeout` milliseconds.
    func nextEvent(timeout: Int) -> TerminalEvent
    /// Forget what is on screen so the next frame is drawn in full (Ctrl-L, after another
    /// program scribbled on the terminal).
    func invalidate()
}

extension TerminalBackend {
    public func invalidate() {}
}

public enum TerminalEvent: Sendable, Equatable {
    case key(Key)
    case timeout
    /// Input closed, or a signal asked the program to stop: save and leave.
    case stop
}
