/// What people entered about one control. A control nobody has touched has no record.
public struct ControlRecord: Sendable, Hashable {
    public var status: ControlStatus
    /// Why the control does not apply; present exactly when `status` is `.notApplicable`.
    public var notApplicableReason: String?
    public var owner: String?
    /// A link or reference showing the control is in place.
    public var evidence: String?
    public var note: String?
    /// When it should be in place: "YYYY-MM-DD".
    public var targetDate: String?
    /// When it must be checked again (step 6): past this date the control is stale.
    public var reviewBy: String?
    /// When someone last confirmed it works: "YYYY-MM-DD".
    public var lastVerified: String?
    /// Keys this dasf does not know, kept as they were (`UnknownFields`).
    public var unknown = UnknownFields()

    public init(
        status: ControlStatus = .notStarted, notApplicableReason: String? = nil, owner: String? = nil,
        evidence: String? = nil, note: String? = nil, targetDate: String? = nil, reviewBy: String? = nil,
        lastVerified: String? = nil
    ) {
        self.status = status
        self.notApplicableReason = notApplicableReason
        self.owner = owner
        self.evidence = evidence
        self.note = note
        self.targetDate = targetDate
        self.reviewBy = reviewBy
        self.lastVerified = lastVerified
    }

    /// True when the record says nothing beyond the defaults, so it need not be saved.
    public var isEmpty: Bool {
        status == .notStarted && notApplicableReason == nil && owner == nil && evidence == nil && note == nil
            && targetDate == nil && reviewBy == nil && lastVerified == nil && unknown.isEmpty
    }

    /// Past its review date on `today` ("YYYY-MM-DD"; ISO dates order as text).
    public func isStale(today: String?) -> Bool {
        guard let today, let reviewBy, status != .notApplicable else { return false }
        return reviewBy < today
    }
}
