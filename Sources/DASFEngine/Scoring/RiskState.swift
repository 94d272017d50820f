/// Where a risk stands, derived from scope, decisions and control statuses; never entered.
/// The raw values are the words in JSON output and on screen.
public enum RiskState: String, Sendable, CaseIterable, Codable {
    /// No applicable mapped control is implemented.
    case open
    /// Some, not all, applicable mapped controls are implemented.
    case partial
    /// Every mapped control that is not marked not applicable is implemented.
    case mitigated
    case accepted
    case transferred
    case avoided
    /// Marked as not applying to this system, with a reason.
    case notApplicable = "not-applicable"
    /// Applies to none of the deployment models in scope.
    case outOfScope = "out-of-scope"

    /// True for the states that count towards "in scope".
    public var isInScope: Bool { self != .notApplicable && self != .outOfScope }

    /// The word for people.
    public var label: String { rawValue.split(separator: "-").joined(separator: " ") }
}
