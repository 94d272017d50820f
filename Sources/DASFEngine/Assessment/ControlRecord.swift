/// What people entered about one control. A control nobody has touched has no record.
public struct ControlRecord: Sendable, Hashable {
    public var status: ControlStatus
    /// Why the control does not apply; present exactly when `status` is `.notApplicable`.
    public var notApplicableReason: String?
    public var owner: String?
    /// A link or reference showing the control is in place.
    public var evidence: String?
    public var note: String?

    public init(
        status: ControlStatus = .notStarted, notApplicableReason: String? = nil, owner: String? = nil,
        evidence: String? = nil, note: String? = nil
    ) {
        self.status = status
        self.notApplicableReason = notApplicableReason
        self.owner = owner
        self.evidence = evidence
        self.note = note
    }

    /// True when the record says nothing beyond the defaults, so it need not be saved.
    public var isEmpty: Bool {
        status == .notStarted && notApplicableReason == nil && owner == nil && evidence == nil && note == nil
    }
}
