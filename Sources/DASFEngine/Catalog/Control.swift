/// A control that mitigates one or more risks ("DASF 31 Secure model serving endpoints").
///
/// Controls are shared: implementing one counts for every risk it is mapped to.
public struct Control: Sendable, Hashable, Encodable {
    /// "DASF 31".
    public let id: String
    public let title: String
    public let revision: String
    /// What the control does and how you know it is in place (ours).
    public let description: String
    /// The compendium's control type ("Access and Authentication", ...).
    public let type: String
    /// The shared-responsibility class ("Databricks — Configuration", ...).
    public let responsibility: String
    /// "Control", "Feature", "Control/Feature" or "Education".
    public let kind: String
    public let novelty: String
    /// The stages or components the compendium says the control is applied at, as free text.
    public let appliesTo: String
    public let frameworks: [String: [String]]

    public init(
        id: String, title: String, revision: String = "", description: String = "", type: String = "",
        responsibility: String = "", kind: String = "", novelty: String = "", appliesTo: String = "",
        frameworks: [String: [String]] = [:]
    ) {
        self.id = id
        self.title = title
        self.revision = revision
        self.description = description
        self.type = type
        self.responsibility = responsibility
        self.kind = kind
        self.novelty = novelty
        self.appliesTo = appliesTo
        self.frameworks = frameworks
    }
}
