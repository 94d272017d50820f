import DASFEngine
import Foundation

/// The assessment in NIST OSCAL 1.1 (JSON): as assessment results (a finding per control,
/// satisfied or not; an observation per piece of evidence; the DASF risks still open, partial or
/// accepted as OSCAL risks with their treatment) and as a plan of action and milestones (an item
/// per open or partial risk, with the owners and target dates of the controls it waits for).
///
/// UUIDs are derived, not random: the same file exports the same bytes. What OSCAL requires and
/// dasf does not keep (an assessment plan to import) is generated as a back-matter resource that
/// says so (docs/oscal.md).
public enum OSCAL {
    public static let version = "1.1.2"
    /// Where dasf's own property names live (OSCAL asks for a namespace on names it does not define).
    public static let namespace = "urn:dasf:oscal"

    public enum Document: String, Sendable { case assessmentResults = "oscal-ar", poam = "oscal-poam" }

    // MARK: - The pieces, in OSCAL's names

    struct Property: Encodable { let name: String; let ns: String?; let value: String }
    struct Metadata: Encodable {
        let title: String
        let lastModified: String
        let version: String
        let oscalVersion: String
        let props: [Property]
        enum CodingKeys: String, CodingKey { case title, version, props, lastModified = "last-modified", oscalVersion = "oscal-version" }
    }
    struct Resource: Encodable { let uuid, title, description: String }
    struct BackMatter: Encodable { let resources: [Resource] }
    struct Link: Encodable { let href: String }
    struct Evidence: Encodable { let description: String }
    struct Observation: Encodable {
        let uuid, title, description: String
        let methods: [String]
        let collected: String
        let relevantEvidence: [Evidence]
        enum CodingKeys: String, CodingKey { case uuid, title, description, methods, collected, relevantEvidence = "relevant-evidence" }
    }
    struct Remediation: Encodable {
        let uuid, lifecycle, title, description: String
        let props: [Property]?
    }
    struct RiskEntry: Encodable {
        let uuid, title, description, statement, status: String
        let props: [Property]
        let deadline: String?
        let remediations: [Remediation]?
    }
    struct Status: Encodable { let state: String; let reason: String?; let remarks: String? }
    struct Target: Encodable {
        let type, targetID: String
        let status: Status
        enum CodingKeys: String, CodingKey { case type, status, targetID = "target-id" }
    }
    struct ObservationRef: Encodable {
        let observationUUID: String
        enum CodingKeys: String, CodingKey { case observationUUID = "observation-uuid" }
    }
    struct RiskRef: Encodable {
        let riskUUID: String
        enum CodingKeys: String, CodingKey { case riskUUID = "risk-uuid" }
    }
    struct Finding: Encodable {
        let uuid, title, description: String
        let target: Target
        let relatedObservations: [ObservationRef]?
        let relatedRisks: [RiskRef]?
        enum CodingKeys: String, CodingKey { case uuid, title, description, target, relatedObservations = "related-observations", relatedRisks = "related-risks" }
    }
    struct IncludeAll: Encodable {}
    struct ControlSelection: Encodable {
        let includeAll: IncludeAll
        enum CodingKeys: String, CodingKey { case includeAll = "include-all" }
    }
    struct ReviewedControls: Encodable {
        let description: String
        let controlSelections: [ControlSelection]
        enum CodingKeys: String, CodingKey { case description, controlSelections = "control-selections" }
    }
    struct Result: Encodable {
        let uuid, title, description, start: String
        let reviewedControls: ReviewedControls
        let observations: [Observation]?
        let risks: [RiskEntry]?
        let findings: [Finding]?
        enum CodingKeys: String, CodingKey { case uuid, title, description, start, observations, risks, findings, reviewedControls = "reviewed-controls" }
    }
    struct AssessmentResults: Encodable {
        let uuid: String
        let metadata: Metadata
        let importAP: Link
        let results: [Result]
        let backMatter: BackMatter
        enum CodingKeys: String, CodingKey { case uuid, metadata, results, importAP = "import-ap", backMatter = "back-matter" }
    }
    struct SystemID: Encodable {
        let identifierType, id: String
        enum CodingKeys: String, CodingKey { case id, identifierType = "identifier-type" }
    }
    struct PoamItem: Encodable {
        let uuid, title, description: String
        let props: [Property]
        let relatedRisks: [RiskRef]
        enum CodingKeys: String, CodingKey { case uuid, title, description, props, relatedRisks = "related-risks" }
    }
    struct Poam: Encodable {
        let uuid: String
        let metadata: Metadata
        let systemID: SystemID
        let risks: [RiskEntry]?
        let poamItems: [PoamItem]
        enum CodingKeys: String, CodingKey { case uuid, metadata, risks, systemID = "system-id", poamItems = "poam-items" }
    }

    // MARK: - Building them

    /// A name-based UUID in version-5 layout (OSCAL accepts versions 4 and 5), from SHA-256 of
    /// the assessment's seed and `name`: stable across exports, different between assessments.
    static func uuid(_ seed: String, _ name: String) -> String {
        var bytes = Array(SHA256.hash(Array("\(seed)\u{0}\(name)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let i = hex.startIndex
        func part(_ a: Int, _ b: Int) -> Substring { hex[hex.index(i, offsetBy: a)..<hex.index(i, offsetBy: b)] }
        return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }

    /// "DASF 54" → "dasf-54": OSCAL's target ids are tokens (no spaces).
    static func token(_ id: String) -> String {
        let mapped = id.lowercased().map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" ? String($0) : "-" }.joined()
        return mapped.first?.isLetter == true ? mapped : "dasf-" + mapped
    }

    /// A time OSCAL accepts ("2026-11-24T10:00:00Z"); a bare date becomes its midnight.
    static func dateTime(_ text: String) -> String {
        text.count == 10 ? text + "T00:00:00Z" : text
    }

    static func property(_ name: String, _ value: String) -> Property { Property(name: name, ns: namespace, value: value) }

    public static func render(_ document: Document, _ input: ReportInput) throws -> String {
        let a = input.assessment, catalog = input.catalog
        // Stable across edits: the title and the time of the file's first journal entry.
        let seed = "dasf|\(a.title)|\(input.journal.first?.at ?? "")"
        let modified = dateTime(input.journal.last?.at ?? input.scorecard.today.map { $0 + "T00:00:00Z" } ?? "1970-01-01T00:00:00Z")
        let metadata = Metadata(
            title: "\(a.title): DASF \(document == .poam ? "plan of action and milestones" : "assessment results")",
            lastModified: modified, version: catalog.reference.label, oscalVersion: version,
            props: [property("catalog", catalog.reference.label), property("scope", input.scopeText)])

        // Risks: open, partial, or kept with a treatment other than mitigation.
        var riskUUIDs: [String: String] = [:]
        var risks: [RiskEntry] = []
        for (risk, evaluation) in input.risks where [.open, .partial, .accepted, .transferred].contains(evaluation.state) {
            let id = uuid(seed, "risk \(risk.id)")
            riskUUIDs[risk.id] = id
            let status: String = switch evaluation.state {
            case .open: "open"
            case .partial: "remediating"
            default: "deviation-approved"
            }
            let missing = evaluation.missingControls
            let records = missing.map { a.record(forControl: $0) }
            let deadline = records.compactMap(\.targetDate).min().map(dateTime)
            let remediations = missing.isEmpty ? nil : missing.map { control -> Remediation in
                let record = a.record(forControl: control)
                var props = [property("control", control), property("status", record.status.rawValue)]
                if let owner = record.owner { props.append(property("owner", owner)) }
                if let date = record.targetDate { props.append(property("target-date", date)) }
                return Remediation(uuid: uuid(seed, "remediation \(risk.id) \(control)"), lifecycle: record.status == .notStarted ? "recommendation" : "planned",
                                   title: "\(control) \(catalog.control(control)?.title ?? "")", description: "Implement \(control) (\(record.status.label)).", props: props)
            }
            var props = [property("dasf-risk", risk.id), property("state", evaluation.state.label), property("treatment", evaluation.treatment.rawValue)]
            if let reason = evaluation.reason { props.append(property("rationale", reason)) }
            risks.append(RiskEntry(uuid: id, title: "\(risk.id) \(risk.title)", description: risk.description.isEmpty ? risk.title : risk.description,
                                   statement: evaluation.explanation, status: status, props: props, deadline: deadline, remediations: remediations))
        }

        if document == .poam {
            let items = input.risks.filter { $0.evaluation.state == .open || $0.evaluation.state == .partial }.map { risk, evaluation -> PoamItem in
                let owners = Array(Set(evaluation.missingControls.compactMap { a.record(forControl: $0).owner })).sorted()
                let dates = evaluation.missingControls.compactMap { a.record(forControl: $0).targetDate }.sorted()
                var props = [property("dasf-risk", risk.id), property("state", evaluation.state.label)]
                props += owners.map { property("owner", $0) }
                if let first = dates.first { props.append(property("target-date", first)) }
                return PoamItem(uuid: uuid(seed, "poam \(risk.id)"), title: "\(risk.id) \(risk.title)",
                                description: "\(evaluation.explanation). Owners: \(owners.isEmpty ? "none named" : owners.joined(separator: ", ")); target \(dates.first ?? "not set").",
                                props: props, relatedRisks: riskUUIDs[risk.id].map { [RiskRef(riskUUID: $0)] } ?? [])
            }
            let poam = Poam(uuid: uuid(seed, "poam"), metadata: metadata,
                            systemID: SystemID(identifierType: "https://ietf.org/rfc/rfc4122", id: uuid(seed, "system")),
                            risks: risks.isEmpty ? nil : risks, poamItems: items)
            return try encode(["plan-of-action-and-milestones": poam])
        }

        // Observations: one per control with evidence.
        var observationUUIDs: [String: String] = [:]
        var observations: [Observation] = []
        for control in catalog.controls {
            let record = a.record(forControl: control.id)
            guard let evidence = record.evidence, !evidence.isEmpty else { continue }
            let id = uuid(seed, "observation \(control.id)")
            observationUUIDs[control.id] = id
            observations.append(Observation(uuid: id, title: "Evidence for \(control.id)", description: "Evidence recorded for \(control.id) \(control.title).",
                                            methods: ["EXAMINE"], collected: dateTime(record.lastVerified ?? modified), relevantEvidence: [Evidence(description: evidence)]))
        }
        // Findings: one per control, satisfied when implemented (or not applicable, with its reason).
        let findings = catalog.controls.map { control -> Finding in
            let record = a.record(forControl: control.id)
            let satisfied = record.status == .implemented || record.status == .notApplicable
            // OSCAL's reason is a word (pass, fail, other); the person's words go in the remarks.
            let remarks = record.status == .notApplicable ? "not applicable: \(record.notApplicableReason ?? "no reason given")" : record.status.label
            let reason = record.status == .notApplicable ? "other" : satisfied ? "pass" : "fail"
            let related = catalog.risks(mitigatedBy: control.id).compactMap { riskUUIDs[$0.id] }.map(RiskRef.init)
            return Finding(uuid: uuid(seed, "finding \(control.id)"), title: "\(control.id) \(control.title)",
                           description: control.description.isEmpty ? control.title : control.description,
                           target: Target(type: "objective-id", targetID: token(control.id), status: Status(state: satisfied ? "satisfied" : "not-satisfied", reason: reason, remarks: remarks)),
                           relatedObservations: observationUUIDs[control.id].map { [ObservationRef(observationUUID: $0)] },
                           relatedRisks: related.isEmpty ? nil : related)
        }
        let plan = uuid(seed, "assessment plan")
        let results = AssessmentResults(
            uuid: uuid(seed, "assessment results"), metadata: metadata, importAP: Link(href: "#\(plan)"),
            results: [Result(uuid: uuid(seed, "result"), title: "DASF assessment of \(a.title)",
                             description: "Controls of \(catalog.reference.label) as answered in dasf; scope: \(input.scopeText).", start: modified,
                             reviewedControls: ReviewedControls(description: "Every control of \(catalog.reference.label).", controlSelections: [ControlSelection(includeAll: IncludeAll())]),
                             observations: observations.isEmpty ? nil : observations, risks: risks.isEmpty ? nil : risks, findings: findings)],
            backMatter: BackMatter(resources: [Resource(uuid: plan, title: "Assessment plan (generated by dasf)",
                                                        description: "dasf keeps no separate assessment plan: the plan is the DASF catalog \(catalog.reference.label) applied to the scope \(input.scopeText), every control reviewed.")]))
        return try encode(["assessment-results": results])
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Escaping.jsonInert(String(decoding: try encoder.encode(value), as: UTF8.self)) + "\n"
    }
}
