import DASFEngine

/// Where each component box and stage header goes on the map, for any catalog and any size.
/// Stages that are not the foundation stand side by side as columns, their components in a grid
/// (two columns for three or more components); foundation stages run beneath, full width.
struct MapLayout {
    struct Box { let component: Component; let rect: Rect }
    struct Header { let stage: Stage; let rect: Rect }

    let boxes: [Box]
    let headers: [Header]

    init(catalog: Catalog, size: Size) {
        let area = Layout.content(size)
        let upper = catalog.stages.filter { !$0.foundation }
        let lower = catalog.stages.filter(\.foundation)
        func members(_ stage: Stage) -> [Component] { catalog.components(inStage: stage.id) }
        let columnsOf: (Stage) -> Int = { members($0).count >= 3 ? 2 : 1 }
        let upperRows = upper.map { (members($0).count + columnsOf($0) - 1) / columnsOf($0) }.max() ?? 0
        let bands = (upperRows > 0 ? upperRows : 0) + lower.count
        let headerRows = (upper.isEmpty ? 0 : 1) + lower.count
        let boxHeight = bands == 0 ? 0 : max(3, (area.height - headerRows) / bands)

        var boxes: [Box] = [], headers: [Header] = []
        let units = upper.reduce(0) { $0 + columnsOf($1) }
        let gap = 1
        var x = area.x, y = area.y
        if units > 0 {
            let unitWidth = (area.width - gap * (units - 1)) / units
            var extra = area.width - gap * (units - 1) - unitWidth * units
            for (n, stage) in upper.enumerated() {
                let columns = columnsOf(stage)
                var width = unitWidth * columns + gap * (columns - 1)
                if n == upper.count - 1 { width += extra; extra = 0 }
                headers.append(Header(stage: stage, rect: Rect(x: x, y: y, width: width, height: 1)))
                let boxWidth = (width - gap * (columns - 1)) / columns
                let rows = (members(stage).count + columns - 1) / columns
                for (index, component) in members(stage).enumerated() {
                    let column = index % columns, row = index / columns
                    let bx = x + column * (boxWidth + gap)
                    let bw = column == columns - 1 ? width - column * (boxWidth + gap) : boxWidth
                    // A stage with fewer rows than its neighbours lets its last row run to the
                    // bottom (a lone agentic AI box gets room for its sub-components).
                    let bh = row == rows - 1 ? (upperRows - row) * boxHeight : boxHeight
                    boxes.append(Box(component: component, rect: Rect(x: bx, y: y + 1 + row * boxHeight, width: bw, height: bh)))
                }
                x += width + gap
            }
            y += 1 + upperRows * boxHeight
        }
        for stage in lower {
            let parts = members(stage)
            headers.append(Header(stage: stage, rect: Rect(x: area.x, y: y, width: area.width, height: 1)))
            let count = max(1, parts.count)
            let boxWidth = (area.width - gap * (count - 1)) / count
            for (index, component) in parts.enumerated() {
                let bx = area.x + index * (boxWidth + gap)
                let bw = index == count - 1 ? area.maxX - bx : boxWidth
                let remaining = area.maxY - (y + 1)
                boxes.append(Box(component: component, rect: Rect(x: bx, y: y + 1, width: bw, height: stage == lower.last ? max(boxHeight, remaining) : boxHeight)))
            }
            y += 1 + boxHeight
        }
        // Boxes are kept in catalog order so the selection index is the component's position.
        // Positions found by a scan, not a dictionary keyed by Int: a process's first Int-keyed
        // dictionary costs a search of every conformance record (0.4 M instructions).
        let positions = boxes.map { box in catalog.components.firstIndex { $0.id == box.component.id } ?? 0 }
        self.boxes = boxes.indices.sorted { positions[$0] < positions[$1] }.map { boxes[$0] }
        self.headers = headers
    }
}

/// Arrow keys on the map follow the picture: the nearest box in that direction.
enum MapNavigation {
    static func move(_ state: inout AppState, _ command: Command) {
        let boxes = MapLayout(catalog: state.catalog, size: state.size).boxes
        guard boxes.indices.contains(state.place.selected) else { return }
        let from = boxes[state.place.selected].rect
        var best: (index: Int, score: Int)?
        for (index, box) in boxes.enumerated() where index != state.place.selected {
            let to = box.rect
            let primary: Int, overlap: Bool
            switch command {
            case .left: primary = from.x - to.maxX; overlap = to.y < from.maxY && to.maxY > from.y
            case .right: primary = to.x - from.maxX; overlap = to.y < from.maxY && to.maxY > from.y
            case .up: primary = from.y - to.maxY; overlap = to.x < from.maxX && to.maxX > from.x
            case .down: primary = to.y - from.maxY; overlap = to.x < from.maxX && to.maxX > from.x
            default: return
            }
            guard primary >= 0 else { continue }
            let secondary = command == .left || command == .right
                ? abs(to.center.y - from.center.y) : abs(to.center.x - from.center.x)
            let score = primary * 4 + secondary + (overlap ? 0 : 1000)
            if best == nil || score < best!.score { best = (index, score) }
        }
        if let best { state.place.selected = best.index }
    }
}
