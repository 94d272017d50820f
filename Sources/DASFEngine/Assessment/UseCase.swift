/// Step 1 of a DASF workshop: what AI system is being assessed, for what, and for whom.
public struct UseCase: Sendable, Hashable {
    public var businessOwner: String?
    /// What the system is and what it is for, in a few sentences.
    public var description: String?
    public var stakeholders: [String]
    /// Keys this dasf does not know, kept as they were (`UnknownFields`).
    public var unknown = UnknownFields()

    public init(businessOwner: String? = nil, description: String? = nil, stakeholders: [String] = []) {
        self.businessOwner = businessOwner
        self.description = description
        self.stakeholders = stakeholders
    }

    public var isEmpty: Bool { businessOwner == nil && description == nil && stakeholders.isEmpty && unknown.isEmpty }
}
