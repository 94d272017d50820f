import DASFEngine

/// What each list holds after its filter, and what the selection points at. Pages draw these
/// lists and the reducer acts on them, so both always agree.
enum Focus {
    /// The in-scope risks the guided walk visits, in catalog order.
    static func walkRisks(_ state: AppState) -> [Risk] {
        state.catalog.risks.filter { state.assessment.scope.covers($0) }
    }

    /// The risks listed on the screen (component, control, walk has none).
    static func riskItems(_ state: AppState) -> [Risk] {
        let all: [Risk]
        switch state.screen {
        case .component(let id): all = state.catalog.risks(inComponent: id)
        case .control(let id): all = state.catalog.risks(mitigatedBy: id)
        default: return []
        }
        return all.filter { keep(risk: $0, state.place.filter, state) }
    }

    /// The control ids listed on the screen (risk, walk, register).
    static func controlItems(_ state: AppState) -> [String] {
        let all: [String]
        switch state.screen {
        case .risk(let id): all = state.catalog.risk(id)?.controls ?? []
        case .walk(let n):
            let risks = walkRisks(state)
            all = risks.indices.contains(n) ? risks[n].controls : []
        case .register: all = state.catalog.controls.map(\.id)
        case .componentControls(let number): all = state.catalog.controls(ofComponent: number).map(\.id)
        default: return []
        }
        return all.filter { keep(control: $0, state.place.filter, state) }
    }

    static func keep(risk: Risk, _ filter: ListFilter, _ state: AppState) -> Bool {
        guard let evaluation = state.scorecard.evaluation(ofRisk: risk.id) else { return true }
        switch filter {
        case .unassessed: return evaluation.state.isInScope && !evaluation.assessed
        case .open: return evaluation.state == .open || evaluation.state == .partial
        default: return true
        }
    }

    static func keep(control id: String, _ filter: ListFilter, _ state: AppState) -> Bool {
        let record = state.assessment.record(forControl: id)
        switch filter {
        case .all, .unassessed: return true
        case .open: return record.status != .implemented && record.status != .notApplicable
        case .stale: return record.isStale(today: state.today)
        case .mine: return record.owner?.lowercased() == state.author.lowercased()
        case .status(let status): return record.status == status
        }
    }

    static func itemCount(_ state: AppState) -> Int {
        let catalog = state.catalog
        switch state.screen {
        case .map: return catalog.components.count
        case .component, .control: return riskItems(state).count
        case .risk, .register, .walk, .componentControls: return controlItems(state).count
        case .scope: return catalog.deploymentModels.count
        case .help: return Pages.helpLines(state).count
        case .workshop: return Pages.workshopSteps.count
        case .useCase: return Pages.useCaseFields.count
        case .progress: return catalog.stages.count + 1
        case .journal: return (try? state.journal.readRows?.get().count) ?? 0
        case .organisational: return OrganisationalRisk.allCases.count
        case .conflicts: return state.assessment.conflicts.count
        }
    }

    /// The control an action applies to: the selected one in a list, or the one on screen.
    static func control(_ state: AppState) -> String? {
        if case .control(let id) = state.screen { return id }
        let controls = controlItems(state)
        return controls.indices.contains(state.place.selected) ? controls[state.place.selected] : nil
    }

    /// The risk an action applies to.
    static func risk(_ state: AppState) -> String? {
        switch state.screen {
        case .risk(let id): return id
        case .walk(let n):
            let risks = walkRisks(state)
            return risks.indices.contains(n) ? risks[n].id : nil
        default:
            let risks = riskItems(state)
            return risks.indices.contains(state.place.selected) ? risks[state.place.selected].id : nil
        }
    }

    /// The id of the row at `index`, for marking.
    static func itemID(_ state: AppState, at index: Int) -> String? {
        switch state.screen {
        case .component, .control:
            let risks = riskItems(state)
            return risks.indices.contains(index) ? risks[index].id : nil
        case .risk, .register, .walk, .componentControls:
            let controls = controlItems(state)
            return controls.indices.contains(index) ? controls[index] : nil
        default: return nil
        }
    }
}
