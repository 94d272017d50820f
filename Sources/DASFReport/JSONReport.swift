import DASFEngine
import Foundation

/// Everything, machine-readable (docs/json-output.md): the assessment as entered, every risk's
/// state and reasons, every control, the roll-ups, the organisational risks and the journal.
public enum JSONReport {
    struct Document: Encodable {
        struct Totals: Encodable {
            let risks, inScope, open, partial, mitigated, accepted, transferred, avoided, notApplicable, outOfScope, assessed, unassessed, stale: Int
            init(_ t: DASFEngine.Totals) {
                risks = t.risks; inScope = t.inScope; open = t.open; partial = t.partial; mitigated = t.mitigated; accepted = t.accepted
                transferred = t.transferred; avoided = t.avoided; notApplicable = t.notApplicable; outOfScope = t.outOfScope
                assessed = t.assessed; unassessed = t.unassessed; stale = t.stale
            }
        }
        struct Group: Encodable { let id: String; let name: String; let totals: Totals }
        struct ComponentGroup: Encodable { let id: Int; let name, stage: String; let totals: Totals }
        struct Threat: Encodable { let id, text: String; let component, likelihood, impact, rating: Int? }
        struct Risk: Encodable {
            let id, title, stage, state, treatment, explanation: String
            let component: Int
            let assessed: Bool
            let coverage: Double
            let rationale, notApplicableReason: String?
            let controls, missingControls, deploymentModels: [String]
            let threats: [Threat]
            let frameworks: [String: [String]]
        }
        struct Control: Encodable {
            let id, title, status: String
            let notApplicableReason, owner, evidence, note, targetDate, reviewBy, lastVerified: String?
            let stale: Bool
            let risks: [String]
            let frameworks: [String: [String]]
        }
        struct Organisational: Encodable { let id, name: String; let rating: Int?; let notes: String? }
        struct Entry: Encodable { let at, by, target, field: String; let from, to: String?; let undo: Bool }
        struct UseCase: Encodable { let businessOwner, description: String?; let stakeholders: [String] }
        struct CatalogInfo: Encodable { let id, version, title, source, licence, digest: String; let derived: Bool }

        let title: String
        let useCase: UseCase
        let asOf: String?
        let catalog: CatalogInfo
        let scope: SharedJSON.Scope
        let totals: Totals
        let stages: [Group]
        let components: [ComponentGroup]
        let risks: [Risk]
        let controls: [Control]
        let organisationalRisks: [Organisational]
        let comments: [SharedJSON.Comment]
        let conflicts: [SharedJSON.Conflict]
        let journal: [Entry]
    }

    public static func render(_ input: ReportInput) throws -> String {
        let a = input.assessment, card = input.scorecard, catalog = input.catalog
        let stale = Set(card.staleControls)
        let document = Document(
            title: a.title,
            useCase: .init(businessOwner: a.useCase.businessOwner, description: a.useCase.description, stakeholders: a.useCase.stakeholders),
            asOf: card.today,
            catalog: .init(id: catalog.id, version: catalog.version, title: catalog.title, source: catalog.source, licence: catalog.licence,
                           digest: catalog.digest, derived: catalog.derived),
            scope: SharedJSON.Scope(a.scope),
            totals: .init(card.overall),
            stages: card.stages.map { .init(id: $0.stage.id, name: $0.stage.name, totals: .init($0.totals)) },
            components: card.components.map { .init(id: $0.component.id, name: $0.component.name, stage: $0.component.stage, totals: .init($0.totals)) },
            risks: input.risks.map { risk, evaluation in
                let record = a.record(forRisk: risk.id)
                return .init(id: risk.id, title: risk.title, stage: catalog.component(risk.component)?.stage ?? "", state: evaluation.state.rawValue,
                             treatment: evaluation.treatment.rawValue, explanation: evaluation.explanation, component: risk.component,
                             assessed: evaluation.assessed, coverage: (evaluation.coverage * 1000).rounded() / 1000, rationale: record.rationale,
                             notApplicableReason: record.notApplicableReason, controls: risk.controls, missingControls: evaluation.missingControls,
                             deploymentModels: risk.deploymentModels,
                             threats: record.threats.map { .init(id: $0.id, text: $0.text, component: $0.component, likelihood: $0.likelihood, impact: $0.impact, rating: $0.rating) },
                             frameworks: risk.frameworks)
            },
            controls: catalog.controls.map { control in
                let record = a.record(forControl: control.id)
                return .init(id: control.id, title: control.title, status: record.status.rawValue, notApplicableReason: record.notApplicableReason,
                             owner: record.owner, evidence: record.evidence, note: record.note, targetDate: record.targetDate,
                             reviewBy: record.reviewBy, lastVerified: record.lastVerified, stale: stale.contains(control.id),
                             risks: catalog.risks(mitigatedBy: control.id).map(\.id), frameworks: control.frameworks)
            },
            organisationalRisks: OrganisationalRisk.allCases.map {
                .init(id: $0.rawValue, name: $0.name, rating: a.organisationalRisks[$0]?.rating, notes: a.organisationalRisks[$0]?.notes)
            },
            comments: a.comments.map(SharedJSON.Comment.init),
            conflicts: a.conflicts.map(SharedJSON.Conflict.init),
            journal: input.journal.map { .init(at: $0.at, by: $0.by, target: $0.change.target, field: $0.change.field, from: $0.change.from, to: $0.change.to, undo: $0.undo) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Escaping.jsonInert(String(decoding: try encoder.encode(document), as: UTF8.self)) + "\n"
    }
}
