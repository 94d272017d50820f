/// What a key asks for, independent of which key it was.
public enum Command: Sendable, Hashable {
    case up, down, left, right, top, bottom, pageUp, pageDown
    case open, back, quit, help, home, register, scope
    case cycleStatus, markNotApplicable, editOwner, editEvidence, editNote
    case cycleTreatment, markRiskNotApplicable
    case toggle
    case overwrite
    case undo, redo
    /// Handled by the runtime (the backend repaints); nothing changes in the state.
    case redraw
}

/// One key binding: the keys, how the key bar and help name them, and what they do. The help
/// screen and the key bar are generated from these tables, so they cannot drift from behaviour.
public struct Binding: Sendable, Hashable {
    public let keys: [Key]
    public let label: String
    public let help: String
    public let command: Command
    /// Shown in the key bar (the rest appear in help only).
    public let inKeyBar: Bool

    init(_ keys: [Key], _ label: String, _ help: String, _ command: Command, bar: Bool = false) {
        self.keys = keys
        self.label = label
        self.help = help
        self.command = command
        inKeyBar = bar
    }
}

public enum KeyMap {
    static let movement: [Binding] = [
        Binding([.up, .character("k")], "↑/k", "move up", .up),
        Binding([.down, .character("j")], "↓/j", "move down", .down),
        Binding([.home, .character("g")], "g", "go to the first item", .top),
        Binding([.end, .character("G")], "G", "go to the last item", .bottom),
        Binding([.pageUp, .control("b")], "PgUp", "page up", .pageUp),
        Binding([.pageDown, .control("f")], "PgDn", "page down", .pageDown),
    ]

    static let global: [Binding] = [
        Binding([.escape, .backspace], "Esc", "go back", .back, bar: true),
        Binding([.character("m")], "m", "the map (home)", .home),
        Binding([.character("c")], "c", "controls register", .register, bar: true),
        Binding([.character("s")], "s", "scope: deployment models", .scope, bar: true),
        Binding([.character("?")], "?", "help: the keys of this screen", .help, bar: true),
        Binding([.character("u")], "u", "undo the last change (as deep as the session)", .undo, bar: true),
        Binding([.control("r")], "Ctrl-R", "redo", .redo),
        Binding([.character("q")], "q", "quit (everything is saved)", .quit, bar: true),
        Binding([.character("W")], "W", "write anyway when the file changed on disk", .overwrite),
        Binding([.control("l")], "Ctrl-L", "redraw the whole screen", .redraw),
    ]

    /// The bindings of a screen, its own first, then the global ones.
    public static func bindings(for screen: Screen) -> [Binding] {
        var own: [Binding]
        switch screen {
        case .map:
            own = [
                Binding([.left, .character("h")], "←/h", "move left", .left),
                Binding([.right, .character("l")], "→/l", "move right", .right),
                Binding([.up, .character("k")], "↑/k", "move up", .up),
                Binding([.down, .character("j")], "↓/j", "move down", .down),
                Binding([.enter], "⏎", "open the component", .open, bar: true),
            ]
        case .component:
            own = movement + [
                Binding([.enter], "⏎", "open the risk", .open, bar: true),
                Binding([.character("x")], "x", "mark the risk not applicable (asks why), or applicable again", .markRiskNotApplicable, bar: true),
            ]
        case .risk:
            own = movement + [
                Binding([.character(" ")], "space", "cycle the control's status", .cycleStatus, bar: true),
                Binding([.character("N")], "N", "mark the control not applicable (asks why)", .markNotApplicable, bar: true),
                Binding([.enter], "⏎", "open the control", .open, bar: true),
                Binding([.character("t")], "t", "change the risk's treatment (asks for a rationale)", .cycleTreatment, bar: true),
                Binding([.character("x")], "x", "mark the risk not applicable (asks why), or applicable again", .markRiskNotApplicable),
            ]
        case .control:
            own = movement + [
                Binding([.character(" ")], "space", "cycle this control's status", .cycleStatus, bar: true),
                Binding([.character("N")], "N", "mark this control not applicable (asks why)", .markNotApplicable),
                Binding([.character("o")], "o", "set the owner", .editOwner, bar: true),
                Binding([.character("e")], "e", "set the evidence (a link or reference)", .editEvidence, bar: true),
                Binding([.character("n")], "n", "set the note", .editNote, bar: true),
                Binding([.enter], "⏎", "open the risk", .open),
            ]
        case .register:
            own = movement + [
                Binding([.character(" ")], "space", "cycle the control's status", .cycleStatus, bar: true),
                Binding([.character("N")], "N", "mark the control not applicable (asks why)", .markNotApplicable),
                Binding([.character("o")], "o", "set the control's owner", .editOwner, bar: true),
                Binding([.enter], "⏎", "open the control", .open, bar: true),
            ]
        case .scope:
            own = movement + [
                Binding([.character(" "), .enter], "space", "select or clear the deployment model", .toggle, bar: true),
            ]
        case .help:
            own = movement
        }
        return own + global
    }

    public static func command(for key: Key, on screen: Screen) -> Command? {
        bindings(for: screen).first { $0.keys.contains(key) }?.command
    }
}
