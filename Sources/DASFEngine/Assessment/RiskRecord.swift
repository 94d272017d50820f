/// What people decided about one risk. A risk nobody has touched has no record.
public struct RiskRecord: Sendable, Hashable {
    public var treatment: RiskTreatment
    public var rationale: String?
    /// Why the risk does not apply to this system; a risk with a reason is out of the count.
    public var notApplicableReason: String?

    public init(treatment: RiskTreatment = .mitigate, rationale: String? = nil, notApplicableReason: String? = nil) {
        self.treatment = treatment
        self.rationale = rationale
        self.notApplicableReason = notApplicableReason
    }

    public var isEmpty: Bool { treatment == .mitigate && rationale == nil && notApplicableReason == nil }
}
