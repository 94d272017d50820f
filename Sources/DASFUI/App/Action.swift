import DASFEngine

/// Everything that can happen to the app.
public enum Action: Sendable, Hashable {
    case key(Key)
    /// The runtime finished a save of `wrote` (nil: of what is on screen now).
    case saved(SaveOutcome, wrote: SaveSnapshot? = nil)
    /// The runtime stamped the changes of an edit with time and author.
    case journaled([JournalEntry])
    /// The kept journal was read (nil) or could not be (why).
    case journalRead(String?)
    /// Something the runtime did that people should be told (a report written, say).
    case notice(String)
    /// The time now, sent before each key (comments are stamped with it).
    case clock(String)
    /// The file changed on disk and nothing was pending here: its version, and what to say.
    case reloaded(Assessment, journal: Journal, summary: String)
    /// Where the file stands in version control ("git main, uncommitted"), or nil outside it.
    case versionControl(String?)
}

/// What became of a save the reducer asked for.
public enum SaveOutcome: Sendable, Hashable {
    case saved(time: String)
    /// Someone else saved meanwhile; the file now holds both versions merged.
    case merged(time: String, Assessment, journal: Journal, summary: String)
    case failed(String)
    case conflict(String)
}

/// What a save was handed: the assessment and journal on screen when it began. Edits can
/// follow while it runs; comparing tells them apart from what it wrote.
public struct SaveSnapshot: Sendable, Hashable {
    public let assessment: Assessment
    public let journal: Journal

    public init(assessment: Assessment, journal: Journal) {
        self.assessment = assessment
        self.journal = journal
    }
}

/// Work the reducer asks the runtime to do; results come back as actions.
public enum Effect: Sendable, Hashable {
    /// The assessment changed: save it soon. A save writes what is on screen when it begins
    /// (edits made meanwhile go in the next), so the effect carries no version of its own.
    case save
    /// Changes to record in the journal; `undo` when they came from undo or redo.
    case record([Change], undo: Bool)
    /// Save even though the file changed on disk (after the person said so).
    case overwrite
    /// Write the reports beside the save file.
    case writeReport
    /// Read the journal's entries kept in the file (its screen opened); `Action.journalRead` follows.
    case readJournal
    case quit
}
