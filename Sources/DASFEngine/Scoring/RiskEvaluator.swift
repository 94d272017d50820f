/// The rules that turn decisions and control statuses into a risk state. In order:
///
/// 1. A risk that applies to none of the models in scope is out of scope.
/// 2. A risk marked not applicable (with a reason) is not applicable.
/// 3. A treatment other than mitigate decides the state: accepted, transferred, avoided.
/// 4. Otherwise the mapped controls decide. Controls marked not applicable drop out; if every
///    remaining one is implemented the risk is mitigated, if some are it is partial, else open.
///    A risk left with no applicable control at all is open: nothing stands between it and the
///    system, and a treatment has to be chosen.
enum RiskEvaluator {
    static func evaluate(_ risk: Risk, catalog: Catalog, assessment: Assessment) -> RiskEvaluation {
        let record = assessment.risks[risk.id]
        let treatment = record?.treatment ?? .mitigate
        var implemented: [String] = [], missing: [ControlGap] = [], notApplicable: [String] = []
        for id in risk.controls {
            switch assessment.status(of: id) {
            case .implemented: implemented.append(id)
            case .notApplicable: notApplicable.append(id)
            case let status: missing.append(ControlGap(control: id, status: status))
            }
        }
        func result(_ state: RiskState, coverage: Double, _ explanation: String) -> RiskEvaluation {
            RiskEvaluation(
                riskID: risk.id, state: state, coverage: coverage, treatment: treatment,
                implemented: implemented, missing: missing, notApplicableControls: notApplicable,
                explanation: explanation)
        }

        if !assessment.scope.covers(risk) {
            let models = risk.deploymentModels.joined(separator: ", ")
            return result(.outOfScope, coverage: 0, "out of scope: applies to \(models), none of which is in scope")
        }
        if let reason = record?.notApplicableReason {
            return result(.notApplicable, coverage: 0, "not applicable: \(reason)")
        }
        let applicable = implemented.count + missing.count
        let coverage = applicable == 0 ? 0 : Double(implemented.count) / Double(applicable)
        let rationale = record?.rationale.map { ": \($0)" } ?? ""
        switch treatment {
        case .accept: return result(.accepted, coverage: coverage, "accepted" + rationale)
        case .transfer: return result(.transferred, coverage: coverage, "transferred" + rationale)
        case .avoid: return result(.avoided, coverage: coverage, "avoided" + rationale)
        case .mitigate: break
        }
        let missingList = missing.map(\.control).joined(separator: ", ")
        if risk.controls.isEmpty {
            return result(.open, coverage: 0, "open: the catalog maps no control to this risk; choose a treatment")
        }
        if applicable == 0 {
            return result(.open, coverage: 0,
                "open: every mapped control (\(notApplicable.joined(separator: ", "))) is marked not applicable; choose a treatment")
        }
        if missing.isEmpty {
            let skipped = notApplicable.isEmpty ? "" : "; \(notApplicable.joined(separator: ", ")) not applicable"
            return result(.mitigated, coverage: 1,
                "mitigated: \(applicable == 1 ? "its control is" : "all \(applicable) controls are") implemented\(skipped)")
        }
        if implemented.isEmpty {
            return result(.open, coverage: 0, "open: \(missingList) not implemented")
        }
        return result(.partial, coverage: coverage,
            "partial: \(missingList) not implemented (\(implemented.count) of \(applicable) implemented)")
    }
}
