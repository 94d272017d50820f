/// The deployment models an assessment covers. None selected means all of them, so a new
/// assessment starts with every risk in view.
public struct Scope: Sendable, Hashable {
    /// Deployment model ids, without duplicates, in the catalog's order where known.
    public var deploymentModels: [String]
    /// Keys this dasf does not know, kept as they were (`UnknownFields`).
    public var unknown = UnknownFields()

    public init(deploymentModels: [String] = []) {
        var seen = Set<String>()
        self.deploymentModels = deploymentModels.filter { seen.insert($0).inserted }
    }

    public static let all = Scope()

    public var isAll: Bool { deploymentModels.isEmpty }

    /// Whether a risk applies to at least one selected model.
    public func covers(_ risk: Risk) -> Bool {
        isAll || risk.deploymentModels.contains { deploymentModels.contains($0) }
    }
}
