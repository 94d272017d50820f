/// Carrying an assessment to another catalog (1.0 → 2.0, 2.0 → an imported 3.0, one's own):
/// every answer is kept by id; a control whose meaning changed between the two is asked again,
/// its old answer written into its note rather than carried over by number; what the new catalog
/// adds is listed as new; what it lacks is kept in the file and reported, never dropped.
public struct UpgradeReport: Sendable, Hashable {
    public let from: CatalogReference
    public let to: CatalogReference
    /// Risk and control records carried over unchanged.
    public let keptRisks: [String]
    public let keptControls: [String]
    /// Controls whose meaning changed: their answer is reset and kept in the note.
    public let askAgain: [String]
    public let newRisks: [String]
    public let newControls: [String]
    /// Records for ids the new catalog does not have: kept in the file.
    public let orphanRisks: [String]
    public let orphanControls: [String]
    /// Deployment models in scope that the new catalog does not have: kept, and said.
    public let orphanModels: [String]

    /// One paragraph per finding, for `dasf upgrade` and the journal.
    public var lines: [String] {
        var out = ["\(from.label) → \(to.label): \(keptRisks.count) risk and \(keptControls.count) control answers kept by id"]
        if !askAgain.isEmpty { out.append("asked again (their meaning changed; the old answer is in the note): \(askAgain.joined(separator: ", "))") }
        if !newRisks.isEmpty { out.append("\(newRisks.count) new risk\(newRisks.count == 1 ? "" : "s"), unassessed: \(newRisks.joined(separator: ", "))") }
        if !newControls.isEmpty { out.append("\(newControls.count) new control\(newControls.count == 1 ? "" : "s"), not started: \(newControls.joined(separator: ", "))") }
        if !orphanRisks.isEmpty || !orphanControls.isEmpty {
            out.append("kept though \(to.id) does not have them: \((orphanRisks.map { "risk \($0)" } + orphanControls).joined(separator: ", "))")
        }
        if !orphanModels.isEmpty { out.append("deployment models in scope that \(to.id) does not have, kept: \(orphanModels.joined(separator: ", "))") }
        return out
    }
}

extension Assessment {
    public func upgraded(from old: Catalog, to new: Catalog) -> (Assessment, UpgradeReport) {
        var result = self
        result.catalog = new.reference
        let changed = Set((new.meaningChanged[old.id] ?? []) + (old.meaningChanged[new.id] ?? []))
        var askAgain: [String] = []
        for id in IDOrder.sorted(controls.keys) where changed.contains(id) && new.control(id) != nil {
            guard let record = controls[id], record != ControlRecord() else { continue }
            var fresh = ControlRecord()
            let parts = [record.status.label, record.notApplicableReason.map { "not applicable because \($0)" }, record.owner.map { "owner \($0)" },
                         record.evidence.map { "evidence \($0)" }, record.note.map { "note: \($0)" }].compactMap { $0 }
            let meaning = old.control(id).map { " (\($0.title))" } ?? ""
            fresh.note = "Under \(old.id) \(old.version), \(id)\(meaning) was answered: " + parts.joined(separator: "; ")
            fresh.owner = record.owner
            fresh.unknown = record.unknown
            result.controls[id] = fresh
            askAgain.append(id)
        }
        let keptRisks = IDOrder.sorted(risks.keys.filter { new.risk($0) != nil })
        let keptControls = IDOrder.sorted(controls.keys.filter { new.control($0) != nil && !askAgain.contains($0) })
        let report = UpgradeReport(
            from: catalog, to: new.reference, keptRisks: keptRisks, keptControls: keptControls, askAgain: askAgain,
            newRisks: new.risks.map(\.id).filter { old.risk($0) == nil },
            newControls: new.controls.map(\.id).filter { old.control($0) == nil },
            orphanRisks: IDOrder.sorted(risks.keys.filter { new.risk($0) == nil }),
            orphanControls: IDOrder.sorted(controls.keys.filter { new.control($0) == nil }),
            orphanModels: scope.deploymentModels.filter { new.deploymentModel($0) == nil })
        return (result, report)
    }
}
