/// Many assessments side by side: systems as rows, components as columns. Files that could not
/// be read are kept with their one-line reason, never hidden.
public struct Portfolio: Sendable {
    public struct Failure: Sendable, Hashable {
        public let path: String
        public let reason: String
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// A column: one component id, named as the first catalog that has it names it.
    public struct Column: Sendable, Hashable {
        public let id: Int
        public let name: String
        public let short: String
        public let stage: String
    }

    public enum Order: String, Sendable, CaseIterable {
        case worst, name, lastChange = "last change", stale
    }

    /// Narrows the rows; every field set must match.
    public struct Filter: Sendable, Hashable {
        public var deploymentModel: String?
        public var owner: String?
        public var catalog: String?
        /// Only the components of this stage count (columns and totals).
        public var stage: String?
        public var search: String?

        public init(deploymentModel: String? = nil, owner: String? = nil, catalog: String? = nil, stage: String? = nil, search: String? = nil) {
            self.deploymentModel = deploymentModel
            self.owner = owner
            self.catalog = catalog
            self.stage = stage
            self.search = search
        }

        public var isEmpty: Bool { self == Filter() }

        /// "model rag, owner dana": what is applied, in words.
        public var label: String {
            [deploymentModel.map { "model \($0)" }, owner.map { "owner \($0)" }, catalog.map { "catalog \($0)" }, stage.map { "stage \($0)" },
             search.map { "\"\($0)\"" }].compactMap { $0 }.joined(separator: ", ")
        }

        /// Reads "model:rag owner:dana catalog:dasf-2.0 stage:data words…"; an unknown key is an error.
        public static func parse(_ text: String) throws(PortfolioError) -> Filter {
            var filter = Filter(), words: [String] = []
            for token in text.split(separator: " ") {
                let parts = token.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[1].isEmpty else { words.append(String(token)); continue }
                switch parts[0].lowercased() {
                case "model": filter.deploymentModel = parts[1]
                case "owner": filter.owner = parts[1]
                case "catalog": filter.catalog = parts[1]
                case "stage": filter.stage = parts[1]
                default: throw PortfolioError("unknown filter \(parts[0]): (model:, owner:, catalog:, stage:, or words to search)")
                }
            }
            filter.search = words.isEmpty ? nil : words.joined(separator: " ")
            return filter
        }
    }

    public let systems: [SystemSummary]
    public let failures: [Failure]
    public let columns: [Column]
    /// Risk titles by id, from the catalogs (the first that has an id names it).
    public let riskTitles: [String: String]
    /// Per risk id, the MITRE ATLAS ids the catalogs cite for it (for the portfolio's layer).
    public let atlas: [String: [String]]

    /// `catalogs` name the columns: every component id any of them has, in their order.
    public init(systems: [SystemSummary], failures: [Failure], catalogs: [Catalog]) {
        self.systems = systems
        self.failures = failures.sorted { $0.path < $1.path }
        var seen = Set<Int>(), columns: [Column] = []
        for catalog in catalogs {
            for component in catalog.components where seen.insert(component.id).inserted {
                columns.append(Column(id: component.id, name: component.name, short: component.short, stage: component.stage))
            }
        }
        self.columns = columns.sorted { $0.id < $1.id }
        var titles: [String: String] = [:]
        var atlas: [String: [String]] = [:]
        for catalog in catalogs {
            for risk in catalog.risks where titles[risk.id] == nil {
                titles[risk.id] = risk.title
                atlas[risk.id] = risk.frameworks["mitre-atlas"]
            }
        }
        riskTitles = titles
        self.atlas = atlas
    }

    /// The same columns with other systems (a row read again after an edit).
    public init(systems: [SystemSummary], failures: [Failure], columns: [Column], riskTitles: [String: String], atlas: [String: [String]]) {
        self.systems = systems
        self.failures = failures
        self.columns = columns
        self.riskTitles = riskTitles
        self.atlas = atlas
    }

    /// The rows a filter keeps, in an order.
    public func rows(_ filter: Filter, _ order: Order) -> [SystemSummary] {
        let kept = systems.filter { matches($0, filter) }
        return kept.sorted { a, b in
            switch order {
            case .worst:
                let s = a.severity, t = b.severity
                if s != t { return s > t }
            case .name:
                let x = a.title.lowercased(), y = b.title.lowercased()
                if x != y { return x < y }
            case .lastChange:
                if a.lastChange != b.lastChange { return a.lastChange > b.lastChange }
            case .stale:
                if a.staleControls != b.staleControls { return a.staleControls > b.staleControls }
            }
            return a.path < b.path
        }
    }

    /// The columns a filter keeps (a stage filter keeps that stage's components).
    public func columns(_ filter: Filter) -> [Column] {
        guard let stage = filter.stage else { return columns }
        return columns.filter { $0.stage == stage }
    }

    func matches(_ s: SystemSummary, _ f: Filter) -> Bool {
        if let model = f.deploymentModel, !(s.deploymentModels.isEmpty || s.deploymentModels.contains(model)) { return false }
        if let owner = f.owner?.lowercased(),
           !((s.businessOwner?.lowercased().contains(owner) ?? false) || s.owners.contains { $0.lowercased().contains(owner) }) { return false }
        if let catalog = f.catalog, s.catalogID != catalog { return false }
        if let words = f.search?.lowercased(), !s.title.lowercased().contains(words) && !s.path.lowercased().contains(words) { return false }
        return true
    }

    /// A row's counts over the columns kept.
    public func total(_ s: SystemSummary, _ columns: [Column]) -> Totals {
        var t = Totals()
        for column in columns { if let c = s.components[column.id] { t.add(c) } }
        return t
    }

    /// A column's counts over the rows kept.
    public func total(_ column: Column, _ rows: [SystemSummary]) -> Totals {
        var t = Totals()
        for row in rows { if let c = row.components[column.id] { t.add(c) } }
        return t
    }

    /// "12 systems · 340 risks open · 4 stale controls · 1 unsettled conflict · 2 unreadable".
    public func summary(_ rows: [SystemSummary], _ columns: [Column]) -> String {
        let open = rows.reduce(0) { $0 + total($1, columns).open }
        let stale = rows.reduce(0) { $0 + $1.staleControls }, conflicts = rows.reduce(0) { $0 + $1.conflicts }
        func n(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        var parts = [n(rows.count, "system"), "\(open) risk\(open == 1 ? "" : "s") open", n(stale, "stale control"), n(conflicts, "unsettled conflict")]
        if !failures.isEmpty { parts.append("\(failures.count) unreadable") }
        return parts.joined(separator: " · ")
    }

    /// For one component: each risk any system leaves open or partial there, with those systems.
    public func unsettled(inComponent id: Int, _ rows: [SystemSummary]) -> [(risk: String, systems: [(system: SystemSummary, partial: Bool)])] {
        var order: [String] = [], bySystem: [String: [(system: SystemSummary, partial: Bool)]] = [:]
        for row in rows {
            for risk in row.unsettledRisks[id] ?? [] {
                if bySystem[risk.id] == nil { order.append(risk.id) }
                bySystem[risk.id, default: []].append((row, risk.partial))
            }
        }
        return IDOrder.sorted(order).map { ($0, bySystem[$0] ?? []) }
    }
}

public struct PortfolioError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
