import DASFEngine
import DASFStore

/// `dasf status`: the scorecard for people (text) and for programs (JSON, docs/json-output.md).
enum StatusReport {
    struct TotalsJSON: Encodable {
        let risks, inScope, open, partial, mitigated, accepted, transferred, avoided, notApplicable, outOfScope: Int
        let controls: [String: Int]

        init(_ t: Totals) {
            risks = t.risks; inScope = t.inScope; open = t.open; partial = t.partial; mitigated = t.mitigated
            accepted = t.accepted; transferred = t.transferred; avoided = t.avoided
            notApplicable = t.notApplicable; outOfScope = t.outOfScope
            var controls: [String: Int] = [:]
            for status in ControlStatus.allCases { controls[status.rawValue] = t.controls(status) }
            self.controls = controls
        }
    }

    struct Document: Encodable {
        struct CatalogJSON: Encodable { let id, version, title, digest: String }
        struct ScopeJSON: Encodable { let deploymentModels: [String]; let all: Bool }
        struct StageJSON: Encodable { let id, name: String; let components: [Int]; let totals: TotalsJSON }
        struct ComponentJSON: Encodable { let id: Int; let name, stage: String; let totals: TotalsJSON }
        struct RiskJSON: Encodable {
            let id, title: String
            let component: Int
            let state: String
            let coverage: Double
            let treatment: String
            let missingControls: [String]
            let implementedControls: [String]
            let notApplicableControls: [String]
            let explanation: String
        }
        struct ControlJSON: Encodable {
            let id, title, status: String
            let owner, evidence, note, notApplicableReason: String?
            let risks: [String]
        }
        struct UnknownJSON: Encodable { let risks, controls, deploymentModels: [String] }

        let title: String
        let catalog: CatalogJSON
        let scope: ScopeJSON
        let totals: TotalsJSON
        let stages: [StageJSON]
        let components: [ComponentJSON]
        let risks: [RiskJSON]
        let controls: [ControlJSON]
        let unknown: UnknownJSON
        let warnings: [String]
    }

    static func document(_ doc: AssessmentDocument) -> Document {
        let catalog = doc.catalog, assessment = doc.assessment, card = doc.scorecard
        return Document(
            title: assessment.title,
            catalog: .init(id: catalog.id, version: catalog.version, title: catalog.title, digest: catalog.digest),
            scope: .init(deploymentModels: assessment.scope.deploymentModels, all: assessment.scope.isAll),
            totals: TotalsJSON(card.overall),
            stages: card.stages.map {
                .init(id: $0.stage.id, name: $0.stage.name,
                      components: catalog.components(inStage: $0.stage.id).map(\.id), totals: TotalsJSON($0.totals))
            },
            components: card.components.map {
                .init(id: $0.component.id, name: $0.component.name, stage: $0.component.stage, totals: TotalsJSON($0.totals))
            },
            risks: zip(catalog.risks, card.risks).map { risk, evaluation in
                .init(id: risk.id, title: risk.title, component: risk.component, state: evaluation.state.rawValue,
                      coverage: JSONText.rounded(evaluation.coverage), treatment: evaluation.treatment.rawValue,
                      missingControls: evaluation.missingControls, implementedControls: evaluation.implemented,
                      notApplicableControls: evaluation.notApplicableControls, explanation: evaluation.explanation)
            },
            controls: catalog.controls.map { control in
                let record = assessment.record(forControl: control.id)
                return .init(id: control.id, title: control.title, status: record.status.rawValue,
                             owner: record.owner, evidence: record.evidence, note: record.note,
                             notApplicableReason: record.notApplicableReason,
                             risks: catalog.risks(mitigatedBy: control.id).map(\.id))
            },
            unknown: .init(risks: card.unknown.risks, controls: card.unknown.controls, deploymentModels: card.unknown.deploymentModels),
            warnings: doc.warnings)
    }

    static func json(_ doc: AssessmentDocument) throws -> String {
        try JSONText.encode(document(doc))
    }

    static func text(_ doc: AssessmentDocument) -> String {
        let catalog = doc.catalog, card = doc.scorecard, t = card.overall
        var lines: [String] = []
        lines.append("\(PlainText.clean(doc.assessment.title)) · \(catalog.title) · scope: \(ScopeWords.describe(doc.assessment.scope, catalog: catalog))")
        lines.append("\(t.inScope) of \(t.risks) risks in scope: \(t.open) open, \(t.partial) partial, \(t.mitigated) mitigated, \(t.accepted) accepted, \(t.transferred) transferred, \(t.avoided) avoided; \(t.notApplicable) not applicable, \(t.outOfScope) out of scope")
        lines.append("controls: " + ControlStatus.allCases.map { "\(t.controls($0)) \($0.label)" }.joined(separator: ", "))
        lines.append("")
        let header = ["", "risks", "in scope", "open", "partial", "mitigated", "treated", "n/a"]
        var rows: [[String]] = []
        func row(_ name: String, _ t: Totals) -> [String] {
            [name, "\(t.risks)", "\(t.inScope)", "\(t.open)", "\(t.partial)", "\(t.mitigated)",
             "\(t.accepted + t.transferred + t.avoided)", "\(t.notApplicable)"]
        }
        for stage in card.stages {
            rows.append(row(PlainText.clean(stage.stage.name), stage.totals))
            for component in card.components where component.component.stage == stage.stage.id {
                rows.append(row("  " + (component.component.id < 10 ? " " : "") + "\(component.component.id) \(PlainText.clean(component.component.name))", component.totals))
            }
        }
        rows.append(row("All", t))
        lines += PlainText.table(header: header, rows: rows)
        let attention = zip(catalog.risks, card.risks).filter { $0.1.state == .open || $0.1.state == .partial }
        if !attention.isEmpty {
            lines.append("")
            lines.append("Open and partial risks:")
            for (risk, evaluation) in attention {
                lines.append("  \(risk.id) \(PlainText.clean(risk.title)): \(PlainText.clean(evaluation.explanation))")
            }
        }
        return lines.joined(separator: "\n")
    }
}
