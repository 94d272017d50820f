import DASFEngine

/// The portfolio as a heat map: one row per system, one column per component, each cell the
/// state symbol and the count of open (else partial) risks there, so colour is never the only
/// sign; totals per row and per column; unreadable files listed beneath.
public enum PortfolioView {
    /// Widths: the name column takes what the component cells leave.
    struct Columns {
        let name: Int
        let cell: Int
        let totals = 12

        init(width: Int, count: Int) {
            let cells = max(1, count)
            // The name gets 18 columns before the cells grow past 4, and cells stop at 6.
            cell = max(3, min(6, (width - 14 - 18) / cells))
            name = max(8, width - 2 - 12 - cell * cells)
        }
    }

    /// Where the rows go: below the title and column header, above the totals, the unreadable
    /// files, the key bar and the status line.
    static func listRect(_ state: PortfolioState) -> Rect {
        let failureLines = failureLineCount(state)
        let totals = state.view == .grid && !state.rows.isEmpty ? 1 : 0
        let top = 2
        return Rect(x: 0, y: top, width: state.size.width, height: max(1, state.size.height - top - 2 - totals - failureLines))
    }

    static func failureLineCount(_ state: PortfolioState) -> Int {
        let count = state.portfolio.failures.count
        return count == 0 ? 0 : min(count, 3) + 1 + (count > 3 ? 1 : 0)
    }

    public static func render(_ state: PortfolioState) -> Frame {
        var grid = Grid(width: state.size.width, height: state.size.height)
        if Layout.tooSmall(state.size) {
            let text = "enlarge the terminal to at least \(Layout.minimum.width)x\(Layout.minimum.height)"
            grid.text(TextWidth.truncate(text, to: state.size.width, ellipsis: ""), x: 0, y: max(0, state.size.height / 2), style: state.theme.style(.emphasis))
            return Frame(grid: grid, cursor: nil)
        }
        let theme = state.theme
        let summary = state.summary
        let right = "sorted by \(state.order.rawValue)" + (state.filter.isEmpty ? "" : "\(state.glyphs.separator)filter: \(state.filter.label)")
        let bar = Rect(x: 0, y: 0, width: state.size.width, height: 1)
        grid.fill(bar, style: theme.style(.titleBar))
        let rightWidth = min(TextWidth.of(right) + 1, state.size.width / 2)
        grid.text(TextWidth.truncate(" dasf portfolio\(state.glyphs.separator)\(summary)", to: state.size.width - rightWidth - 1, ellipsis: state.glyphs.ellipsis),
                  x: 0, y: 0, style: theme.style(.titleBar), clip: bar)
        grid.text(TextWidth.truncate(right, to: rightWidth - 1, ellipsis: state.glyphs.ellipsis), x: state.size.width - rightWidth, y: 0,
                  style: theme.style(.titleBar), clip: bar)

        var cursor: (x: Int, y: Int)?
        switch state.view {
        case .grid: cursor = drawGrid(state, &grid)
        case .component(let id): cursor = drawComponent(id, state, &grid)
        }
        drawFailures(state, &grid)
        if let prompt = state.prompt {
            cursor = Renderer.promptBar(prompt, size: state.size, theme: theme, &grid)
        } else {
            let keys = Rect(x: 0, y: state.size.height - 2, width: state.size.width, height: 1)
            grid.text(TextWidth.truncate(state.view == .grid ? PortfolioController.keyBar : "↑↓ move  ⏎ open that system at that risk  Esc back  q quit",
                                         to: state.size.width, ellipsis: state.glyphs.ellipsis), x: 0, y: keys.y, style: theme.style(.keyBar), clip: keys)
            let status = Rect(x: 0, y: state.size.height - 1, width: state.size.width, height: 1)
            grid.text(TextWidth.truncate(state.message ?? describeSelection(state), to: state.size.width, ellipsis: state.glyphs.ellipsis),
                      x: 0, y: status.y, style: state.message == nil ? theme.style(.statusLine) : Style(), clip: status)
        }
        if !state.glyphs.unicode { grid.foldToASCII() }
        return Frame(grid: grid, cursor: cursor)
    }

    /// The cell for one system and component: "✗3" open, "◐2" partial, "✓" done, "·" nothing in
    /// scope, blank where its catalog has no such component.
    static func cell(_ totals: Totals?, _ g: Glyphs) -> (String, Role) {
        guard let t = totals else { return ("", .dim) }
        if t.inScope == 0 { return ("·", .dim) }
        if t.open > 0 { return ("\(g.symbol(.open))\(t.open)", MapView.heat(t)) }
        if t.partial > 0 { return ("\(g.symbol(.partial))\(t.partial)", .heatMedium) }
        return (g.symbol(.mitigated), .heatLow)
    }

    static func drawGrid(_ state: PortfolioState, _ grid: inout Grid) -> (x: Int, y: Int)? {
        let theme = state.theme, g = state.glyphs
        let widths = Columns(width: state.size.width, count: state.columns.count)
        let header = Rect(x: 0, y: 1, width: state.size.width, height: 1)
        grid.text(" " + TextWidth.truncate("system", to: widths.name, ellipsis: g.ellipsis), x: 0, y: 1, style: theme.style(.dim), clip: header)
        for (n, column) in state.columns.enumerated() {
            let text = "\(column.id)"
            let x = 1 + widths.name + n * widths.cell + widths.cell - TextWidth.of(text)
            grid.text(text, x: x, y: 1, style: n == state.column ? theme.style(.selection) : theme.style(.dim), clip: header)
        }
        let totalsX = 1 + widths.name + state.columns.count * widths.cell
        grid.text(" \(g.vertical)  open part", x: totalsX, y: 1, style: theme.style(.dim), clip: header)

        let list = listRect(state)
        if state.rows.isEmpty {
            let text = state.portfolio.systems.isEmpty ? "no save files (*.dasf.json) here" : "no system matches the filter (Esc clears it)"
            grid.text(" " + text, x: 0, y: list.y, style: theme.style(.dim), clip: list)
            return nil
        }
        var cursor: (x: Int, y: Int)?
        for (offset, system) in state.rows.dropFirst(state.top).prefix(list.height).enumerated() {
            let y = list.y + offset, index = state.top + offset
            let selected = index == state.row
            let line = Rect(x: 0, y: y, width: state.size.width, height: 1)
            let name = TextWidth.truncate(system.title, to: widths.name - 1, ellipsis: g.ellipsis)
            var nameStyle = selected && state.column < 0 ? theme.style(.selection) : theme.style(.header)
            if selected { nameStyle.bold = true }
            grid.text((selected ? ">" : " ") + name, x: 0, y: y, style: nameStyle, clip: line)
            if selected && state.column < 0 { cursor = (1, y) }
            for (n, column) in state.columns.enumerated() {
                let (text, role) = cell(system.components[column.id], g)
                let x = 1 + widths.name + n * widths.cell
                var style = theme.style(role == .heatHigh || role == .heatMedium || role == .heatLow ? (role == .heatHigh ? .open : role == .heatMedium ? .partial : .mitigated) : .dim)
                if selected && n == state.column { style = theme.style(.selection); cursor = (x + widths.cell - max(1, TextWidth.of(text)), y) }
                let shown = String(repeating: " ", count: max(0, widths.cell - TextWidth.of(text))) + text
                grid.text(shown, x: x, y: y, style: style, clip: line)
            }
            let t = state.portfolio.total(system, state.columns)
            grid.text(" \(g.vertical) " + pad(t.open, 5) + pad(t.partial, 5), x: totalsX, y: y, style: theme.style(.emphasis), clip: line)
        }
        // Totals per column: open risks over the systems shown.
        let y = list.maxY
        let line = Rect(x: 0, y: y, width: state.size.width, height: 1)
        grid.text(" " + TextWidth.truncate("all \(state.rows.count) open", to: widths.name - 1, ellipsis: g.ellipsis), x: 0, y: y, style: theme.style(.emphasis), clip: line)
        var open = 0, partial = 0
        for (n, t) in state.columnTotals.enumerated() {
            open += t.open
            partial += t.partial
            let text = TextWidth.of("\(t.open)") < widths.cell ? "\(t.open)" : "+"
            grid.text(String(repeating: " ", count: max(0, widths.cell - TextWidth.of(text))) + text, x: 1 + widths.name + n * widths.cell, y: y,
                      style: theme.style(t.open > 0 ? .open : .dim), clip: line)
        }
        grid.text(" \(g.vertical) " + pad(open, 5) + pad(partial, 5), x: totalsX, y: y, style: theme.style(.emphasis), clip: line)
        return cursor
    }

    static func drawComponent(_ id: Int, _ state: PortfolioState, _ grid: inout Grid) -> (x: Int, y: Int)? {
        let theme = state.theme, g = state.glyphs
        let column = state.portfolio.columns.first { $0.id == id }
        let lines = state.componentLines
        let systems = Set(lines.map(\.system.path)).count
        let header = Rect(x: 0, y: 1, width: state.size.width, height: 1)
        grid.text(TextWidth.truncate(" \(id) \(column?.name ?? "")\(g.separator)\(lines.count) open or partial, in \(systems) of \(state.rows.count) systems",
                                     to: state.size.width - 1, ellipsis: g.ellipsis), x: 0, y: 1, style: theme.style(.header), clip: header)
        let list = listRect(state)
        if lines.isEmpty {
            grid.text(" every system has this component's risks mitigated, treated or out of scope", x: 0, y: list.y, style: theme.style(.dim), clip: list)
            return nil
        }
        var cursor: (x: Int, y: Int)?
        let systemWidth = max(12, state.size.width / 3)
        for (offset, entry) in lines.dropFirst(state.top).prefix(list.height).enumerated() {
            let y = list.y + offset, selected = state.top + offset == state.row
            let line = Rect(x: 0, y: y, width: state.size.width, height: 1)
            let symbol = g.symbol(entry.partial ? RiskState.partial : .open)
            let style = selected ? theme.style(.selection) : Style()
            if selected { grid.fill(line, style: style); cursor = (1, y) }
            grid.text((selected ? ">" : " ") + symbol + " ", x: 0, y: y, style: selected ? style : theme.style(entry.partial ? .partial : .open), clip: line)
            // The risk is named on the first of its lines (and at the top of the screen).
            let index = state.top + offset
            if index == state.top || lines[index - 1].risk != entry.risk || selected {
                let title = state.portfolio.riskTitles[entry.risk] ?? ""
                let riskWidth = state.size.width - 4 - systemWidth - 2
                grid.text(TextWidth.truncate("\(entry.risk) \(title)", to: riskWidth, ellipsis: g.ellipsis), x: 4, y: y, style: style, clip: line)
            }
            grid.text(TextWidth.truncate(entry.system.title, to: systemWidth, ellipsis: g.ellipsis), x: state.size.width - systemWidth - 1, y: y,
                      style: selected ? style : theme.style(.header), clip: line)
        }
        return cursor
    }

    static func drawFailures(_ state: PortfolioState, _ grid: inout Grid) {
        let failures = state.portfolio.failures
        guard !failures.isEmpty else { return }
        let theme = state.theme, g = state.glyphs
        var y = state.size.height - 2 - failureLineCount(state)
        let width = state.size.width
        grid.text(" \(failures.count) file\(failures.count == 1 ? "" : "s") could not be read:", x: 0, y: y, style: theme.style(.open))
        for failure in failures.prefix(3) {
            y += 1
            grid.text(TextWidth.truncate(" \(g.symbol(.open)) \(failure.path): \(failure.reason)", to: width, ellipsis: g.ellipsis), x: 0, y: y, style: theme.style(.dim))
        }
        if failures.count > 3 {
            grid.text(" +\(failures.count - 3) more (dasf portfolio --format md lists every one)", x: 0, y: y + 1, style: theme.style(.dim))
        }
    }

    /// The status line without a message: what the selected cell holds, in words.
    static func describeSelection(_ state: PortfolioState) -> String {
        switch state.view {
        case .grid:
            guard state.rows.indices.contains(state.row) else { return state.summary }
            let system = state.rows[state.row]
            guard state.columns.indices.contains(state.column) else {
                let t = system.overall
                return "\(system.title)\(state.glyphs.separator)\(system.catalogID)\(state.glyphs.separator)\(t.open) open, \(t.partial) partial of \(t.inScope) in scope\(state.glyphs.separator)\(system.path)"
            }
            let column = state.columns[state.column]
            guard let t = system.components[column.id] else { return "\(system.title): its catalog has no component \(column.id)" }
            return "\(system.title)\(state.glyphs.separator)\(column.id) \(column.name): \(t.open) open, \(t.partial) partial of \(t.inScope) in scope"
        case .component:
            let lines = state.componentLines
            guard lines.indices.contains(state.row) else { return "" }
            let entry = lines[state.row]
            return "\(entry.system.title): \(entry.risk) is \(entry.partial ? "partial" : "open")\(state.glyphs.separator)\(entry.system.path)"
        }
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let text = "\(n)"
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
