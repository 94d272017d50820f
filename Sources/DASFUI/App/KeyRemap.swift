import DASFEngine

/// People's own keys (the config file's `keys:` section), for layouts where the defaults sit
/// badly (AZERTY, Dvorak) or habits from other tools. A command given keys here answers to those
/// keys only, on every screen, and no other command keeps them, so a key still means one thing;
/// the key bar and help are drawn from the remapped tables and follow.
public struct KeyRemap: Sendable, Hashable {
    public private(set) var keys: [Command: [Key]] = [:]

    public static let none = KeyRemap()

    public init() {}

    /// Gives `command` the keys `keys` (replacing its defaults).
    public mutating func assign(_ keys: [Key], to command: Command) { self.keys[command] = keys }

    public var isEmpty: Bool { keys.isEmpty }

    /// The names the config file uses for commands.
    public static let names: [String: Command] = {
        var names: [String: Command] = [
            "up": .up, "down": .down, "left": .left, "right": .right, "top": .top, "bottom": .bottom,
            "page-up": .pageUp, "page-down": .pageDown, "open": .open, "back": .back, "quit": .quit, "help": .help,
            "home": .home, "controls": .register, "scope": .scope, "cycle-status": .cycleStatus,
            "control-not-applicable": .markNotApplicable, "owner": .editOwner, "evidence": .editEvidence, "note": .editNote,
            "treatment": .cycleTreatment, "risk-not-applicable": .markRiskNotApplicable, "previous-risk": .previousRisk,
            "next-risk": .nextRisk, "component-controls": .componentControls, "toggle": .toggle, "overwrite": .overwrite,
            "undo": .undo, "redo": .redo, "report": .report, "comment": .comment, "resolve-comment": .resolveComment,
            "conflicts": .conflicts, "keep-mine": .keepMine, "take-theirs": .takeTheirs, "workshop": .workshop,
            "use-case": .useCase, "walk": .walk, "progress": .progress, "journal": .journal, "organisational": .organisational,
            "search": .search, "jump": .jump, "filter": .filter, "mark": .mark, "mark-range": .markRange, "applies": .assess,
            "add-threat": .addThreat, "remove-threat": .removeThreat, "rate-threat": .rateThreat, "target-date": .targetDate,
            "review-by": .reviewBy, "verified-today": .verifiedToday, "edit": .edit, "present": .present, "redraw": .redraw,
            "save": .saveNow,
        ]
        for status in [ControlStatus.notStarted, .planned, .inProgress, .implemented] { names["status-\(status.rawValue)"] = .setStatus(status) }
        return names
    }()

    /// "k", "K", "space", "enter", "tab", "esc", "up", "pgdn", "ctrl-x", …; nil for anything else.
    public static func key(named text: String) -> Key? {
        let lower = text.lowercased()
        let named: [String: Key] = [
            "space": .character(" "), "enter": .enter, "return": .enter, "tab": .tab, "backtab": .backTab, "shift-tab": .backTab,
            "esc": .escape, "escape": .escape, "backspace": .backspace, "delete": .delete, "up": .up, "down": .down,
            "left": .left, "right": .right, "home": .home, "end": .end, "pgup": .pageUp, "pageup": .pageUp,
            "pgdn": .pageDown, "pagedown": .pageDown,
        ]
        if let key = named[lower] { return key }
        if lower.hasPrefix("ctrl-"), lower.count == 6, let c = lower.last, c.isASCII, c.isLetter { return .control(c) }
        if text.count == 1, let c = text.first, !c.isWhitespace, c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) { return .character(c) }
        return nil
    }

    /// How the key bar and help name a key.
    public static func label(_ key: Key) -> String {
        switch key {
        case .character(" "): "space"
        case .character(let c): String(c)
        case .control(let c): "Ctrl-\(c.uppercased())"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .enter: "⏎"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        default: "?"
        }
    }

    /// `bindings` with this remapping applied.
    func apply(_ bindings: [Binding]) -> [Binding] {
        guard !keys.isEmpty else { return bindings }
        let taken = Set(keys.values.joined())
        return bindings.compactMap { binding in
            if let own = keys[binding.command] {
                return Binding(own, own.map(Self.label).joined(separator: "/"), binding.help, binding.command, bar: binding.inKeyBar)
            }
            let kept = binding.keys.filter { !taken.contains($0) }
            if kept == binding.keys { return binding }
            if kept.isEmpty { return nil }
            return Binding(kept, kept.map(Self.label).joined(separator: "/"), binding.help, binding.command, bar: binding.inKeyBar)
        }
    }
}
