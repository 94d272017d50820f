import DASFEngine
import Foundation

/// An assessment and the file it lives in. It remembers a fingerprint of the bytes it last read
/// or wrote, so a save never silently overwrites a change someone else made on disk.
public struct SaveFile: Sendable {
    public let path: String
    public private(set) var assessment: Assessment
    /// Every edit so far, oldest first: the minutes of the workshop.
    public private(set) var journal: [JournalEntry]
    /// A fingerprint of the file as last read or written (`Fingerprint`).
    public private(set) var fingerprint: String
    /// `journal` as rendered in the file, one line per entry, kept to render only new entries.
    private var journalLines: [String]?

    init(path: String, assessment: Assessment, journal: [JournalEntry], fingerprint: String) {
        self.path = path
        self.assessment = assessment
        self.journal = journal
        self.fingerprint = fingerprint
    }

    /// Reads and checks a save file. Nothing is written.
    public static func open(_ path: String) throws(StoreError) -> SaveFile {
        let data = try readBytes(path)
        let (assessment, journal) = try SaveFileFormat.decodeWithJournal(data, path: path)
        return SaveFile(path: path, assessment: assessment, journal: journal, fingerprint: Fingerprint.of(data))
    }

    /// Writes a new save file; refuses to replace one that exists.
    public static func create(_ path: String, assessment: Assessment, journal: [JournalEntry] = []) throws(StoreError) -> SaveFile {
        let data = SaveFileFormat.encode(assessment, journal: journal)
        do {
            try AtomicFile.write(data, to: path, exclusive: true)
        } catch {
            let kind: StoreError.Kind = error.reason == "the file already exists" ? .alreadyExists : .writeFailed
            throw StoreError(path: path, kind: kind, reason: error.reason + (kind == .alreadyExists ? "; not replaced" : ""))
        }
        return SaveFile(path: path, assessment: assessment, journal: journal, fingerprint: Fingerprint.of(data))
    }

    /// Saves a new version. Fails, leaving the file as it is, when the file changed on disk since
    /// it was read, unless `force` is set. The replaced version is kept as `path.bak`.
    public mutating func save(_ assessment: Assessment, journal: [JournalEntry]? = nil, force: Bool = false) throws(StoreError) {
        try save(assessment, journal: journal, force: force, interruption: nil)
    }

    mutating func save(
        _ assessment: Assessment, journal newJournal: [JournalEntry]? = nil, force: Bool, interruption: AtomicFile.Interruption?
    ) throws(StoreError) {
        let journal = newJournal ?? self.journal
        var lines: [String]
        if let cached = journalLines, cached.count == self.journal.count, journal.starts(with: self.journal) {
            lines = cached
            lines.append(contentsOf: journal[self.journal.count...].map(SaveFileFormat.journalLine))
        } else {
            lines = journal.map(SaveFileFormat.journalLine)
        }
        let data = SaveFileFormat.encode(assessment, journalLines: lines)
        let newFingerprint = Fingerprint.of(data)
        if let current = FileManager.default.contents(atPath: path) {
            let onDisk = Fingerprint.of(current)
            if onDisk != fingerprint && !force {
                throw StoreError(path: path, kind: .changedOnDisk,
                    reason: "the file changed on disk since it was read; not overwritten (reload it, or use --force)")
            }
            if onDisk == newFingerprint {
                self.assessment = assessment
                self.journal = journal
                journalLines = lines
                fingerprint = newFingerprint
                return
            }
        }
        do {
            try AtomicFile.write(data, to: path, backup: true, interruption: interruption)
        } catch {
            throw StoreError(path: path, kind: .writeFailed, reason: "not saved: \(error.reason); the previous version is intact")
        }
        self.assessment = assessment
        self.journal = journal
        journalLines = lines
        fingerprint = newFingerprint
    }

    private static func readBytes(_ path: String) throws(StoreError) -> Data {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError(path: path, kind: .unreadable, reason: "is a directory, not a save file")
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw StoreError(path: path, kind: .unreadable, reason: FileProblem.describe(error))
        }
    }
}
