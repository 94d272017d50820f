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
    /// Risk counts per sub-component ("13B"); controls are not tallied for parts.
    public let parts: [String: Totals]
    public let overall: Totals
    /// Every catalog control's status, in catalog order.
    public let controls: [(id: String, status: ControlStatus)]
    /// Controls past their review date, in catalog order.
    public let staleControls: [String]
    /// The day staleness was judged on ("YYYY-MM-DD"), if any.
    public let today: String?
    public let unknown: UnknownIDs
    private let riskIndex: [String: Int]

    /// `today` ("YYYY-MM-DD") decides which controls are stale; without it none is.
    public init(catalog: Catalog, assessment: Assessment, today: String? = nil) {
        let statuses = catalog.controls.map { assessment.status(of: $0.id) }
        let stale = catalog.controls.map { assessment.controls[$0.id]?.isStale(today: today) ?? false }
        let evaluations = catalog.risks.indices.map {
            RiskEvaluator.evaluate(catalog.risks[$0], controls: catalog.controlPositionsByRisk[$0], statuses: statuses, assessment: assessment)
        }
        // By component position: an Int-keyed dictionary here cost the first frame a search of
        // every conformance record (see Catalog.risksByComponent).
        var byComponent = [Totals](repeating: Totals(), count: catalog.components.count), byPart: [String: Totals] = [:]
        var overall = Totals()
        // By position: a loop over the risks themselves copied each one (a dozen fields).
        for (position, evaluation) in evaluations.enumerated() {
            if let component = catalog.componentPositionByRisk[position] {
                byComponent[component].count(evaluation.state, assessed: evaluation.assessed)
            }
            let part = catalog.risks[position].part
            if !part.isEmpty { byPart[part, default: Totals()].count(evaluation.state, assessed: evaluation.assessed) }
            overall.count(evaluation.state, assessed: evaluation.assessed)
        }
        func tally<S: Sequence>(_ positions: S, into totals: inout Totals) where S.Element == Int {
            var counts = [Int](repeating: 0, count: ControlStatus.allCases.count)
            var staleCount = 0
            for position in positions {
                counts[statuses[position].ordinal] += 1
                if stale[position] { staleCount += 1 }
            }
            totals.controlCounts = counts
            totals.stale = staleCount
        }
        var components: [ComponentSummary] = []
        for (position, component) in catalog.components.enumerated() {
            var totals = byComponent[position]
            tally(catalog.controlPositionsByComponent[position], into: &totals)
            components.append(ComponentSummary(component: component, totals: totals))
        }
        var stages: [StageSummary] = []
        for stage in catalog.stages {
            var totals = Totals()
            var mapped = [Bool](repeating: false, count: statuses.count)
            for (position, summary) in components.enumerated() where summary.component.stage == stage.id {
                totals.add(summary.totals)
                for control in catalog.controlPositionsByComponent[position] { mapped[control] = true }
            }
            tally(mapped.indices.lazy.filter { mapped[$0] }, into: &totals)
            stages.append(StageSummary(stage: stage, totals: totals))
        }
        tally(statuses.indices, into: &overall)

        self.risks = evaluations
        self.components = components
        self.parts = byPart
        self.stages = stages
        self.overall = overall
        self.controls = zip(catalog.controls, statuses).map { ($0.id, $1) }
        self.staleControls = zip(catalog.controls, stale).filter(\.1).map(\.0.id)
        self.today = today
        self.unknown = assessment.unknownIDs(in: catalog)
        var index: [String: Int] = [:]
        for (position, evaluation) in evaluations.enumerated() { index[evaluation.riskID] = position }
        self.riskIndex = index
    }

    public func evaluation(ofRisk id: String) -> RiskEvaluation? { riskIndex[id].map { risks[$0] } }
    public func totals(ofComponent id: Int) -> Totals? { components.first { $0.component.id == id }?.totals }
    public func totals(ofStage id: String) -> Totals? { stages.first { $0.stage.id == id }?.totals }
    public func totals(ofPart id: String) -> Totals? { parts[id] }
}

extension Totals {
    /// Adds another group's risk counts (controls are tallied separately: they are shared).
    mutating func add(_ other: Totals) {
        risks += other.risks
        inScope += other.inScope
        assessed += other.assessed
        unassessed += other.unassessed
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
