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
    /// Every edit so far, oldest first: the minutes of the workshop. In a file dasf wrote, the
    /// entries it held stay unread in it (`Journal.kept`) until something asks for them.
    public private(set) var journal: Journal
    /// A fingerprint of the file as last read or written (`Fingerprint`), for a file read whole.
    private var fingerprint: String
    /// For a file whose journal was left in it: the journal, what the file was (a save checks
    /// the file is still that one without reading it), and the bytes around the journal's
    /// entries as last read or written.
    private var stored: StoredJournal?
    private var stamp: FileStamp?
    private var around: (head: Data, tail: Data)?
    /// The schema the file had; it is kept unless the content needs a newer one.
    public private(set) var schema: Int
    /// Where the file holds keys this dasf does not know ("risks.9.1.reviewer"): kept on every
    /// save, named by `dasf validate --strict`.
    public private(set) var unknownFields: [String] = []
    /// False when opened without its journal: such a file is never written (the journal would go).
    public private(set) var journalRead = true
    /// Journal entries as rendered in the file, one line each, kept to render only new entries:
    /// every entry for a file read whole, the recorded ones for a file whose journal stays in it.
    private var journalLines: [String]?

    init(path: String, target: String, assessment: Assessment, journal: Journal, fingerprint: String, schema: Int) {
        self.path = path
        self.target = target
        self.assessment = assessment
        self.journal = journal
        self.fingerprint = fingerprint
        self.schema = schema
    }

    /// Every journal entry, read from the file if they were left in it.
    public func journalEntries() throws(StoreError) -> [JournalEntry] {
        do {
            return try journal.entries()
        } catch {
            throw StoreError(path: path, kind: .damaged, reason: error.reason)
        }
    }

    /// Reads a journal left in the file and checks every entry: where entries hold keys this dasf
    /// does not know ("journal[3].mood"). Nothing for a journal read with the file.
    public func checkedJournal() throws(StoreError) -> [String] {
        guard let stored else { return [] }
        let bytes: Data
        do {
            bytes = try stored.bytes()
        } catch {
            throw StoreError(path: path, kind: .damaged, reason: error.reason)
        }
        return try SaveFileFormat.decodeJournalReporting(bytes, path: path).unknownPaths
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
        return try read(path: path, target: try resolve(path), journal: journal)
    }

    private static func read(path: String, target: String, journal: Bool) throws(StoreError) -> SaveFile {
        guard let parts = PathName(target) else { throw StoreError(path: path, kind: .unreadable, reason: "not a file name") }
        let data: Data
        do {
            let directory = try Directory(parts.directory)
            guard let (file, info) = try directory.openRegular(parts.name) else { throw StoreError(path: path, kind: .unreadable, reason: "no such file") }
            defer { close(file) }
            var whole: Data?
            if let kept = try keptJournal(file, info, path: path, target: target, whole: &whole) { return kept }
            data = try whole ?? Directory.readAll(file, expected: Int(info.st_size))
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

    /// The file opened with its journal left in it, when it is laid out as dasf writes it (the
    /// journal last, one entry a line): only the fields before the journal are read, and the
    /// journal's last bytes to check where it ends. Nil otherwise. The journal keeps a duplicate
    /// of the descriptor, to read the file as it was opened if it is ever asked to.
    /// `whole` is the file's bytes when they were all read on the way (a small file).
    private static func keptJournal(_ file: Int32, _ info: stat, path: String, target: String, whole: inout Data?) throws -> SaveFile? {
        let size = Int(info.st_size)
        // Data from bytes, never from a string's view or a slice: Data's generic initialiser
        // casts dynamically, and its first use costs every command a search of the runtime.
        let opening = SaveFileFormat.journalOpening.utf8.count, closing = Data(Array(SaveFileFormat.journalClosing.utf8))
        var prefix = Data()
        var start: Int?
        while start == nil && prefix.count < size {
            let more = try Directory.read(file, from: prefix.count, count: min(max(prefix.count, 65_536), size - prefix.count))
            guard !more.isEmpty else { return nil }
            // The marker may straddle the two reads: look again from just before the join.
            let from = max(0, prefix.count - opening)
            prefix += more
            start = SaveFileFormat.journalStart(in: prefix[from...])
        }
        // Read to the end (and the file is no longer than it said): nothing to read again.
        if prefix.count == size, try Directory.read(file, from: size, count: 1).isEmpty { whole = prefix }
        guard let start, start + opening + closing.count <= size,
              try Directory.read(file, from: size - closing.count, count: closing.count) == closing
        else { return nil }
        var head = prefix.subdata(in: 0..<start)
        head.append(contentsOf: [0x0A, 0x7D, 0x0A])
        let decoded = try decoded(head, path: path, target: target, journal: true)
        // A journal field before the marker means the file is not laid out as expected.
        guard decoded.journal.isEmpty else { return nil }
        // "[\n" … "\n  ]": from the bracket the marker ends with to the one `closing` starts with.
        let bracket = start + opening - 2, length = size - (closing.count - 4) - bracket
        guard length >= 8 else { return nil }
        let copy = fcntl(file, F_DUPFD_CLOEXEC, 0)
        guard copy >= 0 else { return nil }
        let stored = StoredJournal(path: path, descriptor: copy, offset: bracket, length: length)
        // Its last line must be a journal entry: a list of something else that ends the file the
        // same way (a key added after the journal by hand) is read with the rest instead.
        guard stored.last != nil else { return nil }
        var saved = decoded
        saved.journal = Journal(kept: stored)
        saved.stored = stored
        saved.stamp = FileStamp(info)
        saved.around = (prefix.subdata(in: 0..<(bracket + 2)), closing)
        saved.fingerprint = ""
        saved.journalLines = []
        return saved
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
        var saved = SaveFile(path: path, target: target, assessment: file.assessment, journal: Journal(file.journal),
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
        return SaveFile(path: path, target: path, assessment: assessment, journal: Journal(journal), fingerprint: Fingerprint.of(data),
                        schema: SaveFileFormat.schemaVersion)
    }

    /// Saves a new version. When the file changed on disk since it was read, the two are merged
    /// field by field (the version read is the base) and the merge is written; where both changed
    /// the same field, `conflicts` decides. `force` writes this version over whatever is there.
    /// The replaced version is kept as `FILE.bak`. Returns what it did.
    @discardableResult
    public mutating func save(
        _ assessment: Assessment, journal: Journal? = nil, force: Bool = false, conflicts: ConflictPolicy = .refuse
    ) throws(StoreError) -> Outcome {
        try save(assessment, journal: journal, force: force, conflicts: conflicts, interruption: nil)
    }

    mutating func save(
        _ assessment: Assessment, journal newJournal: Journal? = nil, force: Bool, conflicts policy: ConflictPolicy = .refuse,
        interruption: AtomicFile.Interruption?
    ) throws(StoreError) -> Outcome {
        guard target != "-" else { throw StoreError(path: path, kind: .writeFailed, reason: "standard input cannot be saved to") }
        guard journalRead else { throw StoreError(path: path, kind: .writeFailed, reason: "opened without its journal, so it is not written (the journal would be lost)") }
        guard let parts = PathName(target) else { throw StoreError(path: path, kind: .writeFailed, reason: "not a file name") }
        let journal = newJournal ?? self.journal
        let directory: Directory
        do {
            directory = try Directory(parts.directory)
            try directory.lock()
        } catch {
            throw failed(error.reason)
        }
        // From here to the rename no other dasf can write this folder's files.
        var current: Data?
        var unchangedOnDisk = false
        do {
            if let stored, let stamp, let around {
                // The journal stays in the file: the file is taken as unchanged when it is still the
                // same one (device, inode, size, time), else when its bytes are what was last there.
                if let now = directory.status(of: parts.name), FileStamp(now) == stamp {
                    unchangedOnDisk = true
                } else {
                    current = try directory.read(parts.name)
                    if let bytes = current, bytes.count == around.head.count + stored.length - 6 + around.tail.count,
                       bytes.prefix(around.head.count) == around.head, bytes.suffix(around.tail.count) == around.tail,
                       let lines = try? stored.entryLines(), bytes.dropFirst(around.head.count).prefix(lines.count) == lines {
                        unchangedOnDisk = true
                    }
                }
            } else {
                current = try directory.read(parts.name)
                unchangedOnDisk = current.map { Fingerprint.of($0) == fingerprint } ?? true
            }
        } catch {
            throw failed(error.reason)
        }
        if unchangedOnDisk || force, let stored, journal.kept === stored {
            return try saveKeepingJournal(assessment, journal, stored: stored, in: directory, name: parts.name, interruption: interruption)
        }

        var assessment = assessment
        var entries: [JournalEntry]
        do {
            entries = try journal.entries()
        } catch {
            throw failed(error.reason)
        }
        // The journal as last read or written: only a merge needs it when it was left in the file.
        func earlier() throws(StoreError) -> [JournalEntry] {
            do {
                return try self.journal.entries()
            } catch {
                throw failed(error.reason)
            }
        }
        var outcome = Outcome(kind: .written)
        var lines: [String]?
        if let current, !unchangedOnDisk, !force {
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
            let seen = Set(try earlier())
            outcome = Outcome(kind: .merged, theirChanges: merge.fromTheirs,
                              theirAuthors: Array(Set(theirs.journal.filter { !seen.contains($0) }.map(\.by))).sorted(), newConflicts: fresh)
            assessment = merge.assessment
            entries = Assessment.mergeJournals(entries, theirs.journal)
            schema = max(schema, theirs.schema)
        } else if self.stored == nil, let cached = journalLines, cached.count == self.journal.recorded.count {
            // Lines already rendered are reused up to the first entry that differs: appends and
            // a folded last line (JournalEntry.append) render only what is new.
            let kept = zip(entries, self.journal.recorded).prefix { $0 == $1 }.count
            lines = Array(cached[..<kept]) + entries[kept...].map(SaveFileFormat.journalLine)
        }
        let rendered = lines ?? entries.map(SaveFileFormat.journalLine)
        let data = SaveFileFormat.encode(assessment, journalLines: rendered, schema: schema)
        if current == data {
            outcome.kind = outcome.kind == .merged ? .merged : .unchanged
        } else {
            do {
                directory.removeStaleTemporaries(of: parts.name)
                try AtomicFile.write(data, named: parts.name, in: directory, backup: true, interruption: interruption)
            } catch {
                throw failed(error.reason)
            }
        }
        self.assessment = assessment
        self.journal = Journal(entries)
        journalLines = rendered
        fingerprint = Fingerprint.of(data)
        stored = nil
        stamp = nil
        around = nil
        return outcome
    }

    /// Why a save did not happen; the file on disk is as it was.
    private func failed(_ reason: String) -> StoreError {
        StoreError(path: path, kind: .writeFailed, reason: "not saved: \(reason); the previous version is intact")
    }

    /// A save that writes the journal's kept entries back as the bytes they were, read from the
    /// file as it was opened, and renders only the entries recorded since: with 100,000 entries
    /// it costs about what writing the bytes does.
    private mutating func saveKeepingJournal(
        _ assessment: Assessment, _ journal: Journal, stored: StoredJournal, in directory: Directory, name: String,
        interruption: AtomicFile.Interruption?
    ) throws(StoreError) -> Outcome {
        let recorded = journal.recorded, before = self.journal.recorded
        let reused = journalLines.map { cached in cached.count == before.count ? zip(recorded, before).prefix { $0 == $1 }.count : 0 } ?? 0
        let rendered = Array((journalLines ?? [])[..<reused]) + recorded[reused...].map(SaveFileFormat.journalLine)
        let kept: (offset: Int, count: Int)
        do {
            kept = try stored.entryRange()
        } catch {
            throw failed(error.reason)
        }
        let (head, tail) = SaveFileFormat.encodeAround(assessment, schema: schema, recordedLines: rendered)
        var outcome = Outcome(kind: .written)
        if let around, around.head == head, around.tail == tail {
            outcome.kind = .unchanged
        } else {
            do {
                directory.removeStaleTemporaries(of: name)
                let parts: [AtomicFile.Part] = [.bytes(head), .copied(from: stored.descriptor, offset: kept.offset, count: kept.count), .bytes(tail)]
                let written = try AtomicFile.write(parts, named: name, in: directory, backup: true, interruption: interruption)
                stamp = FileStamp(written)
            } catch {
                throw failed(error.reason)
            }
        }
        self.assessment = assessment
        self.journal = journal
        journalLines = rendered
        around = (head, tail)
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
        if stored != nil, let stamp { return try readKeptIfChanged(stamp: stamp) }
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

    /// As `readIfChanged`, for a file whose journal was left in it: the same file (device, inode,
    /// size, time) is unchanged, and so is one whose fields and journal length are what they were.
    private func readKeptIfChanged(stamp: FileStamp) throws(StoreError) -> SaveFile? {
        var info = stat()
        if lstat(target, &info) == 0, FileStamp(info) == stamp { return nil }
        let fresh = try Self.read(path: path, target: target, journal: journalRead)
        if let around, let theirs = fresh.around, around.head == theirs.head, around.tail == theirs.tail,
           fresh.stored?.length == stored?.length, fresh.assessment == assessment {
            return nil
        }
        return fresh
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

/// What a file is, as `stat` says, to tell without reading it that it is still the one read or
/// written: device, inode, size and modification time (a rename keeps all four; a write in place
/// changes the time, a replacement the inode).
struct FileStamp: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let seconds: Int
    let nanoseconds: Int

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        seconds = info.st_mtim.tv_sec
        nanoseconds = info.st_mtim.tv_nsec
    }
}
