/// The four organisational risks of the DASF workshop: not technical, but they decide whether
/// the controls get built and kept.
public enum OrganisationalRisk: String, Sendable, CaseIterable, Hashable {
    case talent
    case operatingModel = "operating-model"
    case changeManagement = "change-management"
    case decisionSupport = "decision-support"

    public var name: String {
        switch self {
        case .talent: "Talent"
        case .operatingModel: "Operating model"
        case .changeManagement: "Change management"
        case .decisionSupport: "Decision support"
        }
    }

    /// One line on what the risk is about, in our words.
    public var summary: String {
        switch self {
        case .talent: "Do we have, or can we hire and keep, people who can build and secure AI systems?"
        case .operatingModel: "Is it clear who owns AI work and its risks, across data, ML, security and the business?"
        case .changeManagement: "Will people adopt the system and the controls, and change how they work?"
        case .decisionSupport: "Do leaders get the information they need to decide about AI risk in time?"
        }
    }
}

/// The room's view of one organisational risk.
public struct OrganisationalRiskRecord: Sendable, Hashable {
    /// 1 (low) ... 5 (high).
    public var rating: Int?
    public var notes: String?
    /// Keys this dasf does not know, kept as they were (`UnknownFields`).
    public var unknown = UnknownFields()

    public init(rating: Int? = nil, notes: String? = nil) {
        self.rating = rating
        self.notes = notes
    }

    public var isEmpty: Bool { rating == nil && notes == nil && unknown.isEmpty }
}
