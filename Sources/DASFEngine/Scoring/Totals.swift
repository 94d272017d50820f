/// Risk counts by state, and control counts by status, for any group of risks (a component, a
/// stage, the whole assessment). `risks == inScope + notApplicable + outOfScope` and
/// `inScope == open + partial + mitigated + accepted + transferred + avoided` always hold.
public struct Totals: Sendable, Hashable {
    public var risks = 0
    public var inScope = 0
    public var open = 0
    public var partial = 0
    public var mitigated = 0
    public var accepted = 0
    public var transferred = 0
    public var avoided = 0
    public var notApplicable = 0
    public var outOfScope = 0
    /// In-scope risks someone has decided about, and those nobody has looked at yet.
    public var assessed = 0
    public var unassessed = 0
    /// Distinct controls mapped to these risks, by status, in `ControlStatus.allCases` order. An
    /// array rather than a dictionary keyed by status: such a dictionary's first use costs each
    /// process a 0.4 M-instruction search of the runtime's conformance records.
    public var controlCounts = [Int](repeating: 0, count: ControlStatus.allCases.count)
    /// Distinct controls mapped to these risks that are past their review date.
    public var stale = 0

    public init() {}

    mutating func count(_ state: RiskState, assessed isAssessed: Bool) {
        risks += 1
        if state.isInScope {
            inScope += 1
            if isAssessed { assessed += 1 } else { unassessed += 1 }
        }
        switch state {
        case .open: open += 1
        case .partial: partial += 1
        case .mitigated: mitigated += 1
        case .accepted: accepted += 1
        case .transferred: transferred += 1
        case .avoided: avoided += 1
        case .notApplicable: notApplicable += 1
        case .outOfScope: outOfScope += 1
        }
    }

    public func controls(_ status: ControlStatus) -> Int { controlCounts[status.ordinal] }
}
