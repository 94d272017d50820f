/// The checks a catalog must pass before anyone relies on it: ids unique, every reference
/// resolvable, nothing important left blank.
struct CatalogValidator {
    let file: CatalogFile

    func problems() -> [String] {
        var problems: [String] = []
        func blank(_ text: String) -> Bool { text.allSatisfy(\.isWhitespace) }
        func duplicates<T: Hashable>(_ ids: [T]) -> [T] {
            var seen = Set<T>(), repeated: [T] = []
            for id in ids where !seen.insert(id).inserted && !repeated.contains(id) { repeated.append(id) }
            return repeated
        }

        if blank(file.id) { problems.append("the catalog id is empty") }
        if blank(file.version) { problems.append("the catalog version is empty") }

        if file.stages.isEmpty { problems.append("the catalog defines no stages") }
        for (n, stage) in file.stages.enumerated() {
            if blank(stage.id) { problems.append("stages[\(n)]: empty id") }
            if blank(stage.name) { problems.append("stage \(stage.id): empty name") }
        }
        for id in duplicates(file.stages.map(\.id)) { problems.append("duplicate stage id \(id)") }
        let stageIDs = Set(file.stages.map(\.id))

        if file.components.isEmpty { problems.append("the catalog defines no components") }
        for component in file.components {
            if component.id < 1 { problems.append("component \(component.id): ids are numbers from 1") }
            if blank(component.name) { problems.append("component \(component.id): empty name") }
            if !stageIDs.contains(component.stage) {
                problems.append("component \(component.id): unknown stage \(component.stage)")
            }
        }
        for id in duplicates(file.components.map(\.id)) { problems.append("duplicate component id \(id)") }
        for component in file.components {
            for (n, part) in component.parts.enumerated() {
                if blank(part.id) { problems.append("component \(component.id): parts[\(n)]: empty id") }
                if blank(part.name) { problems.append("component \(component.id): part \(part.id): empty name") }
            }
            for id in duplicates(component.parts.map(\.id)) { problems.append("component \(component.id): duplicate part id \(id)") }
        }
        let partsByComponent = Dictionary(file.components.map { ($0.id, Set($0.parts.map(\.id))) }, uniquingKeysWith: { a, _ in a })
        let componentIDs = Set(file.components.map(\.id))

        if file.deploymentModels.isEmpty { problems.append("the catalog defines no deployment models") }
        for (n, model) in file.deploymentModels.enumerated() {
            if blank(model.id) { problems.append("deploymentModels[\(n)]: empty id") }
            if blank(model.name) { problems.append("deployment model \(model.id): empty name") }
        }
        for id in duplicates(file.deploymentModels.map(\.id)) { problems.append("duplicate deployment model id \(id)") }
        let modelIDs = Set(file.deploymentModels.map(\.id))

        for id in duplicates(file.frameworks.map(\.id)) { problems.append("duplicate framework id \(id)") }
        let frameworkIDs = Set(file.frameworks.map(\.id))

        for (n, control) in file.controls.enumerated() {
            if blank(control.id) { problems.append("controls[\(n)]: empty id") }
            if blank(control.title) { problems.append("control \(control.id): empty title") }
            for key in control.frameworks.keys.sorted() where !frameworkIDs.contains(key) {
                problems.append("control \(control.id): unknown framework \(key)")
            }
        }
        for id in duplicates(file.controls.map(\.id)) { problems.append("duplicate control id \(id)") }
        let controlIDs = Set(file.controls.map(\.id))

        for (n, risk) in file.risks.enumerated() {
            let name = blank(risk.id) ? "risks[\(n)]" : "risk \(risk.id)"
            if blank(risk.id) { problems.append("risks[\(n)]: empty id") }
            if blank(risk.title) { problems.append("\(name): empty title") }
            if !componentIDs.contains(risk.component) {
                problems.append("\(name): names component \(risk.component), which the catalog does not define")
            }
            if !risk.part.isEmpty, let parts = partsByComponent[risk.component], !parts.contains(risk.part) {
                problems.append("\(name): names part \(risk.part), which component \(risk.component) does not have")
            }
            for control in risk.controls where !controlIDs.contains(control) {
                problems.append("\(name): names control \(control), which the catalog does not define")
            }
            for control in duplicates(risk.controls) { problems.append("\(name): lists control \(control) twice") }
            if risk.deploymentModels.isEmpty { problems.append("\(name): applies to no deployment model") }
            for model in risk.deploymentModels where !modelIDs.contains(model) {
                problems.append("\(name): names deployment model \(model), which the catalog does not define")
            }
            for key in risk.frameworks.keys.sorted() where !frameworkIDs.contains(key) {
                problems.append("\(name): unknown framework \(key)")
            }
        }
        for id in duplicates(file.risks.map(\.id)) { problems.append("duplicate risk id \(id)") }
        return problems
    }
}
