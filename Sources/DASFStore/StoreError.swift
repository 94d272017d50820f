/// Why a save file could not be read or written. Each renders as one line that names the file and
/// the problem; the file itself is never touched when one is thrown.
public struct StoreError: Error, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The file could not be read at all (missing, permissions, a directory).
        case unreadable
        /// Empty, truncated, or not valid JSON.
        case damaged
        /// Valid JSON, but not a dasf assessment.
        case foreign
        /// Written by a newer dasf with a schema this one does not know.
        case newerSchema
        /// A dasf assessment whose contents break the schema (an unknown status word, say).
        case invalid
        /// Someone else changed the file since it was read; saving would lose their work.
        case changedOnDisk
        /// `dasf new` refuses to replace an existing file.
        case alreadyExists
        /// Writing failed; the previous version is intact.
        case writeFailed
    }

    public let path: String
    public let kind: Kind
    public let reason: String

    public init(path: String, kind: Kind, reason: String) {
        self.path = path
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
