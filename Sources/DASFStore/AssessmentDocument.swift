import DASFEngine

/// A save file opened together with the catalog it should be read against, and what a person
/// should be told about the pairing. The command line and the TUI open assessments this way.
public struct AssessmentDocument: Sendable {
    public var file: SaveFile
    public let catalog: Catalog
    /// Things worth saying that do not stop work: a changed catalog, ids the catalog lacks.
    public let warnings: [String]

    public var assessment: Assessment { file.assessment }

    /// Opens `path`. The catalog is `catalogSpec` (a built-in id or a path) when given, otherwise
    /// the built-in catalog the file names.
    public static func open(_ path: String, catalog catalogSpec: String? = nil) throws -> AssessmentDocument {
        try open(path, using: catalogSpec.map { spec throws in try Catalog.resolve(spec) })
    }

    /// Opens `path` against `given` (a catalog already read, as a YAML one is by the command line),
    /// otherwise the built-in catalog the file names.
    ///
    /// Overlays: those named by `overlays` (paths as typed, read by `readOverlay`) when given;
    /// otherwise the ones the file records, found beside it. One the file records that cannot be
    /// read is said, and its answers kept in the file (as any id the catalog lacks).
    public static func open(_ path: String, using given: Catalog?, overlays chosen: [String]? = nil, journal: Bool = true,
                            readOverlay: (String) throws -> Overlay = { try Overlay.load(path: $0) }) throws -> AssessmentDocument {
        try open(try SaveFile.open(path, journal: journal), using: given, overlays: chosen, readOverlay: readOverlay)
    }

    /// A save file already read, as above.
    public static func open(_ file: SaveFile, using given: Catalog?, overlays chosen: [String]? = nil,
                            readOverlay: (String) throws -> Overlay = { try Overlay.load(path: $0) }) throws -> AssessmentDocument {
        let path = file.path
        let reference = file.assessment.catalog
        var catalog: Catalog
        if let given {
            catalog = given
        } else if BuiltinCatalogs.ids.contains(reference.id) {
            catalog = try BuiltinCatalogs.load(reference.id)
        } else {
            throw StoreError(path: path, kind: .invalid,
                reason: "made with catalog \"\(reference.id)\", which is not built in; pass --catalog PATH")
        }
        var warnings: [String] = []
        if let chosen, !chosen.isEmpty {
            for overlayPath in chosen {
                catalog = try catalog.applying(try readOverlay(overlayPath), path: OverlayPaths.recorded(overlayPath, saveFile: path), origin: overlayPath)
            }
            if catalog.overlays.map(\.id) != reference.overlays.map(\.id) {
                let recorded = reference.overlays.isEmpty ? "none" : reference.overlays.map(\.id).joined(separator: ", ")
                warnings.append("\(path) records overlays: \(recorded); reading it with \(catalog.overlays.map(\.id).joined(separator: ", ")) (dasf upgrade --overlay records them)")
            }
        } else if catalog.id == reference.id {
            for declared in reference.overlays {
                let where_ = OverlayPaths.resolved(declared.path, saveFile: path)
                do {
                    let overlay = try readOverlay(where_)
                    catalog = try catalog.applying(overlay, path: declared.path, origin: where_)
                    if overlay.digest != declared.digest {
                        warnings.append("overlay \(declared.id) (\(declared.path)) has changed since \(path) recorded it (answers are matched by id)")
                    }
                } catch {
                    warnings.append("overlay \(declared.id) at \(declared.path) not applied: \(error); its answers are kept in the file")
                }
            }
        }
        if catalog.id != reference.id {
            warnings.append("\(path) was made with catalog \(reference.id) \(reference.version); reading it against \(catalog.id) \(catalog.version)")
        } else if !BuiltinCatalogs.sameFacts(catalog, digest: reference.digest) {
            warnings.append("catalog \(catalog.id) \(catalog.version) has changed since \(path) was made (answers are matched by id)")
        }
        warnings += file.assessment.unknownIDs(in: catalog).lines.map { "\(path): \($0)" }
        return AssessmentDocument(file: file, catalog: catalog, warnings: warnings)
    }

    /// Replaces the assessment as a whole (an upgrade to another catalog), with `entries` added
    /// to the journal, and saves once; a change someone saved meanwhile is merged as any save's is
    /// (a field both changed is refused).
    public mutating func replace(with assessment: Assessment, journal entries: [JournalEntry]) throws {
        try file.save(assessment, journal: file.journal.adding(entries), force: false, conflicts: .refuse)
    }

    /// Applies edits all together, records each changed field in the journal under `author`,
    /// and saves once; on any refused edit nothing is saved. When someone else saved the file
    /// meanwhile, their change and this one are merged (a field both changed is refused).
    @discardableResult
    public mutating func apply(_ edits: [Edit], author: String = Author.current, force: Bool = false) throws -> SaveFile.Outcome {
        var assessment = file.assessment
        for edit in edits { try assessment.apply(edit, in: catalog) }
        let at = Author.timestamp()
        let entries = assessment.changes(from: file.assessment).map { JournalEntry(at: at, by: author, change: $0) }
        return try file.save(assessment, journal: file.journal.adding(entries), force: force)
    }

    public var journal: Journal { file.journal }

    /// Every journal entry, read from the file if they were left in it.
    public func journalEntries() throws(StoreError) -> [JournalEntry] {
        try file.journalEntries()
    }

    public var scorecard: Scorecard { Scorecard(catalog: catalog, assessment: assessment) }

    /// The scores with staleness judged on `today` ("YYYY-MM-DD").
    public func scorecard(today: String) -> Scorecard { Scorecard(catalog: catalog, assessment: assessment, today: today) }
}
