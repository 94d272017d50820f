/// One line of the workshop's minutes: when, who, and what changed.
public struct JournalEntry: Sendable, Hashable {
    /// ISO 8601 in UTC, e.g. "2026-11-22T14:02:11Z".
    public var at: String
    public var by: String
    public var change: Change
    /// True when the change came from undo or redo.
    public var undo: Bool
    /// Keys this dasf does not know, kept as they were (`UnknownFields`).
    public var unknown = UnknownFields()

    public init(at: String, by: String, change: Change, undo: Bool = false) {
        self.at = at
        self.by = by
        self.change = change
        self.undo = undo
    }
}
