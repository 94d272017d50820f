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
    /// `controls` are the positions of the risk's controls in the catalog, `statuses` every
    /// catalog control's status by position.
    static func evaluate(_ risk: Risk, controls: [Int], statuses: [ControlStatus], assessment: Assessment) -> RiskEvaluation {
        let record = assessment.risks.isEmpty ? nil : assessment.risks[risk.id]
        let treatment = record?.treatment ?? .mitigate
        var implemented: [String] = [], missing: [ControlGap] = [], notApplicable: [String] = []
        // Sized once: most controls are missing at the start, and growing the list one by one
        // was two thirds of this function on the way to the first frame.
        missing.reserveCapacity(controls.count)
        for (id, position) in zip(risk.controls, controls) {
            switch statuses[position] {
            case .implemented: implemented.append(id)
            case .notApplicable: notApplicable.append(id)
            case let status: missing.append(ControlGap(control: id, status: status))
            }
        }
        let applicable = implemented.count + missing.count
        var coverage = applicable == 0 ? 0 : Double(implemented.count) / Double(applicable)
        let state: RiskState
        var reason = record?.rationale
        if !assessment.scope.covers(risk) {
            state = .outOfScope
        } else if let notApplicableReason = record?.notApplicableReason {
            state = .notApplicable
            reason = notApplicableReason
        } else {
            switch treatment {
            case .accept: state = .accepted
            case .transfer: state = .transferred
            case .avoid: state = .avoided
            case .mitigate:
                if applicable == 0 || implemented.isEmpty { state = .open } else if missing.isEmpty { state = .mitigated } else { state = .partial }
            }
        }
        if !state.isInScope { coverage = 0 }
        return RiskEvaluation(
            riskID: risk.id, state: state, coverage: coverage, treatment: treatment, implemented: implemented,
            missing: missing, notApplicableControls: notApplicable, reason: reason, deploymentModels: risk.deploymentModels,
            assessed: record?.isDecided ?? false, highestThreatRating: record?.highestThreatRating, threatCount: record?.threats.count ?? 0)
    }
}
