/// What the organisation decided to do about a risk. Anything but `mitigate` takes the risk out of
/// the control arithmetic and needs a rationale a reviewer can read.
public enum RiskTreatment: String, Sendable, CaseIterable, Codable {
    case mitigate
    case accept
    case transfer
    case avoid
}
