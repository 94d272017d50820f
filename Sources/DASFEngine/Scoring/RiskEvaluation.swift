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
    /// One sentence saying why the risk is in this state ("open: DASF 54, DASF 60 not implemented").
    public let explanation: String

    public var missingControls: [String] { missing.map(\.control) }
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
