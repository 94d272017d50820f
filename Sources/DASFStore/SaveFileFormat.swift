import DASFEngine
import Foundation

/// The save file: one pretty-printed JSON object per assessment, fields in a fixed order, ids in
/// natural order, holding only what people entered (docs/save-file.md).
public enum SaveFileFormat {
    /// The value of the `format` field that marks a dasf assessment.
    public static let format = "dasf-assessment"
    /// The newest schema this build reads and the one it writes. Schemas 1 and 2 are read as
    /// they are: every field added since is optional. (2 added the workshop and the journal,
    /// 3 review comments; a dasf that knows only 2 refuses 3 rather than drop comments on save.)
    public static let schemaVersion = 3

    /// The bytes of a save file for an assessment. Deterministic: the same assessment always gives
    /// the same bytes.
    public static func encode(_ assessment: Assessment, journal: [JournalEntry] = []) -> Data {
        encode(assessment, journalLines: journal.map(journalLine), schema: schemaVersion)
    }

    /// Fields this dasf does not know, written back after the ones it does, in their order:
    /// pretty where the object is, on one line inside one-line entries.
    static func unknown(_ fields: UnknownFields, oneLine: Bool = false) -> [(String, JSONValue)] {
        fields.fields.map { field in
            let value = (try? JSONReader.parse(Data(field.json.utf8))) ?? .raw(field.json)
            return (field.key, oneLine ? value.oneLine : value)
        }
    }

    /// One journal entry as it sits in the file: an object on one line, indented.
    static func journalLine(_ entry: JournalEntry) -> String {
        func optional(_ key: String, _ value: String?) -> [(String, JSONValue)] { value.map { [(key, .string($0))] } ?? [] }
        var text = "    "
        let value = JSONValue.line([("at", .string(entry.at)), ("by", .string(entry.by)), ("target", .string(entry.change.target)),
                                    ("field", .string(entry.change.field))] + optional("from", entry.change.from) + optional("to", entry.change.to)
                                   + (entry.undo ? [("undo", .bool(true))] : []) + unknown(entry.unknown, oneLine: true))
        text += value.rendered().dropLast()
        return text
    }

    /// The file with the journal's lines already rendered, so a save with a long journal only
    /// renders the entries added since the last one.
    static func encode(_ assessment: Assessment, journalLines: [String], schema: Int) -> Data {
        var text = encodedHead(assessment, schema: schema, journal: !journalLines.isEmpty)
        if !journalLines.isEmpty {
            // Splice the journal in as the last field: "…\n}\n" becomes "…,\n  \"journal\": [\n…\n  ]\n}\n",
            // the comma ending the line before, as everywhere else in the file.
            text.removeLast(3)
            text += journalOpening + journalLines.joined(separator: ",\n") + journalClosing
        }
        return Data(text.utf8)
    }

    /// How the journal opens and closes in a file dasf wrote: the last field, one entry a line.
    /// A file laid out so has its journal left unread until it is needed (`StoredJournal`).
    static let journalOpening = ",\n  \"journal\": [\n"
    static let journalClosing = "\n  ]\n}\n"

    /// Where the journal opens in the first bytes of a file (the comma of `journalOpening`), if
    /// it does there. A raw newline cannot be inside a JSON string, so the marker is structure.
    static func journalStart(in prefix: Data) -> Int? {
        // A plain search of the bytes, not `firstRange(of:)`: the generic one's first use costs
        // a process about 0.25 M instructions of dynamic casts, on the path of every command.
        let marker = Array(journalOpening.utf8)
        return prefix.withUnsafeBytes { raw -> Int? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard bytes.count >= marker.count else { return nil }
            var at = 0
            while at <= bytes.count - marker.count {
                if bytes[at] == marker[0] && (1..<marker.count).allSatisfy({ bytes[at + $0] == marker[$0] }) { return prefix.startIndex + at }
                at += 1
            }
            return nil
        }
    }

    /// A file whose journal is kept as it was: what goes before the kept entries' lines (the
    /// fields and the journal's opening) and after them (the lines of entries recorded since and
    /// the closing). Kept lines are never empty (a file leaves an empty journal out).
    static func encodeAround(_ assessment: Assessment, schema: Int, recordedLines: [String]) -> (head: Data, tail: Data) {
        var head = encodedHead(assessment, schema: schema, journal: true)
        head.removeLast(3)
        head += journalOpening
        let tail = recordedLines.map { ",\n" + $0 }.joined() + journalClosing
        return (Data(head.utf8), Data(tail.utf8))
    }

    /// The file's text without its journal: every field, in the fixed order, ending "\n}\n".
    static func encodedHead(_ assessment: Assessment, schema: Int, journal: Bool) -> String {
        func optional(_ key: String, _ value: String?) -> [(String, JSONValue)] { value.map { [(key, .string($0))] } ?? [] }
        func optional(_ key: String, _ value: Int?) -> [(String, JSONValue)] { value.map { [(key, .int($0))] } ?? [] }
        var fields: [(String, JSONValue)] = [
            ("format", .string(format)),
            ("schemaVersion", .int(min(max(schema, schemaNeeded(by: assessment, journal: journal)), schemaVersion))),
            ("title", .string(assessment.title)),
        ]
        let useCase = assessment.useCase
        if !useCase.isEmpty {
            fields.append(("useCase", .object(optional("businessOwner", useCase.businessOwner) + optional("description", useCase.description)
                + (useCase.stakeholders.isEmpty ? [] : [("stakeholders", .array(useCase.stakeholders.map(JSONValue.string)))]) + unknown(useCase.unknown))))
        }
        fields += [
            ("catalog", .object([
                ("id", .string(assessment.catalog.id)),
                ("version", .string(assessment.catalog.version)),
                ("digest", .string(assessment.catalog.digest)),
            ] + (assessment.catalog.overlays.isEmpty ? [] : [("overlays", .array(assessment.catalog.overlays.map { overlay in
                .object([("id", .string(overlay.id)), ("version", .string(overlay.version)), ("digest", .string(overlay.digest)),
                         ("path", .string(overlay.path))] + unknown(overlay.unknown))
            }))]) + unknown(assessment.catalog.unknown))),
            ("scope", .object([("deploymentModels", .array(assessment.scope.deploymentModels.map(JSONValue.string)))] + unknown(assessment.scope.unknown))),
        ]
        var risks: [(String, JSONValue)] = []
        for id in IDOrder.sorted(assessment.risks.keys) {
            guard let record = assessment.risks[id] else { continue }
            var entry: [(String, JSONValue)] = [("treatment", .string(record.treatment.rawValue))]
            if let rationale = record.rationale { entry.append(("rationale", .string(rationale))) }
            if let reason = record.notApplicableReason { entry.append(("notApplicableReason", .string(reason))) }
            if record.assessed { entry.append(("assessed", .bool(true))) }
            if !record.threats.isEmpty {
                entry.append(("threats", .array(record.threats.map { threat in
                    .line([("id", .string(threat.id)), ("text", .string(threat.text))] + optional("component", threat.component)
                          + optional("likelihood", threat.likelihood) + optional("impact", threat.impact) + unknown(threat.unknown, oneLine: true))
                })))
            }
            entry += unknown(record.unknown)
            risks.append((id, .object(entry)))
        }
        var controls: [(String, JSONValue)] = []
        for id in IDOrder.sorted(assessment.controls.keys) {
            guard let record = assessment.controls[id] else { continue }
            var entry: [(String, JSONValue)] = [("status", .string(record.status.rawValue))]
            if let reason = record.notApplicableReason { entry.append(("notApplicableReason", .string(reason))) }
            if let owner = record.owner { entry.append(("owner", .string(owner))) }
            if let evidence = record.evidence { entry.append(("evidence", .string(evidence))) }
            if let note = record.note { entry.append(("note", .string(note))) }
            entry += optional("targetDate", record.targetDate) + optional("reviewBy", record.reviewBy) + optional("lastVerified", record.lastVerified)
            entry += unknown(record.unknown)
            controls.append((id, .object(entry)))
        }
        fields.append(("risks", .object(risks)))
        fields.append(("controls", .object(controls)))
        let organisational: [(String, JSONValue)] = OrganisationalRisk.allCases.compactMap { risk in
            guard let record = assessment.organisationalRisks[risk] else { return nil }
            return (risk.rawValue, .object(optional("rating", record.rating) + optional("notes", record.notes) + unknown(record.unknown)))
        }
        if !organisational.isEmpty { fields.append(("organisationalRisks", .object(organisational))) }
        if !assessment.conflicts.isEmpty {
            fields.append(("conflicts", .array(assessment.conflicts.map { conflict in
                .line([("field", .string(conflict.field))] + optional("base", conflict.base) + optional("mine", conflict.mine) + optional("theirs", conflict.theirs) + unknown(conflict.unknown, oneLine: true))
            })))
        }
        if !assessment.comments.isEmpty {
            fields.append(("comments", .array(assessment.comments.map { comment in
                let (kind, id): (String, String) = switch comment.target {
                case .risk(let id): ("risk", id)
                case .control(let id): ("control", id)
                }
                return .line([("id", .string(comment.id)), (kind, .string(id)), ("author", .string(comment.author)), ("at", .string(comment.at)),
                              ("text", .string(comment.text))] + (comment.resolved ? [("resolved", .bool(true))] : []) + unknown(comment.unknown, oneLine: true))
            })))
        }
        fields += unknown(assessment.unknown)
        return JSONValue.object(fields).rendered()
    }

    /// The entries of a journal's list (`[` … `]`) as a file holds it, checked as when the whole
    /// file is read.
    static func decodeJournal(_ data: Data, path: String) throws(StoreError) -> [JournalEntry] {
        try decodeJournalReporting(data, path: path).entries
    }

    /// As `decodeJournal`, with where entries hold keys this dasf does not know.
    static func decodeJournalReporting(_ data: Data, path: String) throws(StoreError) -> (entries: [JournalEntry], unknownPaths: [String]) {
        let tree: JSONValue
        do {
            tree = try JSONReader.parse(data)
        } catch {
            throw StoreError(path: path, kind: .damaged, reason: "the journal is damaged: \(error.reason) of the journal")
        }
        guard case .array(let items) = tree else { throw StoreError(path: path, kind: .invalid, reason: "expected a list at journal") }
        var reader = SaveFileReader()
        do {
            let entries = try reader.readJournal(items)
            return (entries, reader.unknownPaths)
        } catch {
            throw StoreError(path: path, kind: .invalid, reason: error.text)
        }
    }

    /// Reads a save file's bytes. `path` is only used in error messages.
    public static func decode(_ data: Data, path: String) throws(StoreError) -> Assessment {
        try decodeFile(data, path: path).assessment
    }

    public static func decodeWithJournal(_ data: Data, path: String) throws(StoreError) -> (assessment: Assessment, journal: [JournalEntry]) {
        let file = try decodeFile(data, path: path)
        return (file.assessment, file.journal)
    }

    /// A save file as read: the assessment, its journal, the schema it was written with, and
    /// where it holds keys this dasf does not know (kept, and named by `validate --strict`).
    public struct DecodedFile: Sendable {
        public let assessment: Assessment
        public let journal: [JournalEntry]
        public let schema: Int
        public let unknownFields: [String]
    }

    /// Reads a save file's bytes in one pass of an order-keeping parser, so unknown keys survive
    /// and every error says where it is.
    public static func decodeFile(_ data: Data, path: String, journal readJournal: Bool = true) throws(StoreError) -> DecodedFile {
        let tree: JSONValue
        do {
            tree = try JSONReader.parse(data, skipping: readJournal ? nil : "journal")
        } catch {
            throw StoreError(path: path, kind: .damaged, reason: JSONProblem.describeUnparsable(data, parserReason: error.reason))
        }
        guard case .object = tree else {
            throw StoreError(path: path, kind: .foreign, reason: "not a dasf assessment (the JSON is not an object)")
        }
        var reader = SaveFileReader()
        do {
            let top = try SaveFileReader.Fields(tree, at: "", known: topLevelKeys)
            var version: Int?
            if case .number(let literal)? = top["schemaVersion"] { version = Int(literal) ?? (literal.hasPrefix("-") ? 0 : Int.max) }
            var format: String?
            if case .string(let text)? = top["format"] { format = text }
            if let problem = headerProblem(format: format, version: version) {
                throw StoreError(path: path, kind: problem.kind, reason: problem.reason)
            }
            let (assessment, journal) = try reader.read(top)
            return DecodedFile(assessment: assessment, journal: journal, schema: version ?? schemaVersion,
                               unknownFields: top.unknownPaths + reader.unknownPaths)
        } catch let error as StoreError {
            throw error
        } catch let error as SaveFileReader.Problem {
            throw StoreError(path: path, kind: .invalid, reason: error.text)
        } catch {
            throw StoreError(path: path, kind: .invalid, reason: "\(error)")
        }
    }

    static let topLevelKeys = ["format", "schemaVersion", "title", "useCase", "catalog", "scope", "risks", "controls",
                               "organisationalRisks", "conflicts", "comments", "journal"]

    /// The oldest schema that holds everything in an assessment: a file is written with the
    /// schema it had, raised only when its content needs a newer one, so a dasf that knows only
    /// an older schema can still open a file that uses nothing newer.
    static func schemaNeeded(by a: Assessment, journal: Bool) -> Int {
        if !a.comments.isEmpty || !a.conflicts.isEmpty { return 3 }
        let workshop = journal || !a.useCase.isEmpty || !a.organisationalRisks.isEmpty
            || a.risks.values.contains { $0.assessed || !$0.threats.isEmpty }
            || a.controls.values.contains { $0.targetDate != nil || $0.reviewBy != nil || $0.lastVerified != nil }
        return workshop ? 2 : 1
    }

    /// Why a file's header rules it out, if it does.
    static func headerProblem(format: String?, version: Int?) -> (kind: StoreError.Kind, reason: String)? {
        guard let format else { return (.foreign, "not a dasf assessment (no \"format\": \"\(Self.format)\" field)") }
        if format == "dasf-catalog" { return (.foreign, "this is a dasf catalog, not an assessment (use it with --catalog)") }
        guard format == Self.format else { return (.foreign, "not a dasf assessment (format is \"\(format)\")") }
        guard let version else { return (.invalid, "missing or non-numeric \"schemaVersion\"") }
        if version > schemaVersion {
            let shown = version == Int.max ? "a number too large to hold" : String(version)
            return (.newerSchema, "written by a newer dasf (schema \(shown); this dasf reads up to \(schemaVersion)); update dasf to open it")
        }
        if version < 1 { return (.invalid, "unknown schema version \(version)") }
        return nil
    }
}
