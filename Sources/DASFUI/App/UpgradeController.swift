import DASFEngine

/// `>` on the map: the assessment carried to the newer built-in DASF, the same way `dasf upgrade`
/// does it (`Assessment.upgraded`), after a one-key question. It is one step: one journal entry
/// and one undo, which brings the earlier catalog back with the earlier answers.
enum UpgradeController {
    static func ask(_ state: inout AppState) {
        if state.readOnly { state.message = Reducer.readOnlyReason(state); return }
        guard let newer = BuiltinCatalogs.newer(than: state.catalog), let target = try? BuiltinCatalogs.load(newer.id) else {
            state.message = "no newer built-in DASF than \(state.catalog.id) \(state.catalog.version)"
            return
        }
        // Overlays are files; the reducer reads none. The command line applies them again.
        if !state.catalog.overlays.isEmpty {
            state.message = "this file has overlays: dasf upgrade FILE --to \(target.id) --overlay … carries it with them"
            return
        }
        let report = state.assessment.upgraded(from: state.catalog, to: target).1
        state.prompt = Prompt(purpose: .upgradeCatalog(target.id), label: "y upgrades, any other key cancels. \(summary(report))", text: "")
    }

    /// The answer to the question: `y` upgrades, anything else leaves everything as it was.
    static func answer(_ key: Key, target id: String, _ state: inout AppState) -> [Effect] {
        state.prompt = nil
        guard key == .character("y") || key == .character("Y") else {
            state.message = "not upgraded"
            return []
        }
        guard let target = try? BuiltinCatalogs.load(id) else {
            state.message = "catalog \(id) could not be loaded; nothing changed"
            return []
        }
        let (upgraded, report) = state.assessment.upgraded(from: state.catalog, to: target)
        state.catalogs[AppState.key(target.reference)] = target
        let entry = Change(target: "assessment", field: "catalog", from: report.from.label, to: report.to.label)
        return Reducer.commit(upgraded, &state, done: "upgraded to \(summary(report)) (u takes it back)", undo: false, journal: [entry])
    }

    /// "DASF 2.0: 58 answers kept, DASF 38, DASF 39 asked again, 7 new risks, 11 new controls".
    static func summary(_ report: UpgradeReport) -> String {
        var parts = ["\(report.keptRisks.count + report.keptControls.count) answers kept"]
        if !report.askAgain.isEmpty { parts.append("\(report.askAgain.joined(separator: ", ")) asked again (old answer in the note)") }
        if !report.newRisks.isEmpty { parts.append("\(report.newRisks.count) new risk\(report.newRisks.count == 1 ? "" : "s")") }
        if !report.newControls.isEmpty { parts.append("\(report.newControls.count) new control\(report.newControls.count == 1 ? "" : "s")") }
        let orphans = report.orphanRisks.count + report.orphanControls.count
        if orphans > 0 { parts.append("\(orphans) kept without a counterpart") }
        return "DASF \(report.to.version): " + parts.joined(separator: ", ")
    }
}
