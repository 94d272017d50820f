/// A version of the framework: its stages, components, risks, controls and the mapping between
/// them. Immutable once loaded and validated; lookups by id are constant time.
public struct Catalog: Sendable {
    public let id: String
    public let version: String
    public let title: String
    /// Where the facts come from, as the licence asks us to say.
    public let source: String
    public let licence: String
    /// True when the mapping was derived by us rather than published (DASF 1.0).
    public let derived: Bool
    public let notes: [String]
    /// Per earlier catalog id, the controls whose meaning differs from that catalog's.
    public let meaningChanged: [String: [String]]
    public let frameworks: [Framework]
    public let deploymentModels: [DeploymentModel]
    public let stages: [Stage]
    public let components: [Component]
    public let risks: [Risk]
    public let controls: [Control]
    /// "sha256:<hex>" of the catalog's bytes; a save file records it to notice a changed catalog.
    public let digest: String
    /// Overlays applied on top, in order (`Catalog.applying`); the digest stays the base's.
    public let overlays: [OverlayReference]

    private let riskIndex: [String: Int]
    private let controlIndex: [String: Int]
    // Per component, by its position in `components` (found by a scan: a catalog has a dozen).
    // Arrays, not dictionaries keyed by Int: the first Int-keyed table of a process cost it a
    // search of every conformance record in the binary (0.43 M instructions) before the map's
    // first frame.
    private let risksByComponent: [[Int]]
    /// Per control position, the risks mapped to it.
    private let risksByControl: [[Int]]
    /// Per risk, the positions of its mapped controls in `controls`: scoring works on positions,
    /// not strings, because it runs after every key press.
    let controlPositionsByRisk: [[Int]]
    /// Per component position, the distinct positions of the controls mapped to its risks, sorted.
    let controlPositionsByComponent: [[Int]]
    /// Per risk, the position of its component in `components`, or nil for an unknown one.
    let componentPositionByRisk: [Int?]

    /// Builds the lookup tables, from `positions` when they were worked out ahead (the built-in
    /// catalogs). Callers validate first (`Catalog.load` does); duplicate ids keep their first
    /// occurrence.
    init(file: CatalogFile, digest: String, overlays: [OverlayReference] = [], positions: CatalogPositions? = nil) {
        self.overlays = overlays
        id = file.id
        version = file.version
        title = file.title
        source = file.source
        licence = file.licence
        derived = file.derived
        notes = file.notes
        meaningChanged = file.meaningChanged
        frameworks = file.frameworks
        deploymentModels = file.deploymentModels
        stages = file.stages
        components = file.components
        risks = file.risks
        controls = file.controls
        self.digest = digest
        // One hash per id (a look before each insert was two, on the way to the first frame).
        riskIndex = Dictionary(file.risks.indices.map { (file.risks[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        controlIndex = Dictionary(file.controls.indices.map { (file.controls[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        let positions = positions ?? CatalogPositions(of: file)
        risksByComponent = positions.risksByComponent
        risksByControl = positions.risksByControl
        controlPositionsByRisk = positions.controlPositionsByRisk
        controlPositionsByComponent = positions.controlPositionsByComponent
        componentPositionByRisk = positions.componentPositionByRisk
    }

    /// The positions the tables hold (for the test of those written ahead).
    var positions: CatalogPositions {
        CatalogPositions(risksByComponent: risksByComponent, componentPositionByRisk: componentPositionByRisk, controlPositionsByRisk: controlPositionsByRisk,
                         controlPositionsByComponent: controlPositionsByComponent, risksByControl: risksByControl)
    }

    /// Where component `id` is in `components`.
    func componentPosition(_ id: Int) -> Int? { components.firstIndex { $0.id == id } }

    public func risk(_ id: String) -> Risk? { riskIndex[id].map { risks[$0] } }
    public func control(_ id: String) -> Control? { controlIndex[id].map { controls[$0] } }
    public func component(_ id: Int) -> Component? { componentPosition(id).map { components[$0] } }
    public func stage(_ id: String) -> Stage? { stages.first { $0.id == id } }
    public func deploymentModel(_ id: String) -> DeploymentModel? { deploymentModels.first { $0.id == id } }
    public func framework(_ id: String) -> Framework? { frameworks.first { $0.id == id } }

    /// The risks of one component, in catalog order.
    public func risks(inComponent id: Int) -> [Risk] {
        componentPosition(id).map { risksByComponent[$0].map { risks[$0] } } ?? []
    }

    /// Where in `risks` the risks of one component are, in catalog order: for reading a field or
    /// two of each without copying every risk (the map's boxes, on the way to the first frame).
    public func riskPositions(inComponent id: Int) -> [Int] {
        componentPosition(id).map { risksByComponent[$0] } ?? []
    }

    /// The components of one stage, in catalog order.
    public func components(inStage id: String) -> [Component] {
        components.filter { $0.stage == id }
    }

    /// How many risks a control is mapped to, without building the list.
    public func riskCount(mitigatedBy controlID: String) -> Int { controlIndex[controlID].map { risksByControl[$0].count } ?? 0 }

    /// Each control that mitigates a risk of component `number`, once, in catalog order, with how
    /// many of the component's risks it mitigates: what deciding a whole component means.
    public func controls(ofComponent number: Int) -> [(id: String, risks: Int)] {
        var counts: [String: Int] = [:]
        for risk in risks where risk.component == number {
            for control in Set(risk.controls) { counts[control, default: 0] += 1 }
        }
        return controls.compactMap { control in counts[control.id].map { (control.id, $0) } }
    }

    /// Every risk a control is mapped to: what implementing it buys.
    public func risks(mitigatedBy controlID: String) -> [Risk] {
        (controlIndex[controlID].map { risksByControl[$0] } ?? []).map { risks[$0] }
    }

    /// The title with the overlays applied on top ("… 2.0 + acme"): what people are told they
    /// are looking at.
    public var fullTitle: String {
        overlays.isEmpty ? title : title + " + " + overlays.map(\.id).joined(separator: " + ")
    }

    /// The reference a save file keeps to say which catalog it was made with.
    public var reference: CatalogReference {
        var reference = CatalogReference(id: id, version: version, digest: digest)
        reference.overlays = overlays
        return reference
    }
}
