import DASFEngine
import Foundation

/// An assessment and the file it lives in. It remembers what it last read or wrote (bytes by
/// fingerprint, and the assessment itself), so a save never silently overwrites a change someone
/// else made on disk: under a lock it reads the file again, and when it changed, merges the other
/// writer's change with this one, the version read being the common base.
public struct SaveFile: Sendable {
    /// The path as given (a symbolic link stays one).
    public let path: String
    /// Where the bytes are: `path` with its links resolved once, on purpose, when it was opened.
    public let target: String
    public private(set) var assessment: Assessment
    /// Every edit so far, oldest first: the minutes of the workshop.
    public private(set) var journal: [JournalEntry]
    /// A fingerprint of the file as last read or written (`Fingerprint`).
    public private(set) var fingerprint: String
    /// The schema the file had; it is kept unless the content needs a newer one.
    public private(set) var schema: Int
    /// Where the file holds keys this dasf does not know ("risks.9.1.reviewer"): kept on every
    /// save, named by `dasf validate --strict`.
    public private(set) var unknownFields: [String] = []
    /// False when opened without its journal: such a file is never written (the journal would go).
    public private(set) var journalRead = true
    /// `journal` as rendered in the file, one line per entry, kept to render only new entries.
    private var journalLines: [String]?

    init(path: String, target: String, assessment: Assessment, journal: [JournalEntry], fingerprint: String, schema: Int) {
        self.path = path
        self.target = target
        self.assessment = assessment
        self.journal = journal
        self.fingerprint = fingerprint
        self.schema = schema
    }

    /// What a save did.
    public struct Outcome: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// The file already held exactly this.
            case unchanged
            case written
            /// Someone else saved meanwhile; both changes are in the file.
            case merged
        }

        public var kind: Kind
        /// Fields taken from the other writer's version.
        public var theirChanges = 0
        /// Who made them, from the journal entries they added.
        public var theirAuthors: [String] = []
        /// Fields both changed differently, kept for the map's `!` screen.
        public var newConflicts: [MergeConflict] = []

        /// "merged 2 changes by Ana saved meanwhile", or nil when nothing was merged.
        public var summary: String? {
            guard kind == .merged else { return nil }
            let who = theirAuthors.isEmpty ? "" : " by " + theirAuthors.joined(separator: ", ")
            var text = "merged \(theirChanges) change\(theirChanges == 1 ? "" : "s")\(who) saved meanwhile"
            if !newConflicts.isEmpty { text += "; \(newConflicts.count) conflict\(newConflicts.count == 1 ? "" : "s") to settle (!)" }
            return text
        }
    }

    /// What to do when the other writer changed a field this one changed too.
    public enum ConflictPolicy: Sendable {
        /// Refuse the save, leaving the file as the other writer left it (the command line).
        case refuse
        /// Keep both values in the file, to be settled on the map's `!` screen.
        case keepBoth
    }

    /// Reads and checks a save file. Nothing is written. `-` reads standard input.
    /// `journal: false` leaves the journal unread (for commands that never show it): the file
    /// opened so cannot be saved, since its journal would be lost.
    public static func open(_ path: String, journal: Bool = true) throws(StoreError) -> SaveFile {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return try decoded(data, path: "standard input", target: "-", journal: journal)
        }
        let target = try resolve(path)
        guard let parts = PathName(target) else { throw StoreError(path: path, kind: .unreadable, reason: "not a file name") }
        let data: Data
        do {
            let directory = try Directory(parts.directory)
            guard let bytes = try directory.read(parts.name) else { throw StoreError(path: path, kind: .unreadable, reason: "no such file") }
            data = bytes
        } catch let error as StoreError {
            throw error
        } catch let error as AtomicFile.Failure {
            let reason = error.reason.hasSuffix("is not a regular file") && isDirectory(target) ? "is a directory, not a save file" : error.reason
            throw StoreError(path: path, kind: .unreadable, reason: reason)
        } catch {
            throw StoreError(path: path, kind: .unreadable, reason: "\(error)")
        }
        return try decoded(data, path: path, target: target, journal: journal)
    }

    private static func decoded(_ data: Data, path: String, target: String, journal readJournal: Bool) throws(StoreError) -> SaveFile {
        let file: SaveFileFormat.DecodedFile
        do {
            file = try SaveFileFormat.decodeFile(data, path: path, journal: readJournal)
        } catch {
            // A damaged file usually has a sound previous version beside it: say so.
            // Read like the file itself: a link planted at FILE.bak is not followed.
            guard error.kind == .damaged || error.kind == .invalid, target != "-", let parts = PathName(target + ".bak"),
                  let bytes = try? Directory(parts.directory).read(parts.name),
                  (try? SaveFileFormat.decodeFile(bytes, path: target + ".bak")) != nil
            else { throw error }
            throw StoreError(path: path, kind: error.kind, reason: error.reason + "; the previous version, which reads, is in \(path).bak")
        }
        var saved = SaveFile(path: path, target: target, assessment: file.assessment, journal: file.journal,
                             // A file read without its journal is never written, so it needs no fingerprint.
                             fingerprint: readJournal ? Fingerprint.of(data) : "", schema: file.schema)
        saved.unknownFields = file.unknownFields
        saved.journalRead = readJournal
        return saved
    }

    /// Writes a new save file; refuses to replace anything at `path`, a dangling link included.
    public static func create(_ path: String, assessment: Assessment, journal: [JournalEntry] = []) throws(StoreError) -> SaveFile {
        let data = SaveFileFormat.encode(assessment, journal: journal)
        do {
            try AtomicFile.write(data, to: path, exclusive: true)
        } catch {
            let kind: StoreError.Kind = error.alreadyExists ? .alreadyExists : .writeFailed
            let what = PathName.isSymbolicLink(path) ? "a symbolic link is there"
                : isDirectory(path) ? "is a folder; name a file in it, such as \(PathName.sibling(of: path + "/x", named: "assessment.dasf.json"))"
                : error.reason
            throw StoreError(path: path, kind: kind, reason: what + (kind == .alreadyExists && !isDirectory(path) ? "; not replaced" : ""))
        }
        return SaveFile(path: path, target: path, assessment: assessment, journal: journal, fingerprint: Fingerprint.of(data),
                        schema: SaveFileFormat.schemaVersion)
    }

    /// Saves a new version. When the file changed on disk since it was read, the two are merged
    /// field by field (the version read is the base) and the merge is written; where both changed
    /// the same field, `conflicts` decides. `force` writes this version over whatever is there.
    /// The replaced version is kept as `FILE.bak`. Returns what it did.
    @discardableResult
    public mutating func save(
        _ assessment: Assessment, journal: [JournalEntry]? = nil, force: Bool = false, conflicts: ConflictPolicy = .refuse
    ) throws(StoreError) -> Outcome {
        try save(assessment, journal: journal, force: force, conflicts: conflicts, interruption: nil)
    }

    mutating func save(
        _ assessment: Assessment, journal newJournal: [JournalEntry]? = nil, force: Bool, conflicts policy: ConflictPolicy = .refuse,
        interruption: AtomicFile.Interruption?
    ) throws(StoreError) -> Outcome {
        guard target != "-" else { throw StoreError(path: path, kind: .writeFailed, reason: "standard input cannot be saved to") }
        guard journalRead else { throw StoreError(path: path, kind: .writeFailed, reason: "opened without its journal, so it is not written (the journal would be lost)") }
        guard let parts = PathName(target) else { throw StoreError(path: path, kind: .writeFailed, reason: "not a file name") }
        func failed(_ error: AtomicFile.Failure) -> StoreError {
            StoreError(path: path, kind: .writeFailed, reason: "not saved: \(error.reason); the previous version is intact")
        }
        let directory: Directory
        let current: Data?
        do {
            directory = try Directory(parts.directory)
            try directory.lock()
            current = try directory.read(parts.name)
        } catch {
            throw failed(error)
        }
        // From here to the rename no other dasf can write this folder's files.
        var assessment = assessment
        var journal = newJournal ?? self.journal
        var outcome = Outcome(kind: .written)
        var lines: [String]?
        if let current, Fingerprint.of(current) != fingerprint, !force {
            let theirs: SaveFileFormat.DecodedFile
            do {
                theirs = try SaveFileFormat.decodeFile(current, path: path)
            } catch {
                throw StoreError(path: path, kind: .changedOnDisk,
                    reason: "the file changed on disk and can no longer be read (\(error.reason)); not overwritten")
            }
            let merge = Assessment.merge(base: self.assessment, mine: assessment, theirs: theirs.assessment)
            let known = Set(assessment.conflicts.map(\.field)).union(theirs.assessment.conflicts.map(\.field))
            let fresh = merge.conflicts.filter { !known.contains($0.field) }
            if !fresh.isEmpty && policy == .refuse {
                let fields = fresh.prefix(3).map(\.label).joined(separator: ", ") + (fresh.count > 3 ? " and \(fresh.count - 3) more" : "")
                throw StoreError(path: path, kind: .changedOnDisk,
                    reason: "the file changed on disk since it was read and \(fields) changed there too; not overwritten (run it again to apply yours to the new version, or use --force)")
            }
            let seen = Set(self.journal)
            outcome = Outcome(kind: .merged, theirChanges: merge.fromTheirs,
                              theirAuthors: Array(Set(theirs.journal.filter { !seen.contains($0) }.map(\.by))).sorted(), newConflicts: fresh)
            assessment = merge.assessment
            journal = Assessment.mergeJournals(journal, theirs.journal)
            schema = max(schema, theirs.schema)
        } else if let cached = journalLines, cached.count == self.journal.count {
            // Lines already rendered are reused up to the first entry that differs: appends and
            // a folded last line (JournalEntry.append) render only what is new.
            let kept = zip(journal, self.journal).prefix { $0 == $1 }.count
            lines = Array(cached[..<kept]) + journal[kept...].map(SaveFileFormat.journalLine)
        }
        let rendered = lines ?? journal.map(SaveFileFormat.journalLine)
        let data = SaveFileFormat.encode(assessment, journalLines: rendered, schema: schema)
        if current == data {
            outcome.kind = outcome.kind == .merged ? .merged : .unchanged
        } else {
            do {
                directory.removeStaleTemporaries(of: parts.name)
                try AtomicFile.write(data, named: parts.name, in: directory, backup: true, interruption: interruption)
            } catch {
                throw failed(error)
            }
        }
        self.assessment = assessment
        self.journal = journal
        journalLines = rendered
        fingerprint = Fingerprint.of(data)
        return outcome
    }

    /// Why saving here cannot work, said when the file is opened rather than after the first
    /// edit: a read-only mount, a file without write permission (even for root, who could write
    /// it anyway: its owner meant it to stay as it is), or a folder that does not let the file be
    /// replaced. Nil when saving can work.
    public var whyNotWritable: String? {
        guard target != "-" else { return "it was read from standard input" }
        guard let parts = PathName(target) else { return "it is not a file name" }
        var volume = statvfs()
        if statvfs(parts.directory, &volume) == 0, volume.f_flag & UInt(ST_RDONLY) != 0 { return "it is on a read-only file system" }
        var info = stat()
        if stat(target, &info) == 0, info.st_mode & 0o222 == 0 { return "the file has no write permission" }
        if access(target, W_OK) != 0 { return "you may not write the file (\(FileProblem.describe(errno: errno)))" }
        if access(parts.directory, W_OK) != 0 { return "its folder is not writable, so the file cannot be replaced safely" }
        return nil
    }

    /// The file's device, inode, size and modification time as they are now: a look that costs
    /// one `stat`, for the map's once-a-second check. Nil when there is no file to see.
    public func diskStamp() -> String? {
        var info = stat()
        guard target != "-", stat(target, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// The file as it is on disk now, decoded, when it differs from what was last read or written.
    public func readIfChanged() throws(StoreError) -> SaveFile? {
        guard target != "-" else { return nil }
        let data: Data
        do {
            guard let bytes = try readCurrent() else { return nil }
            data = bytes
        } catch {
            throw StoreError(path: path, kind: .unreadable, reason: error.reason)
        }
        guard Fingerprint.of(data) != fingerprint else { return nil }
        return try Self.decoded(data, path: path, target: target, journal: journalRead)
    }

    private func readCurrent() throws(AtomicFile.Failure) -> Data? {
        guard let parts = PathName(target) else { return nil }
        return try Directory(parts.directory).read(parts.name)
    }

    /// The file a save writes: a symbolic link (or a chain of them) is resolved to the file it
    /// leads to, so the link is kept and the real file receives the edits.
    static func resolve(_ path: String) throws(StoreError) -> String {
        guard PathName.isSymbolicLink(path) else { return path }
        guard let real = PathName.resolved(path) else {
            throw StoreError(path: path, kind: .unreadable, reason: "is a symbolic link that leads nowhere")
        }
        return real
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
