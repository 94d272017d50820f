/// One AI system of a portfolio, reduced to what the portfolio shows and sorts by: the counts per
/// component, not the assessment. Ten thousand of them fit in memory where ten thousand whole
/// assessments with their journals would not.
public struct SystemSummary: Sendable, Hashable {
    public let path: String
    public let title: String
    public let catalogID: String
    public let catalogVersion: String
    /// Deployment models in scope; empty means all.
    public let deploymentModels: [String]
    public let businessOwner: String?
    /// Control owners named in the assessment, for the owner filter.
    public let owners: [String]
    /// The newest journal entry's time ("2026-11-24T10:00:00Z"), or "" when the journal is empty.
    public let lastChange: String
    /// Risk counts per component id.
    public let components: [Int: Totals]
    public let overall: Totals
    /// Open or partial risks per component, in catalog order: the column view.
    public let unsettledRisks: [Int: [UnsettledRisk]]
    public let staleControls: Int
    public let conflicts: Int

    public init(path: String, catalog: Catalog, assessment: Assessment, lastChange: String, today: String?) {
        let card = Scorecard(catalog: catalog, assessment: assessment, today: today)
        self.path = path
        title = assessment.title
        catalogID = catalog.id
        catalogVersion = catalog.version
        deploymentModels = assessment.scope.deploymentModels
        businessOwner = assessment.useCase.businessOwner
        owners = Array(Set(assessment.controls.values.compactMap(\.owner))).sorted()
        self.lastChange = lastChange
        var components: [Int: Totals] = [:]
        for summary in card.components { components[summary.component.id] = summary.totals }
        self.components = components
        overall = card.overall
        var unsettled: [Int: [UnsettledRisk]] = [:]
        for (risk, evaluation) in zip(catalog.risks, card.risks) where evaluation.state == .open || evaluation.state == .partial {
            unsettled[risk.component, default: []].append(UnsettledRisk(id: risk.id, partial: evaluation.state == .partial))
        }
        unsettledRisks = unsettled
        staleControls = card.staleControls.count
        conflicts = assessment.conflicts.count
    }

    /// What "worst" sorts by: open risks, then partial ones.
    public var severity: (Int, Int) { (overall.open, overall.partial) }
}

/// A risk a system leaves open, or only partly mitigated.
public struct UnsettledRisk: Sendable, Hashable {
    public let id: String
    public let partial: Bool
}
