import DASFEngine
import DASFReport
import DASFStore

/// `dasf status`: the scorecard for people (text) and for programs (JSON, docs/json-output.md).
enum StatusReport {
    struct TotalsJSON: Encodable {
        let risks, inScope, open, partial, mitigated, accepted, transferred, avoided, notApplicable, outOfScope: Int
        let assessed, unassessed, stale: Int
        let controls: [String: Int]

        init(_ t: Totals) {
            risks = t.risks; inScope = t.inScope; open = t.open; partial = t.partial; mitigated = t.mitigated
            accepted = t.accepted; transferred = t.transferred; avoided = t.avoided
            notApplicable = t.notApplicable; outOfScope = t.outOfScope
            assessed = t.assessed; unassessed = t.unassessed; stale = t.stale
            var controls: [String: Int] = [:]
            for status in ControlStatus.allCases { controls[status.rawValue] = t.controls(status) }
            self.controls = controls
        }
    }

    struct Document: Encodable {
        struct CatalogJSON: Encodable {
            let id, version, title, digest: String
            /// Overlay ids applied on top, in order; left out when there is none.
            var overlays: [String]? = nil
        }
        struct StageJSON: Encodable { let id, name: String; let components: [Int]; let totals: TotalsJSON }
        struct ComponentJSON: Encodable { let id: Int; let name, stage: String; let totals: TotalsJSON }
        struct ThreatJSON: Encodable {
            let id, text: String
            let component: Int
            let likelihood, impact, rating: Int?
        }
        struct RiskJSON: Encodable {
            let id, title: String
            let component: Int
            let state: String
            let assessed: Bool
            let coverage: Double
            let treatment: String
            let threats: [ThreatJSON]
            let highestThreatRating: Int?
            let missingControls: [String]
            let implementedControls: [String]
            let notApplicableControls: [String]
            let explanation: String
        }
        struct ControlJSON: Encodable {
            let id, title, status: String
            let owner, evidence, note, notApplicableReason, targetDate, reviewBy, lastVerified: String?
            let stale: Bool
            let risks: [String]
        }
        struct UseCaseJSON: Encodable { let businessOwner, description: String?; let stakeholders: [String] }
        struct OrganisationalRiskJSON: Encodable { let id, name: String; let rating: Int?; let notes: String? }
        struct UnknownJSON: Encodable { let risks, controls, deploymentModels: [String] }

        let title: String
        let useCase: UseCaseJSON
        /// The day staleness is judged against: `asOf`, as in the JSON report.
        let asOf: String
        let catalog: CatalogJSON
        let scope: SharedJSON.Scope
        let totals: TotalsJSON
        let stages: [StageJSON]
        let components: [ComponentJSON]
        let risks: [RiskJSON]
        let controls: [ControlJSON]
        let organisationalRisks: [OrganisationalRiskJSON]
        let comments: [SharedJSON.Comment]
        let conflicts: [SharedJSON.Conflict]
        let unknown: UnknownJSON
        let warnings: [String]
        /// Where the file stands in git; left out outside a repository.
        var git: GitState? = nil
    }

    static func document(_ doc: AssessmentDocument, today: String) -> Document {
        let catalog = doc.catalog, assessment = doc.assessment, card = doc.scorecard(today: today)
        let stale = Set(card.staleControls)
        return Document(
            title: assessment.title,
            useCase: .init(businessOwner: assessment.useCase.businessOwner, description: assessment.useCase.description,
                           stakeholders: assessment.useCase.stakeholders),
            asOf: today,
            catalog: .init(id: catalog.id, version: catalog.version, title: catalog.title, digest: catalog.digest,
                           overlays: catalog.overlays.isEmpty ? nil : catalog.overlays.map(\.id)),
            scope: SharedJSON.Scope(assessment.scope),
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
                      assessed: evaluation.assessed,
                      coverage: JSONText.rounded(evaluation.coverage), treatment: evaluation.treatment.rawValue,
                      threats: assessment.record(forRisk: risk.id).threats.map {
                          .init(id: $0.id, text: $0.text, component: $0.component ?? risk.component, likelihood: $0.likelihood, impact: $0.impact, rating: $0.rating)
                      },
                      highestThreatRating: evaluation.highestThreatRating,
                      missingControls: evaluation.missingControls, implementedControls: evaluation.implemented,
                      notApplicableControls: evaluation.notApplicableControls, explanation: evaluation.explanation)
            },
            controls: catalog.controls.map { control in
                let record = assessment.record(forControl: control.id)
                return .init(id: control.id, title: control.title, status: record.status.rawValue,
                             owner: record.owner, evidence: record.evidence, note: record.note,
                             notApplicableReason: record.notApplicableReason, targetDate: record.targetDate,
                             reviewBy: record.reviewBy, lastVerified: record.lastVerified, stale: stale.contains(control.id),
                             risks: catalog.risks(mitigatedBy: control.id).map(\.id))
            },
            organisationalRisks: OrganisationalRisk.allCases.map {
                let record = assessment.organisationalRisks[$0]
                return .init(id: $0.rawValue, name: $0.name, rating: record?.rating, notes: record?.notes)
            },
            comments: assessment.comments.map(SharedJSON.Comment.init),
            conflicts: assessment.conflicts.map(SharedJSON.Conflict.init),
            unknown: .init(risks: card.unknown.risks, controls: card.unknown.controls, deploymentModels: card.unknown.deploymentModels),
            warnings: doc.warnings)
    }

    static func json(_ doc: AssessmentDocument, today: String) throws -> String {
        try JSONText.encode(document(doc, today: today))
    }

    static func text(_ doc: AssessmentDocument, today: String) -> String {
        let catalog = doc.catalog, card = doc.scorecard(today: today), t = card.overall
        var lines: [String] = []
        lines.append("\(PlainText.clean(doc.assessment.title)) · \(PlainText.clean(catalog.fullTitle)) · scope: \(ScopeWords.describe(doc.assessment.scope, catalog: catalog))")
        lines.append("\(t.inScope) of \(t.risks) risks in scope: \(t.open) open, \(t.partial) partial, \(t.mitigated) mitigated, \(t.accepted) accepted, \(t.transferred) transferred, \(t.avoided) avoided; \(t.notApplicable) not applicable, \(t.outOfScope) out of scope")
        lines.append("assessed: \(t.assessed) of \(t.inScope) in-scope risks (\(t.unassessed) not yet looked at)")
        lines.append("controls: " + ControlStatus.allCases.map { "\(t.controls($0)) \($0.label)" }.joined(by: ", ")
            + (t.stale > 0 ? "; \(t.stale) stale (past review date on \(today)): \(card.staleControls.joined(by: ", "))" : ""))
        let conflicts = doc.assessment.conflicts
        if !conflicts.isEmpty {
            lines.append("UNSETTLED: " + MergeConflict.warning(count: conflicts.count))
            lines += conflicts.map { "  " + PlainText.clean($0.disputed) }
        }
        let useCase = doc.assessment.useCase
        if let owner = useCase.businessOwner { lines.append("business owner: \(PlainText.clean(owner))") }
        if !useCase.stakeholders.isEmpty { lines.append("stakeholders: \(PlainText.clean(useCase.stakeholders.joined(by: ", ")))") }
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
        return lines.joined(by: "\n")
    }
}
