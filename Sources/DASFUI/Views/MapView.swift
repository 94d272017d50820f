import DASFEngine
import Foundation

/// The home screen: the architecture as boxes, each with its counts, coloured by heat and marked
/// with a symbol, under stage headers with their totals.
enum MapView {
    static func draw(_ state: AppState, into grid: inout Grid) -> (x: Int, y: Int)? {
        let layout = MapLayout(catalog: state.catalog, size: state.size)
        let theme = state.theme, glyphs = state.glyphs
        for header in layout.headers {
            let totals = state.scorecard.totals(ofStage: header.stage.id) ?? Totals()
            let name = header.stage.name.uppercased(), short = header.stage.short.uppercased(), count = "\(totals.inScope)/\(totals.risks)"
            // The full name with its words, then the full name, then the short one: never a cut
            // that leaves "MODEL D…" to guess at.
            let room = header.rect.width - 2
            let choices = [" \(name)  \(count) in scope ", " \(name) \(count) ", " \(short) \(count) in scope ", " \(short) \(count) ", " \(short) "]
            let label = choices.first { TextWidth.of($0) <= room } ?? " \(short) \(count) "
            grid.fill(header.rect, with: glyphs.horizontal, style: theme.style(.border))
            grid.text(String(glyphs.horizontal) + String(glyphs.horizontal), x: header.rect.x, y: header.rect.y, style: theme.style(.border), clip: header.rect)
            grid.text(TextWidth.truncate(label, to: header.rect.width - 2, ellipsis: glyphs.ellipsis), x: header.rect.x + 2, y: header.rect.y,
                      style: theme.style(.stageHeader), clip: header.rect)
        }
        var cursor: (x: Int, y: Int)?
        for (index, box) in layout.boxes.enumerated() {
            let selected = index == state.place.selected
            let totals = state.scorecard.totals(ofComponent: box.component.id) ?? Totals()
            drawBox(box, totals: totals, selected: selected, state: state, into: &grid)
            if selected { cursor = (box.rect.x + 2, box.rect.y) }
        }
        // Presenting one stage at a time: the others stay in view, dimmed and without colour.
        if let lit = state.presenting?.litStage {
            let dimmed = Style(dim: true)
            for header in layout.headers where header.stage.id != lit { grid.restyle(header.rect) { $0 = dimmed } }
            for box in layout.boxes where box.component.stage != lit { grid.restyle(box.rect) { $0 = dimmed } }
        }
        return cursor
    }

    static func presentedLines(_ t: Totals, inner: Rect, heat: Role, state: AppState) -> [Line] {
        let theme = state.theme, g = state.glyphs
        let treated = t.accepted + t.transferred + t.avoided
        let words: Line = [Span("\(g.symbol(.open)) \(t.open) open  ", theme.style(.open)), Span("\(g.symbol(.partial)) \(t.partial) partial  ", theme.style(.partial)),
                           Span("\(g.symbol(.mitigated)) \(t.mitigated + treated) done", theme.style(.mitigated))]
        let short: Line = [Span("\(g.symbol(.open))\(t.open) ", theme.style(.open)), Span("\(g.symbol(.partial))\(t.partial) ", theme.style(.partial)),
                           Span("\(g.symbol(.mitigated))\(t.mitigated + treated)", theme.style(.mitigated))]
        let fits = words.reduce(0) { $0 + TextWidth.of($1.text) } <= inner.width
        let done = t.inScope == 0 ? 0 : Double(t.mitigated + treated) / Double(t.inScope)
        let bar: Line = [Span(g.bar(done, width: max(0, min(inner.width - 5, 24))), theme.style(heat)),
                         Span(percent(done), theme.style(.emphasis))]
        return [fits ? words : short, bar]
    }

    /// " 42%", the number right-aligned in three columns. Not `String(format:)`: its first use
    /// costs the first frame over a million instructions of Foundation's locale set-up.
    static func percent(_ done: Double) -> String {
        let number = String(Int((done * 100).rounded()))
        return TextWidth.repeated(" ", 4 - number.utf8.count) + number + "%"
    }

    /// The sub-components inside their component's box: one line each with what is open where
    /// the box has room for all of them and a bar beneath, else their ids on one line, so a part
    /// is never left out without a word.
    static func partLines(_ component: Component, inner: Rect, used: Int, state: AppState) -> [Line] {
        guard !component.parts.isEmpty else { return [] }
        let theme = state.theme, g = state.glyphs
        if inner.height - used >= component.parts.count + 1 {
            return component.parts.map { part in
                let t = state.scorecard.totals(ofPart: part.id) ?? Totals()
                let counts = "\(g.symbol(.open))\(t.open) \(g.symbol(.partial))\(t.partial)"
                let room = inner.width - TextWidth.of(part.id) - TextWidth.of(counts) - 2
                let name = TextWidth.of(part.name) <= room ? part.name : TextWidth.of(part.short) <= room ? part.short : ""
                let gap = max(1, inner.width - TextWidth.of(part.id) - 1 - TextWidth.of(name) - TextWidth.of(counts))
                return [Span(part.id + " ", theme.style(.emphasis)), Span(name + TextWidth.repeated(" ", gap)),
                        Span(counts, theme.style(t.open > 0 ? .open : t.partial > 0 ? .partial : .dim))]
            }
        }
        guard inner.height - used >= 2 else { return [] }
        return [[Span("parts " + component.parts.map(\.id).joined(separator: " "), theme.style(.dim))]]
    }

    static func heat(_ t: Totals) -> Role {
        if t.inScope == 0 { return .heatNone }
        if t.open * 2 >= t.inScope && t.open > 0 { return .heatHigh }
        if t.open > 0 || t.partial > 0 { return .heatMedium }
        return .heatLow
    }

    static func heatSymbol(_ t: Totals, _ glyphs: Glyphs) -> String {
        if t.inScope == 0 { return glyphs.symbol(.outOfScope) }
        if t.open > 0 { return glyphs.symbol(.open) }
        if t.partial > 0 { return glyphs.symbol(.partial) }
        return glyphs.symbol(.mitigated)
    }

    static func drawBox(_ box: MapLayout.Box, totals t: Totals, selected: Bool, state: AppState, into grid: inout Grid) {
        let r = box.rect, theme = state.theme, g = state.glyphs
        guard r.width >= 4, r.height >= 2 else { return }
        let heatRole = heat(t)
        var border = theme.style(heatRole)
        if selected { border.bold = true }
        let h = selected ? g.heavyHorizontal : g.horizontal
        // The lines are filled, not built as strings: String(repeating:count:) was a fifth of
        // drawing the map. Corners after the fill, so a wide character cut by it is cleared.
        grid.fill(Rect(x: r.x + 1, y: r.y, width: r.width - 2, height: 1), with: h, style: border)
        grid.fill(Rect(x: r.x + 1, y: r.maxY - 1, width: r.width - 2, height: 1), with: h, style: border)
        grid.text(String(g.topLeft), x: r.x, y: r.y, style: border, clip: r)
        grid.text(String(g.topRight), x: r.maxX - 1, y: r.y, style: border, clip: r)
        grid.text(String(g.bottomLeft), x: r.x, y: r.maxY - 1, style: border, clip: r)
        grid.text(String(g.bottomRight), x: r.maxX - 1, y: r.maxY - 1, style: border, clip: r)
        grid.fill(Rect(x: r.x, y: r.y + 1, width: 1, height: r.height - 2), with: g.vertical, style: border)
        grid.fill(Rect(x: r.maxX - 1, y: r.y + 1, width: 1, height: r.height - 2), with: g.vertical, style: border)
        var title = theme.style(.header)
        if selected { title = theme.style(.selection); title.bold = true }
        // The component's risks as a set only when some comment is open: most files have none.
        let open = state.assessment.comments.contains { !$0.resolved }
        let risks = open ? Set(state.catalog.risks(inComponent: box.component.id).map(\.id)) : []
        let comments = !open ? 0 : state.assessment.comments.filter { comment in
            guard !comment.resolved else { return false }
            switch comment.target {
            case .risk(let id): return risks.contains(id)
            case .control(let id): return state.catalog.risks(mitigatedBy: id).contains { risks.contains($0.id) }
            }
        }.count
        let marker = comments > 0 ? " \(g.unicode ? "✎" : "#")\(comments)" : ""
        let inner = Rect(x: r.x + 2, y: r.y + 1, width: r.width - 4, height: r.height - 2)
        // The full name in the border, else inside on a line of its own, else the short label
        // (which keeps the word that tells 9 from 10) in the border or inside.
        func inBorder(_ name: String) -> String { " \(heatSymbol(t, g)) \(box.component.id) \(name)\(marker) " }
        let name = box.component.name, short = box.component.short
        let fitsBorder = { (text: String) in TextWidth.of(inBorder(text)) <= r.width - 4 }
        let borderName: String? = fitsBorder(name) ? name : TextWidth.of(name) <= inner.width ? nil : fitsBorder(short) ? short : nil
        let label = borderName.map(inBorder) ?? " \(heatSymbol(t, g)) \(box.component.id)\(marker) "
        grid.text(label, x: r.x + 2, y: r.y, style: title, clip: r)

        var lines: [Line] = []
        if borderName == nil { lines.append([Span(TextWidth.of(name) <= inner.width ? name : short, theme.style(.header))]) }
        if state.presenting != nil {
            // For the back of a room: the name, the counts in words where they fit, the bar.
            lines += presentedLines(t, inner: inner, heat: heatRole, state: state)
            lines += partLines(box.component, inner: inner, used: lines.count, state: state)
            for (n, line) in lines.prefix(inner.height).enumerated() {
                grid.draw(line, in: inner.rows(from: n, count: 1), ellipsis: g.unicode ? "…" : "~")
            }
            return
        }
        let noun = t.risks == 1 ? "risk" : "risks"
        let choices = t.inScope == t.risks ? ["\(t.risks) \(noun)"]
            : ["\(t.inScope) of \(t.risks) in scope", "\(t.inScope)/\(t.risks) in scope", "\(t.inScope)/\(t.risks) \(noun)", "\(t.inScope)/\(t.risks)"]
        let inScope = choices.first { TextWidth.of($0) <= inner.width } ?? choices[choices.count - 1]
        lines.append([Span(inScope, theme.style(.emphasis))])
        var counts: Line = [
            Span("\(g.symbol(.open))\(t.open) ", theme.style(.open)), Span("\(g.symbol(.partial))\(t.partial) ", theme.style(.partial)),
            Span("\(g.symbol(.mitigated))\(t.mitigated) ", theme.style(.mitigated)),
        ]
        let treated = t.accepted + t.transferred + t.avoided
        if treated > 0 { counts.append(Span("\(g.symbol(.accepted))\(treated) ", theme.style(.treated))) }
        if t.notApplicable > 0 { counts.append(Span("\(g.symbol(RiskState.notApplicable))\(t.notApplicable) ", theme.style(.dim))) }
        lines.append(counts)
        lines += partLines(box.component, inner: inner, used: lines.count, state: state)
        // Activity beside the result: risks nobody has looked at, and controls past review.
        var follow: Line = []
        if t.unassessed > 0 { follow.append(Span("?\(t.unassessed) unassessed ", theme.style(.dim))) }
        if t.stale > 0 { follow.append(Span("!\(t.stale) stale", theme.style(.open))) }
        if !follow.isEmpty && inner.height >= 5 { lines.append(follow) }
        if inner.height > lines.count {
            let done = t.inScope == 0 ? 0 : Double(t.mitigated + treated) / Double(t.inScope)
            let barWidth = max(0, min(inner.width - 5, 24))
            // The percentage in the bar's own style: the figure reads the same, and the terminal
            // is not sent an attribute change to a plain style and back to the border's for it
            // (two of the frame's costliest escape sequences per box, about 0.14 M instructions
            // of ncurses' refresh on the first frame).
            lines.append([Span(g.bar(done, width: barWidth) + percent(done), theme.style(heatRole))])
        }
        if inner.height >= lines.count + 3 {
            // Positions and states, not copies of each risk (a copy retains a dozen strings).
            let all = state.catalog.risks
            let needing = state.catalog.riskPositions(inComponent: box.component.id).compactMap { i -> (Int, RiskState)? in
                guard let e = state.scorecard.evaluation(ofRisk: all[i].id), e.state == .open || e.state == .partial else { return nil }
                return (i, e.state)
            }
            if !needing.isEmpty {
                lines.append([])
                let room = inner.height - lines.count
                let shown = needing.count > room ? room - 1 : room
                for (i, riskState) in needing.prefix(max(0, shown)) {
                    lines.append([Span(g.symbol(riskState) + " ", theme.style(for: riskState)),
                                  Span(TextWidth.truncate("\(all[i].id) \(all[i].title)", to: inner.width - 2, ellipsis: g.ellipsis))])
                }
                if needing.count > room { lines.append([Span("+\(needing.count - max(0, shown)) more", theme.style(.dim))]) }
            }
        }
        for (n, line) in lines.prefix(inner.height).enumerated() {
            grid.draw(line, in: inner.rows(from: n, count: 1), ellipsis: state.glyphs.unicode ? "…" : "~")
        }
    }
}
