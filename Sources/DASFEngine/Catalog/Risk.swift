/// A security risk to one component of an AI system, and the controls that mitigate it.
public struct Risk: Sendable, Hashable, Encodable {
    /// "9.1": the component's number, a dot, the risk's number within it.
    public let id: String
    public let title: String
    public let component: Int
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
        id: String, title: String, component: Int, revision: String = "", description: String = "",
        controls: [String], deploymentModels: [String], category: String = "",
        impacts: [String] = [], businessImpacts: [String] = [], frameworks: [String: [String]] = [:]
    ) {
        self.id = id
        self.title = title
        self.component = component
        self.revision = revision
        self.description = description
        self.controls = controls
        self.deploymentModels = deploymentModels
        self.category = category
        self.impacts = impacts
        self.businessImpacts = businessImpacts
        self.frameworks = frameworks
    }
}
