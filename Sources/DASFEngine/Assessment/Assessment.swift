/// Everything people entered about one AI system: never a copy of the catalog, only the answers,
/// keyed by catalog id so a changed or different catalog still finds them.
public struct Assessment: Sendable, Hashable {
    public var title: String
    public var useCase: UseCase
    public var catalog: CatalogReference
    public var scope: Scope
    /// Risk id to decision. Ids the catalog lacks are kept, and reported, never dropped.
    public var risks: [String: RiskRecord]
    /// Control id to progress. Ids the catalog lacks are kept, and reported, never dropped.
    public var controls: [String: ControlRecord]
    public var organisationalRisks: [OrganisationalRisk: OrganisationalRiskRecord]
    /// Review comments, oldest first.
    public var comments: [Comment]
    /// Fields a merge could not decide: mine is in place, theirs is kept here until resolved.
    public var conflicts: [MergeConflict] = []
    /// Keys this dasf does not know, kept as they were (`UnknownFields`).
    public var unknown = UnknownFields()

    public init(
        title: String, useCase: UseCase = UseCase(), catalog: CatalogReference, scope: Scope = .all,
        risks: [String: RiskRecord] = [:], controls: [String: ControlRecord] = [:],
        organisationalRisks: [OrganisationalRisk: OrganisationalRiskRecord] = [:], comments: [Comment] = []
    ) {
        self.comments = comments
        self.title = title
        self.useCase = useCase
        self.catalog = catalog
        self.scope = scope
        self.risks = risks
        self.controls = controls
        self.organisationalRisks = organisationalRisks
    }

    /// A blank assessment against a catalog.
    public init(title: String, catalog: Catalog, deploymentModels: [String] = []) {
        self.init(title: title, catalog: catalog.reference, scope: Scope(deploymentModels: deploymentModels))
    }

    public func status(of controlID: String) -> ControlStatus {
        controls[controlID]?.status ?? .notStarted
    }

    public func record(forRisk id: String) -> RiskRecord { risks[id] ?? RiskRecord() }
    public func record(forControl id: String) -> ControlRecord { controls[id] ?? ControlRecord() }

    /// Open comments on a risk or control.
    public func openComments(on target: Comment.Target) -> [Comment] {
        comments.filter { $0.target == target && !$0.resolved }
    }

    /// Entries and scope choices that name ids the catalog does not define.
    public func unknownIDs(in catalog: Catalog) -> UnknownIDs {
        UnknownIDs(
            risks: IDOrder.sorted(risks.keys.filter { catalog.risk($0) == nil }),
            controls: IDOrder.sorted(controls.keys.filter { catalog.control($0) == nil }),
            deploymentModels: scope.deploymentModels.filter { catalog.deploymentModel($0) == nil }
        )
    }
}

/// Ids in a save file that the catalog in use does not know.
public struct UnknownIDs: Sendable, Hashable {
    public var risks: [String]
    public var controls: [String]
    public var deploymentModels: [String]

    public init(risks: [String] = [], controls: [String] = [], deploymentModels: [String] = []) {
        self.risks = risks
        self.controls = controls
        self.deploymentModels = deploymentModels
    }

    public var isEmpty: Bool { risks.isEmpty && controls.isEmpty && deploymentModels.isEmpty }

    /// One line per kind, for warnings.
    public var lines: [String] {
        var lines: [String] = []
        if !risks.isEmpty { lines.append("risks not in the catalog (kept): \(risks.joined(separator: ", "))") }
        if !controls.isEmpty { lines.append("controls not in the catalog (kept): \(controls.joined(separator: ", "))") }
        if !deploymentModels.isEmpty {
            lines.append("deployment models not in the catalog (kept): \(deploymentModels.joined(separator: ", "))")
        }
        return lines
    }
}
