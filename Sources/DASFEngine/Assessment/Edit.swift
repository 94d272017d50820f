import Foundation

/// One change a person makes to an assessment. The command line (`dasf set`) and the TUI both
/// describe changes as `Edit`s and apply them through `Assessment.apply(_:in:)`, so a change made
/// either way is checked and recorded the same way.
public enum Edit: Sendable, Hashable {
    case setTitle(String)
    /// Deployment model ids; empty selects all.
    case setScope([String])
    /// Any status but `.notApplicable`, which needs a reason: use `markControlNotApplicable`.
    case setControlStatus(control: String, status: ControlStatus)
    case markControlNotApplicable(control: String, reason: String)
    /// nil or blank clears the field.
    case setControlOwner(control: String, owner: String?)
    case setControlEvidence(control: String, evidence: String?)
    case setControlNote(control: String, note: String?)
    /// Treatments other than `.mitigate` need a rationale.
    case setRiskTreatment(risk: String, treatment: RiskTreatment, rationale: String?)
    case setRiskRationale(risk: String, rationale: String?)
    case markRiskNotApplicable(risk: String, reason: String)
    case markRiskApplicable(risk: String)
}

/// Why an edit was refused. The assessment is unchanged when one is thrown.
public enum EditError: Error, Equatable, CustomStringConvertible {
    case unknownRisk(String)
    case unknownControl(String)
    case unknownDeploymentModels([String])
    case reasonRequired(String)
    case rationaleRequired(RiskTreatment)
    case emptyTitle

    public var description: String {
        switch self {
        case .unknownRisk(let id): "the catalog has no risk \(id)"
        case .unknownControl(let id): "the catalog has no control \(id)"
        case .unknownDeploymentModels(let ids): "unknown deployment model: \(ids.joined(separator: ", "))"
        case .reasonRequired(let what): "marking \(what) not applicable needs a reason"
        case .rationaleRequired(let treatment): "the treatment \(treatment.rawValue) needs a rationale"
        case .emptyTitle: "the title cannot be empty"
        }
    }
}

extension Assessment {
    /// Applies an edit after checking it against the catalog. Blank text counts as absent.
    public mutating func apply(_ edit: Edit, in catalog: Catalog) throws(EditError) {
        switch edit {
        case .setTitle(let title):
            guard let title = Self.cleaned(title) else { throw .emptyTitle }
            self.title = title
        case .setScope(let models):
            let unknown = models.filter { catalog.deploymentModel($0) == nil }
            guard unknown.isEmpty else { throw .unknownDeploymentModels(unknown) }
            let chosen = Set(models)
            scope = Scope(deploymentModels: catalog.deploymentModels.map(\.id).filter(chosen.contains))
        case .setControlStatus(let id, let status):
            guard status != .notApplicable else { throw .reasonRequired("control \(id)") }
            try updateControl(id, catalog) { $0.status = status; $0.notApplicableReason = nil }
        case .markControlNotApplicable(let id, let reason):
            guard let reason = Self.cleaned(reason) else { throw .reasonRequired("control \(id)") }
            try updateControl(id, catalog) { $0.status = .notApplicable; $0.notApplicableReason = reason }
        case .setControlOwner(let id, let owner):
            try updateControl(id, catalog) { $0.owner = Self.cleaned(owner) }
        case .setControlEvidence(let id, let evidence):
            try updateControl(id, catalog) { $0.evidence = Self.cleaned(evidence) }
        case .setControlNote(let id, let note):
            try updateControl(id, catalog) { $0.note = Self.cleaned(note) }
        case .setRiskTreatment(let id, let treatment, let rationale):
            let rationale = Self.cleaned(rationale)
            if treatment != .mitigate && rationale == nil && risks[id]?.rationale == nil {
                throw .rationaleRequired(treatment)
            }
            try updateRisk(id, catalog) {
                $0.treatment = treatment
                if let rationale { $0.rationale = rationale }
            }
        case .setRiskRationale(let id, let rationale):
            let rationale = Self.cleaned(rationale)
            let treatment = risks[id]?.treatment ?? .mitigate
            if treatment != .mitigate && rationale == nil { throw .rationaleRequired(treatment) }
            try updateRisk(id, catalog) { $0.rationale = rationale }
        case .markRiskNotApplicable(let id, let reason):
            guard let reason = Self.cleaned(reason) else { throw .reasonRequired("risk \(id)") }
            try updateRisk(id, catalog) { $0.notApplicableReason = reason }
        case .markRiskApplicable(let id):
            try updateRisk(id, catalog) { $0.notApplicableReason = nil }
        }
    }

    /// The assessment with an edit applied, leaving this one as it was.
    public func applying(_ edit: Edit, in catalog: Catalog) throws(EditError) -> Assessment {
        var copy = self
        try copy.apply(edit, in: catalog)
        return copy
    }

    private mutating func updateControl(
        _ id: String, _ catalog: Catalog, _ change: (inout ControlRecord) -> Void
    ) throws(EditError) {
        guard catalog.control(id) != nil else { throw .unknownControl(id) }
        var record = controls[id] ?? ControlRecord()
        change(&record)
        controls[id] = record.isEmpty ? nil : record
    }

    private mutating func updateRisk(
        _ id: String, _ catalog: Catalog, _ change: (inout RiskRecord) -> Void
    ) throws(EditError) {
        guard catalog.risk(id) != nil else { throw .unknownRisk(id) }
        var record = risks[id] ?? RiskRecord()
        change(&record)
        risks[id] = record.isEmpty ? nil : record
    }

    private static func cleaned(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
