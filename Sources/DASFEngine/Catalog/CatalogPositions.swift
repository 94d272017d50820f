/// Where things are in a catalog's arrays: each component's risks, each risk's component and
/// controls, each control's risks. Worked out from a catalog file at load, or ahead of time for
/// the built-in catalogs (scripts/build-catalogs.py writes them beside the values): working them
/// out was over half of making a catalog, on the way to the map's first frame (0.8 of 1.4 M
/// instructions, a thousand string lookups). A test checks the written ones equal the worked-out.
struct CatalogPositions: Equatable, Sendable {
    /// Per component position, its risks' positions in catalog order (first of each id only).
    var risksByComponent: [[Int]]
    /// Per risk, its component's position, or nil for an unknown one.
    var componentPositionByRisk: [Int?]
    /// Per risk, its mapped controls' positions (ids the catalog lacks left out).
    var controlPositionsByRisk: [[Int]]
    /// Per component position, the distinct positions of its risks' controls, sorted.
    var controlPositionsByComponent: [[Int]]
    /// Per control position, the positions of the risks mapped to it (first of each risk id),
    /// once per mention.
    var risksByControl: [[Int]]

    /// The positions in `file`, which need not be valid: duplicate ids count their first only.
    init(of file: CatalogFile) {
        let components = file.components
        func componentPosition(_ id: Int) -> Int? { components.firstIndex { $0.id == id } }
        componentPositionByRisk = file.risks.map { componentPosition($0.component) }
        var controlIndex: [String: Int] = [:]
        controlIndex.reserveCapacity(file.controls.count)
        for (position, control) in file.controls.enumerated() where controlIndex[control.id] == nil {
            controlIndex[control.id] = position
        }
        controlPositionsByRisk = file.risks.map { risk in risk.controls.compactMap { controlIndex[$0] } }
        var seen = Set<String>()
        seen.reserveCapacity(file.risks.count)
        risksByComponent = [[Int]](repeating: [], count: components.count)
        risksByControl = [[Int]](repeating: [], count: file.controls.count)
        for (position, risk) in file.risks.enumerated() where seen.insert(risk.id).inserted {
            if let component = componentPositionByRisk[position] { risksByComponent[component].append(position) }
            for control in controlPositionsByRisk[position] { risksByControl[control].append(position) }
        }
        // Marks, not a Set<Int>: the first Int-keyed table of a process searched every
        // conformance record in the binary.
        var byComponent = [[Int]](repeating: [], count: components.count)
        for component in components.indices {
            var mapped = [Bool](repeating: false, count: file.controls.count)
            for position in risksByComponent[component] {
                for control in controlPositionsByRisk[position] { mapped[control] = true }
            }
            byComponent[component] = mapped.indices.filter { mapped[$0] }
        }
        controlPositionsByComponent = byComponent
    }

    /// Positions written ahead of time.
    init(risksByComponent: [[Int]], componentPositionByRisk: [Int?], controlPositionsByRisk: [[Int]],
         controlPositionsByComponent: [[Int]], risksByControl: [[Int]]) {
        self.risksByComponent = risksByComponent
        self.componentPositionByRisk = componentPositionByRisk
        self.controlPositionsByRisk = controlPositionsByRisk
        self.controlPositionsByComponent = controlPositionsByComponent
        self.risksByControl = risksByControl
    }
}
