import DASFEngine

/// Everything the interactive map shows, in one value. The reducer changes it; views draw it.
public struct AppState: Sendable {
    public let catalog: Catalog
    public private(set) var assessment: Assessment
    /// Recomputed after every edit, never on a cursor move.
    public private(set) var scorecard: Scorecard
    /// The save file's path, as shown to people.
    public let path: String
    public let readOnly: Bool
    public var size: Size
    /// Navigation; the last place is the one on screen. Never empty.
    public var stack: [Place]
    public var prompt: Prompt?
    /// A passing message for the status line, replaced by the next one.
    public var message: String?
    public var save: SaveStatus
    public let glyphs: Glyphs
    public let theme: Theme
    public let mouse: Bool

    public init(
        catalog: Catalog, assessment: Assessment, path: String, size: Size, readOnly: Bool = false,
        unicode: Bool = true, color: Bool = true, mouse: Bool = true, message: String? = nil
    ) {
        self.catalog = catalog
        self.assessment = assessment
        scorecard = Scorecard(catalog: catalog, assessment: assessment)
        self.path = path
        self.readOnly = readOnly
        self.size = size
        stack = [Place(.map)]
        self.message = message
        save = readOnly ? .readOnly : .saved(nil)
        glyphs = Glyphs(unicode: unicode)
        theme = Theme(color: color)
        self.mouse = mouse
    }

    public var place: Place {
        get { stack[stack.count - 1] }
        set { stack[stack.count - 1] = newValue }
    }

    public var screen: Screen { place.screen }

    /// Replaces the assessment after an edit and recomputes the scores.
    mutating func update(_ assessment: Assessment) {
        self.assessment = assessment
        scorecard = Scorecard(catalog: catalog, assessment: assessment)
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
