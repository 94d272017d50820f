import DASFEngine

/// Everything the interactive map shows, in one value. The reducer changes it; views draw it.
public struct AppState: Sendable {
    /// Changes only by an upgrade on the map (and its undo), which swap it with the assessment.
    public internal(set) var catalog: Catalog
    /// Every catalog this session has used, by `CatalogKey`: undoing an upgrade finds the one
    /// the earlier version was answered against.
    var catalogs: [String: Catalog] = [:]
    public private(set) var assessment: Assessment
    /// Recomputed after every edit, never on a cursor move.
    public private(set) var scorecard: Scorecard
    /// The save file's path, as shown to people.
    public let path: String
    /// Opened with `--readonly`, or the file cannot be saved.
    public let openedReadOnly: Bool
    /// Edits are off: the file is read-only, or a room is watching.
    public var readOnly: Bool { openedReadOnly || presenting != nil }
    /// With `--readonly --review`: review comments are allowed (never while presenting).
    public let reviewAllowed: Bool
    public var review: Bool { reviewAllowed && presenting == nil }
    /// Set while a room is watching (`P`, `dasf present`): private fields hidden, edits off.
    public internal(set) var presenting: Presentation?
    /// What presenting hides (the config file may choose; all by default).
    public let hiddenInRoom: Set<PrivateField>
    /// People's own keys (the config file's `keys:`).
    public let keyRemap: KeyRemap
    /// The time as the runtime last said ("2026-11-22T14:02:11Z"), for comments.
    public internal(set) var now: String
    public var size: Size
    /// Navigation; the last place is the one on screen. Never empty.
    public var stack: [Place]
    public var prompt: Prompt?
    /// A passing message for the status line, replaced by the next one.
    public var message: String?
    public var save: SaveStatus
    /// The file's git state for the status line ("git main, uncommitted"), read after each save.
    public internal(set) var versionControl: String?
    public let glyphs: Glyphs
    public let theme: Theme
    public let mouse: Bool
    /// Who is at the keyboard, for the journal and the "mine" filter.
    public let author: String
    /// Today, "YYYY-MM-DD": what staleness is judged against.
    public let today: String?
    /// Earlier versions, newest last: every edit (a bulk edit is one) can be undone.
    var undoStack: [Assessment] = []
    var redoStack: [Assessment] = []
    /// The minutes: every change with its time and author, as saved.
    public internal(set) var journal: Journal
    /// Opened from the portfolio: Esc on the map goes back there (the runtime ends).
    public var backLeaves = false
    /// The last search and where in its hits we are.
    public internal(set) var search: Search?

    public init(
        catalog: Catalog, assessment: Assessment, path: String, size: Size, readOnly: Bool = false, review: Bool = false,
        unicode: Bool = true, color: Bool = true, mouse: Bool = true, message: String? = nil,
        author: String = "unknown", today: String? = nil, journal: Journal = Journal(),
        presenting: Bool = false, hiddenInRoom: Set<PrivateField> = Set(PrivateField.allCases), themeName: ThemeName? = nil,
        keys: KeyRemap = .none
    ) {
        self.catalog = catalog
        catalogs[Self.key(catalog.reference)] = catalog
        self.assessment = assessment
        self.today = today
        scorecard = Scorecard(catalog: catalog, assessment: assessment, today: today)
        self.author = author
        self.journal = journal
        self.path = path
        openedReadOnly = readOnly
        reviewAllowed = review
        self.hiddenInRoom = hiddenInRoom
        keyRemap = keys
        self.presenting = presenting ? Presentation(hidden: hiddenInRoom) : nil
        now = ""
        self.size = size
        stack = [Place(.map)]
        self.message = message
        save = readOnly ? .readOnly : .saved(nil)
        glyphs = Glyphs(unicode: unicode)
        theme = themeName.map(Theme.init) ?? Theme(color: color)
        self.mouse = mouse
    }

    /// Opens at a component, or at a risk of it, over the map (from the portfolio).
    public mutating func open(component: Int?, risk: String?) {
        guard let component, catalog.component(component) != nil else { return }
        stack = [Place(.map, selected: catalog.components.firstIndex { $0.id == component } ?? 0), Place(.component(component))]
        if let risk, catalog.risk(risk) != nil {
            stack[1].selected = catalog.risks(inComponent: component).firstIndex { $0.id == risk } ?? 0
            stack.append(Place(.risk(risk)))
        }
    }

    public var place: Place {
        get { stack[stack.count - 1] }
        set { stack[stack.count - 1] = newValue }
    }

    public var screen: Screen { place.screen }

    static func key(_ reference: CatalogReference) -> String { reference.label + " " + reference.digest }

    /// Replaces the assessment after an edit and recomputes the scores. A version answered
    /// against another catalog this session knows (an upgrade, or undoing one) brings it back.
    mutating func update(_ assessment: Assessment) {
        let wanted = Self.key(assessment.catalog)
        if wanted != Self.key(catalog.reference), let known = catalogs[wanted] { catalog = known }
        self.assessment = assessment
        scorecard = Scorecard(catalog: catalog, assessment: assessment, today: today)
    }

    /// The state as the room sees it: the same, with the private fields taken out. Only ever
    /// drawn, never saved (the runtime saves `assessment`, which this leaves whole). Scores do
    /// not depend on private fields, so the scorecard is kept rather than recomputed.
    func shownToRoom() -> AppState {
        guard let presenting else { return self }
        var copy = self
        copy.assessment = assessment.forRoom(hiding: presenting.hidden)
        // The journal can be long; only its own screen shows it.
        // Only entries already read (no I/O while drawing); until then the journal stays as it
        // is, and its screen says it is being read and shows no entry.
        if screen != .journal {
            copy.journal = Journal()
        } else if journal.isRead, let entries = try? journal.entries() {
            copy.journal = Journal(JournalEntry.forRoom(entries, hiding: presenting.hidden))
        }
        return copy
    }

}

/// Where the save file stands, for the status line.
public enum SaveStatus: Sendable, Hashable {
    /// Saved; the time it was, when known ("14:02:11").
    case saved(String?)
    /// Edited, not yet written.
    case pending
    /// The last save failed; the edits are still in memory.
    case failed(String)
    /// The file changed on disk since it was read; W writes anyway.
    case conflict(String)
    case readOnly
}

/// A search over ids, titles, descriptions and framework ids, and the hit on screen.
public struct Search: Sendable, Hashable {
    public enum Hit: Sendable, Hashable {
        case risk(String)
        case control(String)
    }

    public var query: String
    public var hits: [Hit]
    public var index: Int
}

extension AppState {
    /// "1 merge conflict to settle: ! lists it", or nil when there is none.
    public static func conflictNotice(count: Int) -> String? {
        count == 0 ? nil : "\(count) merge conflict\(count == 1 ? "" : "s") to settle: ! lists \(count == 1 ? "it" : "them")"
    }
}
