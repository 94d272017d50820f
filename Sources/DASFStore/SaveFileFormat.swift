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
        encode(assessment, journalLines: journal.map(journalLine))
    }

    /// One journal entry as it sits in the file: an object on one line, indented.
    static func journalLine(_ entry: JournalEntry) -> String {
        func optional(_ key: String, _ value: String?) -> [(String, JSONValue)] { value.map { [(key, .string($0))] } ?? [] }
        var text = "    "
        let value = JSONValue.line([("at", .string(entry.at)), ("by", .string(entry.by)), ("target", .string(entry.change.target)),
                                    ("field", .string(entry.change.field))] + optional("from", entry.change.from) + optional("to", entry.change.to)
                                   + (entry.undo ? [("undo", .bool(true))] : []))
        text += value.rendered().dropLast()
        return text
    }

    /// The file with the journal's lines already rendered, so a save with a long journal only
    /// renders the entries added since the last one.
    static func encode(_ assessment: Assessment, journalLines: [String]) -> Data {
        func optional(_ key: String, _ value: String?) -> [(String, JSONValue)] { value.map { [(key, .string($0))] } ?? [] }
        func optional(_ key: String, _ value: Int?) -> [(String, JSONValue)] { value.map { [(key, .int($0))] } ?? [] }
        var fields: [(String, JSONValue)] = [
            ("format", .string(format)),
            ("schemaVersion", .int(schemaVersion)),
            ("title", .string(assessment.title)),
        ]
        let useCase = assessment.useCase
        if !useCase.isEmpty {
            fields.append(("useCase", .object(optional("businessOwner", useCase.businessOwner) + optional("description", useCase.description)
                + (useCase.stakeholders.isEmpty ? [] : [("stakeholders", .array(useCase.stakeholders.map(JSONValue.string)))]))))
        }
        fields += [
            ("catalog", .object([
                ("id", .string(assessment.catalog.id)),
                ("version", .string(assessment.catalog.version)),
                ("digest", .string(assessment.catalog.digest)),
            ])),
            ("scope", .object([("deploymentModels", .array(assessment.scope.deploymentModels.map(JSONValue.string)))])),
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
                          + optional("likelihood", threat.likelihood) + optional("impact", threat.impact))
                })))
            }
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
            controls.append((id, .object(entry)))
        }
        fields.append(("risks", .object(risks)))
        fields.append(("controls", .object(controls)))
        let organisational: [(String, JSONValue)] = OrganisationalRisk.allCases.compactMap { risk in
            guard let record = assessment.organisationalRisks[risk] else { return nil }
            return (risk.rawValue, .object(optional("rating", record.rating) + optional("notes", record.notes)))
        }
        if !organisational.isEmpty { fields.append(("organisationalRisks", .object(organisational))) }
        if !assessment.conflicts.isEmpty {
            fields.append(("conflicts", .array(assessment.conflicts.map { conflict in
                .line([("field", .string(conflict.field))] + optional("base", conflict.base) + optional("mine", conflict.mine) + optional("theirs", conflict.theirs))
            })))
        }
        if !assessment.comments.isEmpty {
            fields.append(("comments", .array(assessment.comments.map { comment in
                let (kind, id): (String, String) = switch comment.target {
                case .risk(let id): ("risk", id)
                case .control(let id): ("control", id)
                }
                return .line([("id", .string(comment.id)), (kind, .string(id)), ("author", .string(comment.author)), ("at", .string(comment.at)),
                              ("text", .string(comment.text))] + (comment.resolved ? [("resolved", .bool(true))] : []))
            })))
        }
        var text = JSONValue.object(fields).rendered()
        if !journalLines.isEmpty {
            // Splice the journal in as the last field: "…\n}\n" becomes "…,\n  \"journal\": [\n…\n  ]\n}\n".
            text.removeLast(2)
            text += ",\n  \"journal\": [\n" + journalLines.joined(separator: ",\n") + "\n  ]\n}\n"
        }
        return Data(text.utf8)
    }

    /// Reads a save file's bytes. `path` is only used in error messages.
    public static func decode(_ data: Data, path: String) throws(StoreError) -> Assessment {
        try decodeWithJournal(data, path: path).assessment
    }

    /// Reads a save file's bytes and its journal. One JSONDecoder pass does the work (on a 14 MB
    /// file with 100,000 journal entries it is twice as fast as JSONSerialization); only a file
    /// that fails is parsed again, to say precisely what is wrong with it.
    public static func decodeWithJournal(_ data: Data, path: String) throws(StoreError) -> (assessment: Assessment, journal: [JournalEntry]) {
        let file: StoredFile
        do {
            file = try JSONDecoder().decode(StoredFile.self, from: data)
        } catch {
            throw diagnose(data, path: path, decodingError: error)
        }
        if let problem = headerProblem(format: file.format, version: file.schemaVersion) {
            throw StoreError(path: path, kind: problem.kind, reason: problem.reason)
        }
        do {
            return try file.read()
        } catch {
            throw StoreError(path: path, kind: .invalid, reason: error.text)
        }
    }

    /// Why a file's header rules it out, if it does.
    static func headerProblem(format: String?, version: Int?) -> (kind: StoreError.Kind, reason: String)? {
        guard let format else { return (.foreign, "not a dasf assessment (no \"format\": \"\(Self.format)\" field)") }
        if format == "dasf-catalog" { return (.foreign, "this is a dasf catalog, not an assessment (use it with --catalog)") }
        guard format == Self.format else { return (.foreign, "not a dasf assessment (format is \"\(format)\")") }
        guard let version else { return (.invalid, "missing or non-numeric \"schemaVersion\"") }
        if version > schemaVersion {
            return (.newerSchema, "written by a newer dasf (schema \(version); this dasf reads up to \(schemaVersion)); update dasf to open it")
        }
        if version < 1 { return (.invalid, "unknown schema version \(version)") }
        return nil
    }

    /// The clearest one-line reason a file could not be decoded.
    static func diagnose(_ data: Data, path: String, decodingError: any Error) -> StoreError {
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            return StoreError(path: path, kind: .damaged, reason: JSONProblem.describeUnparsable(data))
        }
        guard let top = object as? [String: Any] else {
            return StoreError(path: path, kind: .foreign, reason: "not a dasf assessment (the JSON is not an object)")
        }
        if let problem = headerProblem(format: top["format"] as? String, version: top["schemaVersion"] as? Int) {
            return StoreError(path: path, kind: problem.kind, reason: problem.reason)
        }
        return StoreError(path: path, kind: .invalid, reason: JSONProblem.describe(decodingError))
    }
}

/// The file as JSONDecoder reads it: every field optional so the header can be judged first.
private struct StoredFile: Decodable {
    struct Ref: Decodable { let id: String; let version: String; let digest: String? }
    struct StoredScope: Decodable { let deploymentModels: [String]? }
    struct StoredUseCase: Decodable { let businessOwner: String?; let description: String?; let stakeholders: [String]? }
    struct StoredThreat: Decodable { let id: String; let text: String; let component: Int?; let likelihood: Int?; let impact: Int? }
    struct StoredRisk: Decodable {
        let treatment: String?
        let rationale: String?
        let notApplicableReason: String?
        let assessed: Bool?
        let threats: [StoredThreat]?
    }
    struct StoredControl: Decodable {
        let status: String?
        let notApplicableReason: String?
        let owner: String?
        let evidence: String?
        let note: String?
        let targetDate: String?
        let reviewBy: String?
        let lastVerified: String?
    }
    struct StoredOrganisationalRisk: Decodable { let rating: Int?; let notes: String? }
    struct StoredComment: Decodable {
        let id: String
        let risk: String?
        let control: String?
        let author: String
        let at: String
        let text: String
        let resolved: Bool?
    }
    struct StoredConflict: Decodable { let field: String; let base: String?; let mine: String?; let theirs: String? }
    struct StoredEntry: Decodable {
        let at: String
        let by: String
        let target: String
        let field: String
        let from: String?
        let to: String?
        let undo: Bool?
    }

    let format: String?
    let schemaVersion: Int?
    let title: String?
    let useCase: StoredUseCase?
    let catalog: Ref?
    let scope: StoredScope?
    let risks: [String: StoredRisk]?
    let controls: [String: StoredControl]?
    let organisationalRisks: [String: StoredOrganisationalRisk]?
    let comments: [StoredComment]?
    let conflicts: [StoredConflict]?
    let journal: [StoredEntry]?

    typealias Problem = JSONObject.Problem

    static func word<T: RawRepresentable & CaseIterable>(_ text: String?, _ fallback: T, at place: String) throws(Problem) -> T where T.RawValue == String {
        guard let text else { return fallback }
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem(text: "\(place): unknown word \"\(text)\" (expected one of \(allowed))")
        }
        return value
    }

    func read() throws(Problem) -> (assessment: Assessment, journal: [JournalEntry]) {
        guard let title else { throw Problem(text: "missing field \"title\"") }
        guard let catalog else { throw Problem(text: "missing field \"catalog\"") }
        var riskRecords: [String: RiskRecord] = [:]
        for (id, stored) in risks ?? [:] {
            riskRecords[id] = RiskRecord(
                treatment: try Self.word(stored.treatment, RiskTreatment.mitigate, at: "risks.\(id).treatment"),
                rationale: stored.rationale, notApplicableReason: stored.notApplicableReason, assessed: stored.assessed ?? false,
                threats: (stored.threats ?? []).map {
                    Threat(id: $0.id, text: $0.text, component: $0.component, likelihood: $0.likelihood, impact: $0.impact)
                })
        }
        var controlRecords: [String: ControlRecord] = [:]
        for (id, stored) in controls ?? [:] {
            controlRecords[id] = ControlRecord(
                status: try Self.word(stored.status, ControlStatus.notStarted, at: "controls.\(id).status"),
                notApplicableReason: stored.notApplicableReason, owner: stored.owner, evidence: stored.evidence, note: stored.note,
                targetDate: stored.targetDate, reviewBy: stored.reviewBy, lastVerified: stored.lastVerified)
        }
        var organisational: [OrganisationalRisk: OrganisationalRiskRecord] = [:]
        for (id, stored) in organisationalRisks ?? [:] {
            guard let risk = OrganisationalRisk(rawValue: id) else {
                throw Problem(text: "organisationalRisks.\(id): unknown organisational risk (expected one of \(OrganisationalRisk.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            organisational[risk] = OrganisationalRiskRecord(rating: stored.rating, notes: stored.notes)
        }
        var storedComments: [Comment] = []
        for (n, comment) in (comments ?? []).enumerated() {
            let target: Comment.Target
            if let risk = comment.risk { target = .risk(risk) } else if let control = comment.control { target = .control(control) } else {
                throw Problem(text: "comments[\(n)]: names neither a risk nor a control")
            }
            storedComments.append(Comment(id: comment.id, target: target, author: comment.author, at: comment.at, text: comment.text, resolved: comment.resolved ?? false))
        }
        let assessment = Assessment(
            title: title,
            useCase: UseCase(businessOwner: useCase?.businessOwner, description: useCase?.description, stakeholders: useCase?.stakeholders ?? []),
            catalog: CatalogReference(id: catalog.id, version: catalog.version, digest: catalog.digest ?? ""),
            scope: Scope(deploymentModels: scope?.deploymentModels ?? []),
            risks: riskRecords, controls: controlRecords, organisationalRisks: organisational, comments: storedComments)
        var withConflicts = assessment
        withConflicts.conflicts = (conflicts ?? []).map { MergeConflict(field: $0.field, base: $0.base, mine: $0.mine, theirs: $0.theirs) }
        let entries = (journal ?? []).map {
            JournalEntry(at: $0.at, by: $0.by, change: Change(target: $0.target, field: $0.field, from: $0.from, to: $0.to), undo: $0.undo ?? false)
        }
        return (withConflicts, entries)
    }
}
