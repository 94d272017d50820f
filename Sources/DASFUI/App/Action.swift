import DASFEngine

/// Everything that can happen to the app.
public enum Action: Sendable, Hashable {
    case key(Key)
    /// The runtime finished a save.
    case saved(SaveOutcome)
}

/// What became of a save the reducer asked for.
public enum SaveOutcome: Sendable, Hashable {
    case saved(time: String)
    case failed(String)
    case conflict(String)
}

/// Work the reducer asks the runtime to do; results come back as actions.
public enum Effect: Sendable, Hashable {
    case save(Assessment)
    /// Save even though the file changed on disk (after the person said so).
    case overwrite(Assessment)
    case quit
}
