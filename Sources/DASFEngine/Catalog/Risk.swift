/// A security risk to one component of an AI system, and the controls that mitigate it.
public struct Risk: Sendable, Hashable, Encodable {
    /// "9.1": the component's number, a dot, the risk's number within it.
    public let id: String
    public let title: String
    public let component: Int
    /// The sub-component ("13B") within `component`, or "" where the component has none.
    public let part: String
    /// The DASF revision that introduced the risk ("1.0", "2.0").
    public let revision: String
    /// What goes wrong, in plain words (ours, not the framework's).
    public let description: String
    /// Ids of the mitigating controls, in catalog order.
    public let controls: [String]
    /// Ids of the deployment models the risk applies to.
    public let deploymentModels: [String]
    /// The compendium's own label: "AI Sec" for AI-specific risks, "CyberSec" for classic ones.
    public let category: String
    public let impacts: [String]
    public let businessImpacts: [String]
    /// Framework id to the ids that framework uses for this risk.
    public let frameworks: [String: [String]]

    public init(
        id: String, title: String, component: Int, part: String = "", revision: String = "", description: String = "",
        controls: [String], deploymentModels: [String], category: String = "",
        impacts: [String] = [], businessImpacts: [String] = [], frameworks: [String: [String]] = [:]
    ) {
        self.id = id
        self.title = title
        self.component = component
        self.part = part
        self.revision = revision
        self.description = description
        self.controls = controls
        self.deploymentModels = deploymentModels
        self.category = category
        self.impacts = impacts
        self.businessImpacts = businessImpacts
        self.frameworks = frameworks
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, component, part, revision, description, controls, deploymentModels, category, impacts, businessImpacts, frameworks
    }

    /// `part` only where there is one, so the JSON of a catalog without parts is as it was.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(component, forKey: .component)
        if !part.isEmpty { try c.encode(part, forKey: .part) }
        try c.encode(revision, forKey: .revision)
        try c.encode(description, forKey: .description)
        try c.encode(controls, forKey: .controls)
        try c.encode(deploymentModels, forKey: .deploymentModels)
        try c.encode(category, forKey: .category)
        try c.encode(impacts, forKey: .impacts)
        try c.encode(businessImpacts, forKey: .businessImpacts)
        try c.encode(frameworks, forKey: .frameworks)
    }
}
