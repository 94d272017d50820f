/// What changed between two versions of an assessment (before and after a workshop, last
/// quarter and this one): catalog, roll-ups, risk states, and every entered field. Compared by
/// id, so two files made with different catalog versions can be compared too.
public struct AssessmentDiff: Sendable {
    /// A count that moved in a stage's or component's roll-up.
    public struct CountChange: Sendable, Hashable {
        public let group: String
        public let measure: String
        public let from: Int
        public let to: Int

        public init(group: String, measure: String, from: Int, to: Int) {
            self.group = group
            self.measure = measure
            self.from = from
            self.to = to
        }
    }

    /// A risk whose derived state or chosen treatment changed.
    public struct RiskChange: Sendable, Hashable {
        public let id: String
        public let title: String
        public let fromState: String
        public let toState: String
        public let fromTreatment: String
        public let toTreatment: String

        public init(id: String, title: String, fromState: String, toState: String, fromTreatment: String, toTreatment: String) {
            self.id = id
            self.title = title
            self.fromState = fromState
            self.toState = toState
            self.fromTreatment = fromTreatment
            self.toTreatment = toTreatment
        }
    }

    /// Said first when the two were made with different catalogs.
    public let catalogNote: String?
    public let counts: [CountChange]
    public let risks: [RiskChange]
    /// Entered fields: control status, owner, dates, not-applicable reasons, threats, use case…
    public let fields: [Change]

    public var isEmpty: Bool { catalogNote == nil && counts.isEmpty && risks.isEmpty && fields.isEmpty }

    public init(before: Assessment, beforeCatalog: Catalog, after: Assessment, afterCatalog: Catalog, today: String? = nil) {
        if beforeCatalog.id != afterCatalog.id || beforeCatalog.version != afterCatalog.version {
            catalogNote = "made with different catalogs: \(beforeCatalog.id) \(beforeCatalog.version), then \(afterCatalog.id) \(afterCatalog.version); compared by id"
        } else if before.catalog.digest != after.catalog.digest && !before.catalog.digest.isEmpty && !after.catalog.digest.isEmpty
                    && !(BuiltinCatalogs.sameFacts(afterCatalog, digest: before.catalog.digest) && BuiltinCatalogs.sameFacts(afterCatalog, digest: after.catalog.digest)) {
            catalogNote = "made with two revisions of \(afterCatalog.id) \(afterCatalog.version); compared by id"
        } else {
            catalogNote = nil
        }
        let a = Scorecard(catalog: beforeCatalog, assessment: before, today: today)
        let b = Scorecard(catalog: afterCatalog, assessment: after, today: today)
        var counts: [CountChange] = []
        func compare(_ group: String, _ x: Totals, _ y: Totals) {
            let measures: [(String, KeyPath<Totals, Int>)] = [
                ("in scope", \.inScope), ("open", \.open), ("partial", \.partial), ("mitigated", \.mitigated), ("accepted", \.accepted),
                ("transferred", \.transferred), ("avoided", \.avoided), ("not applicable", \.notApplicable), ("assessed", \.assessed), ("stale", \.stale),
            ]
            for (name, path) in measures where x[keyPath: path] != y[keyPath: path] {
                counts.append(CountChange(group: group, measure: name, from: x[keyPath: path], to: y[keyPath: path]))
            }
        }
        compare("All", a.overall, b.overall)
        for stage in b.stages {
            compare(stage.stage.name, a.totals(ofStage: stage.stage.id) ?? Totals(), stage.totals)
        }
        for component in b.components {
            compare("\(component.component.id) \(component.component.name)", a.totals(ofComponent: component.component.id) ?? Totals(), component.totals)
        }
        self.counts = counts
        var risks: [RiskChange] = []
        for risk in afterCatalog.risks {
            guard let y = b.evaluation(ofRisk: risk.id) else { continue }
            let x = a.evaluation(ofRisk: risk.id)
            let fromState = x?.state.rawValue ?? "(not in catalog)", fromTreatment = x?.treatment.rawValue ?? "-"
            if fromState != y.state.rawValue || fromTreatment != y.treatment.rawValue {
                risks.append(RiskChange(id: risk.id, title: risk.title, fromState: fromState, toState: y.state.rawValue,
                                        fromTreatment: fromTreatment, toTreatment: y.treatment.rawValue))
            }
        }
        self.risks = risks
        fields = after.changes(from: before).filter { $0.target != "assessment" || $0.field != "catalog" }
    }
}
