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
    /// Step 3: someone looked at the risk and it applies.
    case markRiskAssessed(risk: String)
    /// Step 1.
    case setUseCaseOwner(String?)
    case setUseCaseDescription(String?)
    case setStakeholders([String])
    /// Step 4. The threat gets the next free id ("t1", "t2", ...).
    case addThreat(risk: String, text: String, component: Int?, likelihood: Int?, impact: Int?)
    case rateThreat(risk: String, threat: String, likelihood: Int?, impact: Int?)
    case removeThreat(risk: String, threat: String)
    /// Steps 5 and 6. Dates are "YYYY-MM-DD"; nil clears.
    case setControlTargetDate(control: String, date: String?)
    case setControlReviewBy(control: String, date: String?)
    case setControlLastVerified(control: String, date: String?)
    /// The workshop's organisational risks: a rating of 1...5 and notes.
    case rateOrganisationalRisk(OrganisationalRisk, rating: Int?)
    case setOrganisationalRiskNotes(OrganisationalRisk, notes: String?)
    /// Review comments: allowed in review mode even when everything else is read-only.
    case addComment(Comment.Target, author: String, at: String, text: String)
    case resolveComment(id: String, resolved: Bool)
    /// Settles a merge conflict: keep mine (what is in place) or take theirs.
    case resolveConflict(field: String, takeTheirs: Bool)
}

extension Edit {
    /// Comment edits are the only ones a reviewer may make on a read-only file.
    public var isComment: Bool {
        switch self {
        case .addComment, .resolveComment: true
        default: false
        }
    }
}

/// Why an edit was refused. The assessment is unchanged when one is thrown.
public enum EditError: Error, Equatable, CustomStringConvertible {
    case unknownRisk(String)
    case unknownControl(String)
    case unknownDeploymentModels([String])
    case reasonRequired(String)
    case rationaleRequired(RiskTreatment)
    case emptyTitle
    case emptyText(String)
    case invalidDate(String)
    case invalidRating(Int)
    case unknownThreat(risk: String, threat: String)
    case unknownComponent(Int)
    case unknownComment(String)
    case unknownConflict(String)

    public var description: String {
        switch self {
        case .unknownRisk(let id): "the catalog has no risk \(id)"
        case .unknownControl(let id): "the catalog has no control \(id)"
        case .unknownDeploymentModels(let ids): "unknown deployment model: \(ids.joined(separator: ", "))"
        case .reasonRequired(let what): "marking \(what) not applicable needs a reason"
        case .rationaleRequired(let treatment): "the treatment \(treatment.rawValue) needs a rationale"
        case .emptyTitle: "the title cannot be empty"
        case .emptyText(let what): "\(what) cannot be empty"
        case .invalidDate(let text): "\"\(text)\" is not a date; write it as YYYY-MM-DD"
        case .invalidRating(let value): "\(value) is not a rating; use 1 (low) to 5 (high)"
        case .unknownThreat(let risk, let threat): "risk \(risk) has no threat \(threat)"
        case .unknownComponent(let id): "the catalog has no component \(id)"
        case .unknownComment(let id): "there is no comment \(id)"
        case .unknownConflict(let field): "there is no conflict on \(AssessmentFields.label(field))"
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
            let kept = scope.unknown
            scope = Scope(deploymentModels: catalog.deploymentModels.map(\.id).filter(chosen.contains))
            scope.unknown = kept
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
                $0.assessed = true
                if let rationale { $0.rationale = rationale }
            }
        case .setRiskRationale(let id, let rationale):
            let rationale = Self.cleaned(rationale)
            let treatment = risks[id]?.treatment ?? .mitigate
            if treatment != .mitigate && rationale == nil { throw .rationaleRequired(treatment) }
            try updateRisk(id, catalog) { $0.rationale = rationale }
        case .markRiskNotApplicable(let id, let reason):
            guard let reason = Self.cleaned(reason) else { throw .reasonRequired("risk \(id)") }
            try updateRisk(id, catalog) { $0.notApplicableReason = reason; $0.assessed = true }
        case .markRiskApplicable(let id):
            try updateRisk(id, catalog) { $0.notApplicableReason = nil; $0.assessed = true }
        case .markRiskAssessed(let id):
            try updateRisk(id, catalog) { $0.assessed = true }
        case .setUseCaseOwner(let owner):
            useCase.businessOwner = Self.cleaned(owner)
        case .setUseCaseDescription(let description):
            useCase.description = Self.cleaned(description)
        case .setStakeholders(let names):
            useCase.stakeholders = names.compactMap { Self.cleaned($0) }
        case .addThreat(let id, let text, let component, let likelihood, let impact):
            guard let text = Self.cleaned(text) else { throw .emptyText("a threat") }
            try Self.check(rating: likelihood)
            try Self.check(rating: impact)
            if let component, catalog.component(component) == nil { throw .unknownComponent(component) }
            try updateRisk(id, catalog) { record in
                record.threats.append(Threat(id: Self.nextID("t", after: record.threats.map(\.id)), text: text, component: component, likelihood: likelihood, impact: impact))
            }
        case .rateThreat(let id, let threat, let likelihood, let impact):
            try Self.check(rating: likelihood)
            try Self.check(rating: impact)
            guard risks[id]?.threats.contains(where: { $0.id == threat }) == true else { throw .unknownThreat(risk: id, threat: threat) }
            try updateRisk(id, catalog) { record in
                for n in record.threats.indices where record.threats[n].id == threat {
                    record.threats[n].likelihood = likelihood
                    record.threats[n].impact = impact
                }
            }
        case .removeThreat(let id, let threat):
            guard risks[id]?.threats.contains(where: { $0.id == threat }) == true else { throw .unknownThreat(risk: id, threat: threat) }
            try updateRisk(id, catalog) { $0.threats.removeAll { $0.id == threat } }
        case .setControlTargetDate(let id, let date):
            let date = try Self.checked(date: date)
            try updateControl(id, catalog) { $0.targetDate = date }
        case .setControlReviewBy(let id, let date):
            let date = try Self.checked(date: date)
            try updateControl(id, catalog) { $0.reviewBy = date }
        case .setControlLastVerified(let id, let date):
            let date = try Self.checked(date: date)
            try updateControl(id, catalog) { $0.lastVerified = date }
        case .rateOrganisationalRisk(let risk, let rating):
            try Self.check(rating: rating)
            var record = organisationalRisks[risk] ?? OrganisationalRiskRecord()
            record.rating = rating
            organisationalRisks[risk] = record.isEmpty ? nil : record
        case .addComment(let target, let author, let at, let text):
            guard let text = Self.cleaned(text) else { throw .emptyText("a comment") }
            switch target {
            case .risk(let id): if catalog.risk(id) == nil { throw .unknownRisk(id) }
            case .control(let id): if catalog.control(id) == nil { throw .unknownControl(id) }
            }
            comments.append(Comment(id: Self.nextID("c", after: comments.map(\.id)), target: target, author: Self.cleaned(author) ?? "unknown", at: at, text: text))
        case .resolveComment(let id, let resolved):
            guard let index = comments.firstIndex(where: { $0.id == id }) else { throw .unknownComment(id) }
            comments[index].resolved = resolved
        case .resolveConflict(let field, let takeTheirs):
            guard let conflict = conflicts.first(where: { $0.field == field }) else { throw .unknownConflict(field) }
            let remaining = conflicts.filter { $0.field != field }
            if takeTheirs {
                var fields = AssessmentFields.flatten(self)
                fields[field] = conflict.theirs
                self = AssessmentFields.unflatten(fields, catalog: self.catalog, order: [self])
            }
            conflicts = remaining
        case .setOrganisationalRiskNotes(let risk, let notes):
            var record = organisationalRisks[risk] ?? OrganisationalRiskRecord()
            record.notes = Self.cleaned(notes)
            organisationalRisks[risk] = record.isEmpty ? nil : record
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

    private static func check(rating: Int?) throws(EditError) {
        if let rating, !(1...5).contains(rating) { throw .invalidRating(rating) }
    }

    /// A "YYYY-MM-DD" date that exists on the calendar, or nil for blank.
    private static func checked(date: String?) throws(EditError) -> String? {
        guard let text = cleaned(date) else { return nil }
        guard CalendarDate.isValid(text) else { throw .invalidDate(text) }
        return text
    }

    private static func cleaned(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The id after the highest in use ("t3" after "t2"), so ids are never reused; a file that
    /// holds the largest number there is gets the lowest free one instead of an overflow trap.
    static func nextID(_ prefix: String, after ids: [String]) -> String {
        let numbers = Set(ids.compactMap { $0.hasPrefix(prefix) ? Int($0.dropFirst(prefix.count)) : nil })
        let highest = numbers.max() ?? 0
        if highest < Int.max { return prefix + String(highest + 1) }
        var next = 1
        while numbers.contains(next) { next += 1 }
        return prefix + String(next)
    }
}
