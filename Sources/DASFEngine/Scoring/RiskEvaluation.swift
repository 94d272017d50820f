/// The derived state of one risk and the reasons for it, so nobody has to trust a colour.
public struct RiskEvaluation: Sendable, Hashable {
    public let riskID: String
    public let state: RiskState
    /// Implemented share of the mapped controls that apply: 0...1. 1 when mitigated, 0 when the
    /// risk is out of scope, not applicable or has no applicable control.
    public let coverage: Double
    public let treatment: RiskTreatment
    /// Mapped controls that are implemented, in catalog order.
    public let implemented: [String]
    /// Mapped controls that apply but are not implemented, with their status, in catalog order.
    public let missing: [ControlGap]
    /// Mapped controls marked not applicable.
    public let notApplicableControls: [String]
    /// The person's words behind the state: the not-applicable reason or the treatment rationale.
    public let reason: String?
    /// The deployment models the risk applies to (for the out-of-scope explanation).
    public let deploymentModels: [String]
    /// Whether anyone has decided about it yet (applies, does not apply, or a treatment).
    /// Separate from `state`: a risk can be open and assessed, or partial and unassessed.
    public let assessed: Bool
    /// The highest likelihood × impact among the threats named for it.
    public let highestThreatRating: Int?
    public let threatCount: Int

    public var missingControls: [String] { missing.map(\.control) }

    /// One sentence saying why the risk is in this state ("open: DASF 54, DASF 60 not
    /// implemented"). Built on demand: most screens and every key press need only the state.
    public var explanation: String {
        let missingList = missingControls.joined(by: ", ")
        let applicable = implemented.count + missing.count
        switch state {
        case .outOfScope:
            return "out of scope: applies to \(deploymentModels.joined(by: ", ")), none of which is in scope"
        case .notApplicable:
            return "not applicable: \(reason ?? "")"
        case .accepted, .transferred, .avoided:
            return state.rawValue + (reason.map { ": \($0)" } ?? "")
        case .mitigated:
            let skipped = notApplicableControls.isEmpty ? "" : "; \(notApplicableControls.joined(by: ", ")) not applicable"
            return "mitigated: \(applicable == 1 ? "its control is" : "all \(applicable) controls are") implemented\(skipped)"
        case .partial:
            return "partial: \(missingList) not implemented (\(implemented.count) of \(applicable) implemented)"
        case .open:
            if applicable == 0 && notApplicableControls.isEmpty {
                return "open: the catalog maps no control to this risk; choose a treatment"
            }
            if applicable == 0 {
                return "open: every mapped control (\(notApplicableControls.joined(by: ", "))) is marked not applicable; choose a treatment"
            }
            return "open: \(missingList) not implemented"
        }
    }
}

/// A mapped control that is not yet implemented, and how far it has got.
public struct ControlGap: Sendable, Hashable {
    public let control: String
    public let status: ControlStatus

    public init(control: String, status: ControlStatus) {
        self.control = control
        self.status = status
    }
}
