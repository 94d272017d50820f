extension Catalog {
    /// This catalog with `overlay` applied: items it names are changed field by field, new ids
    /// added, pairs added; the result is checked like any catalog, so an overlay naming a risk
    /// or control that exists nowhere is refused with the item named. `path` is recorded.
    public func applying(_ overlay: Overlay, path: String, origin: String) throws(CatalogError) -> Catalog {
        var problems: [String] = []
        var stages = self.stages
        for patch in overlay.stages {
            guard let n = stages.firstIndex(where: { $0.id == patch.id }) else {
                problems.append("stage \(patch.id): not in \(id) (an overlay rewords stages, it does not add them)")
                continue
            }
            let old = stages[n]
            stages[n] = Stage(id: old.id, name: patch.name ?? old.name, short: patch.short ?? old.short, summary: patch.summary ?? old.summary,
                              foundation: old.foundation, talkingPoints: patch.talkingPoints ?? old.talkingPoints, questions: patch.questions ?? old.questions)
        }
        var components = self.components
        for patch in overlay.components {
            if let n = components.firstIndex(where: { $0.id == patch.id }) {
                let old = components[n]
                var parts = old.parts
                for part in patch.parts {
                    if let p = parts.firstIndex(where: { $0.id == part.id }) { parts[p] = part } else { parts.append(part) }
                }
                components[n] = Component(id: old.id, name: patch.name ?? old.name, short: patch.short ?? old.short, stage: patch.stage ?? old.stage,
                                          summary: patch.summary ?? old.summary, talkingPoints: patch.talkingPoints ?? old.talkingPoints,
                                          questions: patch.questions ?? old.questions, parts: parts)
            } else {
                guard let name = patch.name, let stage = patch.stage else {
                    problems.append("component \(patch.id): a new component needs a name and a stage")
                    continue
                }
                components.append(Component(id: patch.id, name: name, short: patch.short, stage: stage, summary: patch.summary ?? "",
                                            talkingPoints: patch.talkingPoints ?? [], questions: patch.questions ?? [], parts: patch.parts))
            }
        }
        var controls = self.controls
        for patch in overlay.controls {
            if let n = controls.firstIndex(where: { $0.id == patch.id }) {
                let old = controls[n]
                controls[n] = Control(id: old.id, title: patch.title ?? old.title, revision: old.revision, description: patch.description ?? old.description,
                                      type: patch.type ?? old.type, responsibility: patch.responsibility ?? old.responsibility, kind: old.kind,
                                      novelty: old.novelty, appliesTo: old.appliesTo, frameworks: old.frameworks.merging(patch.frameworks) { $1 })
            } else {
                guard let title = patch.title else {
                    problems.append("control \(patch.id): a new control needs a title")
                    continue
                }
                controls.append(Control(id: patch.id, title: title, revision: overlay.id, description: patch.description ?? "", type: patch.type ?? "",
                                        responsibility: patch.responsibility ?? "", kind: "Control", frameworks: patch.frameworks))
            }
        }
        var risks = self.risks
        let allModels = deploymentModels.map(\.id)
        for patch in overlay.risks {
            if let n = risks.firstIndex(where: { $0.id == patch.id }) {
                let old = risks[n]
                if patch.component.map({ $0 != old.component }) ?? false {
                    problems.append("risk \(patch.id): an overlay cannot move a risk to another component")
                }
                risks[n] = Risk(id: old.id, title: patch.title ?? old.title, component: old.component, part: patch.part ?? old.part, revision: old.revision,
                                description: patch.description ?? old.description, controls: old.controls + patch.controls.filter { !old.controls.contains($0) },
                                deploymentModels: old.deploymentModels, category: patch.category ?? old.category, impacts: old.impacts,
                                businessImpacts: old.businessImpacts, frameworks: old.frameworks.merging(patch.frameworks) { $1 })
            } else {
                guard let title = patch.title, let component = patch.component else {
                    problems.append("risk \(patch.id): a new risk needs a title and a component")
                    continue
                }
                risks.append(Risk(id: patch.id, title: title, component: component, part: patch.part ?? "", revision: overlay.id,
                                  description: patch.description ?? "", controls: patch.controls, deploymentModels: patch.deploymentModels ?? allModels,
                                  category: patch.category ?? "", frameworks: patch.frameworks))
            }
        }
        // A control's `mitigates` adds it to those risks.
        for patch in overlay.controls {
            for riskID in patch.mitigates {
                guard let n = risks.firstIndex(where: { $0.id == riskID }) else {
                    problems.append("control \(patch.id): mitigates risk \(riskID), which neither \(id) nor the overlay defines")
                    continue
                }
                let old = risks[n]
                if old.controls.contains(patch.id) { continue }
                risks[n] = Risk(id: old.id, title: old.title, component: old.component, part: old.part, revision: old.revision, description: old.description,
                                controls: old.controls + [patch.id], deploymentModels: old.deploymentModels, category: old.category,
                                impacts: old.impacts, businessImpacts: old.businessImpacts, frameworks: old.frameworks)
            }
        }
        let file = CatalogFile(self, stages: stages, components: components, risks: risks, controls: controls)
        problems += CatalogValidator(file: file).problems()
        if !problems.isEmpty { throw CatalogError(origin: origin, problems: problems) }
        return Catalog(file: file, digest: digest, overlays: overlays + [overlay.reference(path: path)])
    }
}
