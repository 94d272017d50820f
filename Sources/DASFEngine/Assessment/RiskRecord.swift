/// What people decided about one risk. A risk nobody has touched has no record.
public struct RiskRecord: Sendable, Hashable {
    public var treatment: RiskTreatment
    public var rationale: String?
    /// Why the risk does not apply to this system; a risk with a reason is out of the count.
    public var notApplicableReason: String?
    /// Someone looked at the risk and decided it applies (step 3). Deciding a treatment or that
    /// it does not apply counts as assessed too.
    public var assessed: Bool
    /// The threats the room named for this risk (step 4).
    public var threats: [Threat]
    /// Keys this dasf does not know, kept as they were (`UnknownFields`).
    public var unknown = UnknownFields()

    public init(
        treatment: RiskTreatment = .mitigate, rationale: String? = nil, notApplicableReason: String? = nil,
        assessed: Bool = false, threats: [Threat] = []
    ) {
        self.treatment = treatment
        self.rationale = rationale
        self.notApplicableReason = notApplicableReason
        self.assessed = assessed
        self.threats = threats
    }

    public var isEmpty: Bool {
        treatment == .mitigate && rationale == nil && notApplicableReason == nil && !assessed && threats.isEmpty && unknown.isEmpty
    }

    /// Whether a decision about the risk has been recorded.
    public var isDecided: Bool { assessed || notApplicableReason != nil || treatment != .mitigate }

    /// The highest likelihood × impact among its threats.
    public var highestThreatRating: Int? { threats.compactMap(\.rating).max() }
}
