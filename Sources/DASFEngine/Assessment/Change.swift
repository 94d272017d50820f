/// One field that differs between two versions of an assessment: what the journal records, what
/// undo shows, and (later) what `dasf diff` lists.
public struct Change: Sendable, Hashable, CustomStringConvertible {
    /// "control DASF 54", "risk 9.1", "risk 9.1 threat t2", "scope", "use case", "organisational risk talent".
    public let target: String
    public let field: String
    public let from: String?
    public let to: String?

    public init(target: String, field: String, from: String?, to: String?) {
        self.target = target
        self.field = field
        self.from = from
        self.to = to
    }

    /// "control DASF 54 status: planned → implemented".
    public var description: String {
        let before = from ?? "(none)", after = to ?? "(none)"
        return "\(target) \(field): \(before) → \(after)"
    }
}

extension Assessment {
    /// Every field that differs from `old`, in a stable order: title, use case, scope, risks and
    /// controls in natural id order, organisational risks.
    public func changes(from old: Assessment) -> [Change] {
        var out: [Change] = []
        func note(_ target: String, _ field: String, _ a: String?, _ b: String?) {
            if a != b { out.append(Change(target: target, field: field, from: a, to: b)) }
        }
        func list(_ items: [String]) -> String? { items.isEmpty ? nil : items.joined(separator: ", ") }
        func number(_ value: Int?) -> String? { value.map(String.init) }

        note("assessment", "title", old.title, title)
        if old.catalog.label != catalog.label || old.catalog.digest != catalog.digest {
            out.append(Change(target: "assessment", field: "catalog", from: old.catalog.label, to: catalog.label))
        }
        note("use case", "business owner", old.useCase.businessOwner, useCase.businessOwner)
        note("use case", "description", old.useCase.description, useCase.description)
        note("use case", "stakeholders", list(old.useCase.stakeholders), list(useCase.stakeholders))
        note("scope", "deployment models", list(old.scope.deploymentModels) ?? "all", list(scope.deploymentModels) ?? "all")

        for id in IDOrder.sorted(Set(old.risks.keys).union(risks.keys)) {
            let a = old.risks[id] ?? RiskRecord(), b = risks[id] ?? RiskRecord()
            if a == b { continue }
            let target = "risk \(id)"
            note(target, "treatment", a.treatment.rawValue, b.treatment.rawValue)
            note(target, "rationale", a.rationale, b.rationale)
            note(target, "not applicable", a.notApplicableReason, b.notApplicableReason)
            note(target, "assessed", a.assessed ? "yes" : "no", b.assessed ? "yes" : "no")
            let before = Dictionary(uniqueKeysWithValues: a.threats.map { ($0.id, $0) })
            let after = Dictionary(uniqueKeysWithValues: b.threats.map { ($0.id, $0) })
            for threatID in IDOrder.sorted(Set(before.keys).union(after.keys)) {
                let x = before[threatID], y = after[threatID]
                if x == y { continue }
                let name = "\(target) threat \(threatID)"
                if x == nil || y == nil {
                    note(name, "", x?.text, y?.text)
                    continue
                }
                note(name, "text", x?.text, y?.text)
                note(name, "component", number(x?.component), number(y?.component))
                note(name, "likelihood", number(x?.likelihood), number(y?.likelihood))
                note(name, "impact", number(x?.impact), number(y?.impact))
            }
        }
        for id in IDOrder.sorted(Set(old.controls.keys).union(controls.keys)) {
            let a = old.controls[id] ?? ControlRecord(), b = controls[id] ?? ControlRecord()
            if a == b { continue }
            let target = "control \(id)"
            note(target, "status", a.status.rawValue, b.status.rawValue)
            note(target, "not applicable", a.notApplicableReason, b.notApplicableReason)
            note(target, "owner", a.owner, b.owner)
            note(target, "evidence", a.evidence, b.evidence)
            note(target, "note", a.note, b.note)
            note(target, "target date", a.targetDate, b.targetDate)
            note(target, "review by", a.reviewBy, b.reviewBy)
            note(target, "last verified", a.lastVerified, b.lastVerified)
        }
        for risk in OrganisationalRisk.allCases {
            let a = old.organisationalRisks[risk] ?? OrganisationalRiskRecord(), b = organisationalRisks[risk] ?? OrganisationalRiskRecord()
            note("organisational risk \(risk.rawValue)", "rating", number(a.rating), number(b.rating))
            note("organisational risk \(risk.rawValue)", "notes", a.notes, b.notes)
        }
        let before = Dictionary(uniqueKeysWithValues: old.comments.map { ($0.id, $0) })
        for comment in comments {
            guard let previous = before[comment.id] else {
                out.append(Change(target: "comment \(comment.id)", field: "added", from: nil, to: "\(comment.target) by \(comment.author): \(comment.text)"))
                continue
            }
            note("comment \(comment.id)", "resolved", previous.resolved ? "yes" : "no", comment.resolved ? "yes" : "no")
        }
        for comment in old.comments where !comments.contains(where: { $0.id == comment.id }) {
            out.append(Change(target: "comment \(comment.id)", field: "removed", from: comment.text, to: nil))
        }
        for conflict in conflicts where !old.conflicts.contains(conflict) {
            out.append(Change(target: "conflict \(conflict.label)", field: "recorded", from: conflict.mine, to: conflict.theirs))
        }
        for conflict in old.conflicts where !conflicts.contains(conflict) {
            out.append(Change(target: "conflict \(conflict.label)", field: "resolved", from: conflict.theirs, to: AssessmentFields.flatten(self)[conflict.field]))
        }
        return out.map { $0.field.isEmpty ? Change(target: $0.target, field: $0.from == nil ? "added" : "removed", from: $0.from, to: $0.to) : $0 }
    }
}
