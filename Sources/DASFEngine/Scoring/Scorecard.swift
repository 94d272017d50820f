/// The state of every risk in an assessment and the roll-ups per component, stage and overall:
/// everything the map, the lists and `dasf status` show. A pure function of catalog and
/// assessment, cheap enough to recompute after every key press.
public struct Scorecard: Sendable {
    public struct ComponentSummary: Sendable, Hashable {
        public let component: Component
        public let totals: Totals
    }

    public struct StageSummary: Sendable, Hashable {
        public let stage: Stage
        public let totals: Totals
    }

    /// One evaluation per catalog risk, in catalog order.
    public let risks: [RiskEvaluation]
    public let components: [ComponentSummary]
    public let stages: [StageSummary]
    public let overall: Totals
    /// Every catalog control's status, in catalog order.
    public let controls: [(id: String, status: ControlStatus)]
    public let unknown: UnknownIDs
    private let riskIndex: [String: Int]

    public init(catalog: Catalog, assessment: Assessment) {
        let statuses = catalog.controls.map { assessment.status(of: $0.id) }
        let evaluations = catalog.risks.indices.map {
            RiskEvaluator.evaluate(catalog.risks[$0], controls: catalog.controlPositionsByRisk[$0], statuses: statuses, assessment: assessment)
        }
        var byComponent: [Int: Totals] = [:]
        var overall = Totals()
        for (risk, evaluation) in zip(catalog.risks, evaluations) {
            byComponent[risk.component, default: Totals()].count(evaluation.state)
            overall.count(evaluation.state)
        }
        func tally<S: Sequence>(_ positions: S) -> [ControlStatus: Int] where S.Element == Int {
            var counts: [ControlStatus: Int] = [:]
            for position in positions { counts[statuses[position], default: 0] += 1 }
            return counts
        }
        var components: [ComponentSummary] = []
        for component in catalog.components {
            var totals = byComponent[component.id] ?? Totals()
            totals.controls = tally(catalog.controlPositionsByComponent[component.id] ?? [])
            components.append(ComponentSummary(component: component, totals: totals))
        }
        var stages: [StageSummary] = []
        for stage in catalog.stages {
            var totals = Totals()
            var positions = Set<Int>()
            for summary in components where summary.component.stage == stage.id {
                totals.add(summary.totals)
                positions.formUnion(catalog.controlPositionsByComponent[summary.component.id] ?? [])
            }
            totals.controls = tally(positions)
            stages.append(StageSummary(stage: stage, totals: totals))
        }
        overall.controls = tally(statuses.indices)

        self.risks = evaluations
        self.components = components
        self.stages = stages
        self.overall = overall
        self.controls = zip(catalog.controls, statuses).map { ($0.id, $1) }
        self.unknown = assessment.unknownIDs(in: catalog)
        var index: [String: Int] = [:]
        for (position, evaluation) in evaluations.enumerated() { index[evaluation.riskID] = position }
        self.riskIndex = index
    }

    public func evaluation(ofRisk id: String) -> RiskEvaluation? { riskIndex[id].map { risks[$0] } }
    public func totals(ofComponent id: Int) -> Totals? { components.first { $0.component.id == id }?.totals }
    public func totals(ofStage id: String) -> Totals? { stages.first { $0.stage.id == id }?.totals }
}

extension Totals {
    /// Adds another group's risk counts (controls are tallied separately: they are shared).
    mutating func add(_ other: Totals) {
        risks += other.risks
        inScope += other.inScope
        open += other.open
        partial += other.partial
        mitigated += other.mitigated
        accepted += other.accepted
        transferred += other.transferred
        avoided += other.avoided
        notApplicable += other.notApplicable
        outOfScope += other.outOfScope
    }
}
