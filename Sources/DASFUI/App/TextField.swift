import DASFEngine

/// A single line of text being typed: whole graphemes are inserted and deleted, so accents,
/// CJK and emoji edit as people expect.
public struct TextField: Sendable, Hashable {
    public private(set) var characters: [Character]
    /// Insertion point, in characters.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// Applies an editing key; returns false for keys that are not editing keys.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let character):
            characters.insert(character, at: cursor)
            cursor += 1
        case .backspace:
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .control("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .control("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .control("k"):
            characters.removeLast(characters.count - cursor)
        default:
            return false
        }
        return true
    }

    /// Cells from the start of the text to the cursor.
    public var cursorColumn: Int { characters[..<cursor].reduce(0) { $0 + TextWidth.of($1) } }
}

/// What a prompt's answer is for.
public enum PromptPurpose: Sendable, Hashable {
    case controlNotApplicable(String)
    case controlOwner(String)
    case controlEvidence(String)
    case controlNote(String)
    case riskNotApplicable(String)
    case riskRationale(String, treatment: RiskTreatment)
    case useCaseField(Int)
    case addThreat(String)
    /// The second field of a new threat: its rating, with the text already typed.
    case threatRating(risk: String, text: String)
    case removeThreat(String)
    case rateThreat(String)
    case controlDate(DateField, [String])
    case organisationalNotes(OrganisationalRisk)
    case bulkOwner([String])
    /// A one-key chooser: which status the marked controls get.
    case bulkStatus([String])
    case bulkNotApplicable([String])
    case bulkRiskNotApplicable([String])
    case search
    case jump
    case comment(Comment.Target)
    case resolveComment([String])
    /// A one-key question: y carries the assessment to this built-in catalog.
    case upgradeCatalog(String)
    /// The portfolio's filter ("model:rag owner:dana …") and search.
    case portfolioFilter, portfolioSearch
}

/// Which of a control's dates a prompt sets.
public enum DateField: String, Sendable, Hashable {
    case target = "target date"
    case reviewBy = "review-by date"
}

/// A question at the bottom of the screen and the answer being typed.
public struct Prompt: Sendable, Hashable {
    public var purpose: PromptPurpose
    public var label: String
    public var field: TextField

    public init(purpose: PromptPurpose, label: String, text: String = "") {
        self.purpose = purpose
        self.label = label
        field = TextField(text)
    }
}
