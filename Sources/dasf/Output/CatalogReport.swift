import DASFEngine

/// `dasf catalog`: a catalog for people (text) and programs (JSON, docs/json-output.md).
enum CatalogReport {
    struct Document: Encodable {
        struct StageJSON: Encodable { let id, name, summary: String; let foundation: Bool; let components: [Int] }
        struct ComponentJSON: Encodable { let id: Int; let name, stage, summary: String; let risks: [String] }
        struct RiskJSON: Encodable {
            let id, title: String
            let component: Int
            let revision, description, category: String
            let controls, deploymentModels, impacts, businessImpacts: [String]
            let frameworks: [String: [String]]
        }
        struct ControlJSON: Encodable {
            let id, title, revision, description, type, responsibility, kind, novelty, appliesTo: String
            let frameworks: [String: [String]]
            let risks: [String]
        }
        let id, version, title, source, licence, digest: String
        let derived: Bool
        let notes: [String]
        let frameworks: [Framework]
        let deploymentModels: [DeploymentModel]
        let stages: [StageJSON]
        let components: [ComponentJSON]
        let risks: [RiskJSON]
        let controls: [ControlJSON]
    }

    struct ListEntry: Encodable {
        let id, version, title: String
        let derived: Bool
        let components, risks, controls: Int
    }

    static func json(_ catalog: Catalog) throws -> String {
        try JSONText.encode(Document(
            id: catalog.id, version: catalog.version, title: catalog.title, source: catalog.source,
            licence: catalog.licence, digest: catalog.digest, derived: catalog.derived, notes: catalog.notes,
            frameworks: catalog.frameworks, deploymentModels: catalog.deploymentModels,
            stages: catalog.stages.map {
                .init(id: $0.id, name: $0.name, summary: $0.summary, foundation: $0.foundation,
                      components: catalog.components(inStage: $0.id).map(\.id))
            },
            components: catalog.components.map {
                .init(id: $0.id, name: $0.name, stage: $0.stage, summary: $0.summary,
                      risks: catalog.risks(inComponent: $0.id).map(\.id))
            },
            risks: catalog.risks.map {
                .init(id: $0.id, title: $0.title, component: $0.component, revision: $0.revision,
                      description: $0.description, category: $0.category, controls: $0.controls,
                      deploymentModels: $0.deploymentModels, impacts: $0.impacts, businessImpacts: $0.businessImpacts,
                      frameworks: $0.frameworks)
            },
            controls: catalog.controls.map {
                .init(id: $0.id, title: $0.title, revision: $0.revision, description: $0.description, type: $0.type,
                      responsibility: $0.responsibility, kind: $0.kind, novelty: $0.novelty, appliesTo: $0.appliesTo,
                      frameworks: $0.frameworks, risks: catalog.risks(mitigatedBy: $0.id).map(\.id))
            }))
    }

    static func text(_ catalog: Catalog) -> String {
        var lines: [String] = []
        lines.append("\(catalog.title) (\(catalog.id), version \(catalog.version)): \(catalog.components.count) components in \(catalog.stages.count) stages, \(catalog.risks.count) risks, \(catalog.controls.count) controls")
        lines.append("Deployment models: " + catalog.deploymentModels.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))
        for stage in catalog.stages {
            let components = catalog.components(inStage: stage.id)
            let count = components.reduce(0) { $0 + catalog.risks(inComponent: $1.id).count }
            lines.append("")
            lines.append("\(PlainText.clean(stage.name).uppercased()): \(count) risks")
            for component in components {
                let risks = catalog.risks(inComponent: component.id)
                lines.append("  \(component.id) \(PlainText.clean(component.name)): \(risks.count) risks")
                for risk in risks {
                    lines.append("    \(risk.id) \(PlainText.clean(risk.title))  [\(risk.controls.joined(separator: ", "))]")
                }
            }
        }
        lines.append("")
        lines.append("CONTROLS")
        for control in catalog.controls {
            let count = catalog.riskCount(mitigatedBy: control.id)
            lines.append("  \(control.id) \(PlainText.clean(control.title)): mitigates \(count) risk\(count == 1 ? "" : "s")")
        }
        lines.append("")
        if catalog.derived { lines.append("Note: this catalog's mapping is derived, not published.") }
        for note in catalog.notes { lines.append("Note: \(PlainText.clean(note))") }
        lines.append("Source: \(PlainText.clean(catalog.source))")
        lines.append("Licence: \(PlainText.clean(catalog.licence))")
        return lines.joined(separator: "\n")
    }

    static func listJSON(_ catalogs: [Catalog]) throws -> String {
        try JSONText.encode(catalogs.map(entry))
    }

    static func listText(_ catalogs: [Catalog]) -> String {
        PlainText.table(
            header: ["id", "version", "components", "risks", "controls", "title"],
            rows: catalogs.map {
                [$0.id, $0.version, "\($0.components.count)", "\($0.risks.count)", "\($0.controls.count)",
                 $0.title + ($0.derived ? " (mapping derived)" : "") + ($0.id == BuiltinCatalogs.defaultID ? " (default)" : "")]
            }
        ).joined(separator: "\n")
    }

    private static func entry(_ catalog: Catalog) -> ListEntry {
        ListEntry(id: catalog.id, version: catalog.version, title: catalog.title, derived: catalog.derived,
                  components: catalog.components.count, risks: catalog.risks.count, controls: catalog.controls.count)
    }
}
