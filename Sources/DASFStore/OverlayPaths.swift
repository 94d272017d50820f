import Foundation

/// Where a save file says its overlays are: relative to its own folder when they lie beneath it,
/// so a folder of assessments and overlays can be moved or cloned as a whole.
public enum OverlayPaths {
    /// The path to record for an overlay typed as `overlay` (relative to the working directory)
    /// in the save file at `saveFile`.
    public static func recorded(_ overlay: String, saveFile: String) -> String {
        let target = absolute(overlay)
        let folder = (absolute(saveFile) as NSString).deletingLastPathComponent
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return target.hasPrefix(prefix) ? String(target.dropFirst(prefix.count)) : target
    }

    /// The path to read for an overlay recorded as `recorded` in the save file at `saveFile`.
    public static func resolved(_ recorded: String, saveFile: String) -> String {
        if recorded.hasPrefix("/") { return recorded }
        let folder = (saveFile as NSString).deletingLastPathComponent
        return folder.isEmpty ? recorded : (folder as NSString).appendingPathComponent(recorded)
    }

    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (full as NSString).standardizingPath
    }
}
