import DASFEngine
import DASFUI

/// What the config file may set. Every field is optional: what is not set keeps its default,
/// and a command-line option or environment variable given for the same thing wins.
public struct Settings: Sendable, Hashable {
    public var theme: ThemeName?
    /// Your name in the journal.
    public var author: String?
    /// The catalog new assessments are made against (a built-in id or a path).
    public var catalog: String?
    public var mouse: Bool?
    /// What presenting and `--audience room` hide.
    public var hiddenInRoom: Set<PrivateField>?
    public var keys = KeyRemap.none

    public init() {}
}
