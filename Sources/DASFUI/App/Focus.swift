import DASFEngine

/// What the selection points at on each screen.
enum Focus {
    static func itemCount(_ state: AppState) -> Int {
        let catalog = state.catalog
        switch state.screen {
        case .map: return catalog.components.count
        case .component(let id): return catalog.risks(inComponent: id).count
        case .risk(let id): return catalog.risk(id)?.controls.count ?? 0
        case .control(let id): return catalog.riskCount(mitigatedBy: id)
        case .register: return catalog.controls.count
        case .scope: return catalog.deploymentModels.count
        case .help: return Pages.helpLines(state).count
        }
    }

    /// The control an action applies to: the selected one in a list, or the one on screen.
    static func control(_ state: AppState) -> String? {
        let selected = state.place.selected
        switch state.screen {
        case .risk(let id):
            let controls = state.catalog.risk(id)?.controls ?? []
            return controls.indices.contains(selected) ? controls[selected] : nil
        case .control(let id): return id
        case .register:
            let controls = state.catalog.controls
            return controls.indices.contains(selected) ? controls[selected].id : nil
        default: return nil
        }
    }

    /// The risk an action applies to.
    static func risk(_ state: AppState) -> String? {
        let selected = state.place.selected
        switch state.screen {
        case .component(let id):
            let risks = state.catalog.risks(inComponent: id)
            return risks.indices.contains(selected) ? risks[selected].id : nil
        case .risk(let id): return id
        case .control(let id):
            let risks = state.catalog.risks(mitigatedBy: id)
            return risks.indices.contains(selected) ? risks[selected].id : nil
        default: return nil
        }
    }
}
