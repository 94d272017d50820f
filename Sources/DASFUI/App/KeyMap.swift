import DASFEngine

/// What a key asks for, independent of which key it was.
public enum Command: Sendable, Hashable {
    case up, down, left, right, top, bottom, pageUp, pageDown
    case open, back, quit, help, home, register, scope
    case cycleStatus, markNotApplicable, editOwner, editEvidence, editNote
    /// 1-4: a status directly, without cycling through the ones between.
    case setStatus(ControlStatus)
    case cycleTreatment, markRiskNotApplicable
    /// `[` and `]`: the previous or next risk (in the walk, in scope; elsewhere, of the component).
    case previousRisk, nextRisk
    /// Tab on a component: its controls, each once.
    case componentControls
    case toggle
    case overwrite
    case undo, redo, report
    case comment, resolveComment
    case conflicts, keepMine, takeTheirs
    case workshop, useCase, walk, progress, journal, organisational
    case search, jump, searchNext, searchPrevious
    case filter, mark, markRange
    case assess, addThreat, removeThreat, rateThreat
    case targetDate, reviewBy, verifiedToday
    case rate(Int)
    case edit
    /// Handled by the runtime (the backend repaints); nothing changes in the state.
    case redraw
    /// Ctrl-S: the runtime writes what is waiting now (flow control is off, so the key arrives).
    case saveNow
    /// Presenting to a room (`P` starts; the rest are `PresenterController`'s).
    case present, nextStage, previousStage, stopPresenting
    /// `>` on the map: carry the assessment to the newer built-in DASF (asks first).
    case upgradeCatalog
}

extension Command {
    var statusLabel: String {
        if case .setStatus(let status) = self { return status.label }
        return ""
    }

    /// Commands that change the assessment: left out of the key bar on a read-only file (review
    /// comments stay where `--review` allows them).
    public var isEdit: Bool {
        switch self {
        case .cycleStatus, .setStatus, .markNotApplicable, .editOwner, .editEvidence, .editNote, .cycleTreatment, .markRiskNotApplicable, .toggle,
             .overwrite, .undo, .redo, .keepMine, .takeTheirs, .assess, .addThreat, .removeThreat, .rateThreat, .targetDate, .reviewBy,
             .verifiedToday, .rate, .edit, .comment, .resolveComment, .upgradeCatalog:
            true
        default:
            false
        }
    }
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
    static let listing: [Binding] = [
        Binding([.character("f")], "f", "filter the list (cycles through the filters of this screen)", .filter),
        Binding([.character("v")], "v", "mark or unmark the row for a bulk action", .mark),
        Binding([.character("V")], "V", "mark every row from the last mark to here", .markRange),
    ]

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
        Binding([.character("W")], "W", "the workshop: the six DASF steps", .workshop),
        Binding([.character("U")], "U", "step 1: the use case", .useCase),
        Binding([.character("w")], "w", "steps 3-4: guided walk through the risks in scope", .walk),
        Binding([.character("p")], "p", "progress per stage: assessed, done, open, stale", .progress),
        Binding([.character("J")], "J", "the journal: every change, when and by whom", .journal),
        Binding([.character("O")], "O", "organisational risks", .organisational),
        Binding([.character("!")], "!", "merge conflicts to settle", .conflicts),
        Binding([.character("R")], "R", "write the report (Markdown and HTML) beside the save file", .report),
        Binding([.character("P")], "P", "present to a room: private fields hidden, edits off (Ctrl-X U stops)", .present),
        Binding([.character("/")], "/", "search ids, titles, descriptions, framework ids (n/N next/previous hit)", .search),
        Binding([.character(":")], ":", "jump: :9 component, :9.1 risk, :d54 or :DASF 54 control", .jump),
        Binding([.character("u")], "u", "undo the last change (as deep as the session)", .undo, bar: true),
        Binding([.control("r")], "Ctrl-R", "redo", .redo),
        Binding([.character("q")], "q", "quit (everything is saved)", .quit, bar: true),
        Binding([.control("w")], "Ctrl-W", "write anyway when the file changed on disk", .overwrite),
        Binding([.control("s")], "Ctrl-S", "save now (changes are also saved within a second)", .saveNow),
        Binding([.control("l")], "Ctrl-L", "redraw the whole screen and look for changes on disk", .redraw),
    ]

    /// 1-4 set a control's status directly (marked rows too); the key bar shows them as one "1-4".
    static let statusKeys: [Binding] = [ControlStatus.notStarted, .planned, .inProgress, .implemented].enumerated().map { n, status in
        Binding([.character(Character("\(n + 1)"))], "\(n + 1)", "set the status to \(status.label) (marked rows too)", .setStatus(status))
    }

    /// "1 not started · 2 planned · 3 in progress · 4 implemented", for the chooser and the key bar.
    public static let statusChoices = statusKeys.map { "\($0.label) \($0.command.statusLabel)" }.joined(separator: " · ")

    /// The bindings of a screen, its own first, then the global ones, with people's own keys.
    public static func bindings(for screen: Screen, remap: KeyRemap) -> [Binding] {
        remap.apply(bindings(for: screen))
    }

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
                Binding([.character(">")], ">", "upgrade to the newer built-in DASF: every answer kept (asks first; u takes it back)", .upgradeCatalog),
            ]
        case .component:
            own = movement + listing + [
                Binding([.enter], "⏎", "open the risk", .open, bar: true),
                Binding([.tab], "Tab", "the component's controls, each once, to decide them all", .componentControls, bar: true),
                Binding([.character("a")], "a", "decide the risk applies (marked rows too)", .assess, bar: true),
                Binding([.character("x")], "x", "mark the risk not applicable (asks why), or applicable again", .markRiskNotApplicable, bar: true),
            ]
        case .risk, .walk:
            var bindings = movement + listing + statusKeys + [
                Binding([.character(" ")], "space", "cycle the control's status (with marked rows: asks which status)", .cycleStatus, bar: true),
                Binding([.character("N")], "N", "mark the control not applicable (asks why)", .markNotApplicable, bar: true),
                Binding([.enter], "⏎", "open the control", .open, bar: true),
                Binding([.character("a")], "a", "decide the risk applies", .assess, bar: true),
                Binding([.character("t")], "t", "change the risk's treatment (asks for a rationale)", .cycleTreatment, bar: true),
                Binding([.character("x")], "x", "mark the risk not applicable (asks why), or applicable again", .markRiskNotApplicable),
                Binding([.character("+")], "+", "add a threat (its text, then an optional rating C<n> L1-5 I1-5)", .addThreat),
                Binding([.character("-")], "-", "remove a threat (asks which)", .removeThreat),
                Binding([.character("*")], "*", "re-rate a threat (asks e.g. \"t1 L3 I5\")", .rateThreat),
                Binding([.character("C")], "C", "add a review comment on the risk", .comment),
                Binding([.character("X")], "X", "resolve or reopen a comment (asks which)", .resolveComment),
                Binding([.character("]")], "]", "next risk (of the component; in the walk, in scope)", .nextRisk),
                Binding([.character("[")], "[", "previous risk", .previousRisk),
                Binding([.character("o")], "o", "set the selected control's owner (marked rows too)", .editOwner),
                Binding([.character("e")], "e", "set the selected control's evidence", .editEvidence),
                Binding([.character("n")], "n", "set the selected control's note", .editNote),
                Binding([.character("d")], "d", "set the selected control's target date (marked rows too)", .targetDate),
                Binding([.character("r")], "r", "set the selected control's review-by date (marked rows too)", .reviewBy),
                Binding([.character("y")], "y", "the selected control verified today (marked rows too)", .verifiedToday),
            ]
            if case .walk = screen {
                // First, so the walk's own step is the last thing a narrow key bar gives up.
                bindings.insert(contentsOf: [
                    Binding([.right, .character("l")], "→/l", "next risk in scope", .right, bar: true),
                    Binding([.left, .character("h")], "←/h", "previous risk in scope", .left),
                ], at: movement.count + listing.count)
            }
            own = bindings
        case .control:
            own = movement + listing + statusKeys + [
                Binding([.character(" ")], "space", "cycle this control's status", .cycleStatus, bar: true),
                Binding([.character("N")], "N", "mark this control not applicable (asks why)", .markNotApplicable),
                Binding([.character("o")], "o", "set the owner", .editOwner, bar: true),
                Binding([.character("e")], "e", "set the evidence (a link or reference)", .editEvidence, bar: true),
                Binding([.character("n")], "n", "set the note", .editNote, bar: true),
                Binding([.character("d")], "d", "set the target date", .targetDate),
                Binding([.character("r")], "r", "set the review-by date (past it, the control is stale)", .reviewBy),
                Binding([.character("y")], "y", "verified today", .verifiedToday),
                Binding([.character("C")], "C", "add a review comment on the control", .comment),
                Binding([.character("X")], "X", "resolve or reopen a comment (asks which)", .resolveComment),
                Binding([.enter], "⏎", "open the risk", .open),
            ]
        case .register, .componentControls:
            own = movement + listing + statusKeys + [
                Binding([.character(" ")], "space", "cycle the control's status (with marked rows: asks which status)", .cycleStatus, bar: true),
                Binding([.character("N")], "N", "mark the control not applicable (asks why; marked rows too)", .markNotApplicable),
                Binding([.character("o")], "o", "set the control's owner (marked rows too)", .editOwner, bar: true),
                Binding([.character("d")], "d", "set the target date (marked rows too)", .targetDate),
                Binding([.character("r")], "r", "set the review-by date (marked rows too)", .reviewBy),
                Binding([.character("y")], "y", "verified today (marked rows too)", .verifiedToday),
                Binding([.enter], "⏎", "open the control", .open, bar: true),
            ]
        case .scope:
            own = movement + [
                Binding([.character(" "), .enter], "space", "select or clear the deployment model", .toggle, bar: true),
            ]
        case .help, .progress, .journal:
            own = movement
        case .conflicts:
            own = movement + [
                Binding([.character("M")], "M", "keep mine (the value in place)", .keepMine, bar: true),
                Binding([.character("T")], "T", "take theirs", .takeTheirs, bar: true),
            ]
        case .workshop:
            own = movement + [Binding([.enter], "⏎", "open the step", .open, bar: true)]
        case .useCase:
            own = movement + [Binding([.enter], "⏎", "edit the field", .edit, bar: true)]
        case .organisational:
            own = movement + [
                Binding([.enter, .character("n")], "⏎", "edit the notes", .edit, bar: true),
            ] + (0...5).map { Binding([.character(Character("\($0)"))], "\($0)", $0 == 0 ? "clear the rating" : "rate \($0) of 5", .rate($0)) }
        }
        return own + global
    }

    public static func command(for key: Key, on screen: Screen, remap: KeyRemap = .none) -> Command? {
        bindings(for: screen, remap: remap).first { $0.keys.contains(key) }?.command
    }

    /// While a search is active, n and N move between its hits on every screen.
    /// While a search is active: Ctrl-N and Ctrl-P always move between hits; `n` and `N` do too,
    /// but only on screens where they mean nothing else (on a control `n` edits the note, on a
    /// risk `N` marks a control not applicable), so a key means one thing at a time.
    static let searchKeys: [Binding] = [
        Binding([.control("n"), .character("n")], "n", "next search hit", .searchNext),
        Binding([.control("p"), .character("N")], "N", "previous search hit", .searchPrevious),
    ]

    /// The search keys that work on `screen`: "n/N" where those letters are free, else "Ctrl-N/P".
    public static func searchKeyLabel(on screen: Screen, remap: KeyRemap = .none) -> String {
        command(for: .character("n"), on: screen, remap: remap) == nil && command(for: .character("N"), on: screen, remap: remap) == nil ? "n/N" : "Ctrl-N/P"
    }

    /// Whether `key` moves between search hits on `screen` rather than doing what the screen says.
    static func searchCommand(for key: Key, on screen: Screen, remap: KeyRemap = .none) -> Command? {
        guard let binding = searchKeys.first(where: { $0.keys.contains(key) }) else { return nil }
        if case .character = key, command(for: key, on: screen, remap: remap) != nil { return nil }
        return binding.command
    }
}
