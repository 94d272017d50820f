import DASFEngine

/// Draws the whole screen from the state. Called after every action; the backend sends only the
/// cells that changed.
public enum Renderer {
    public static func render(_ state: AppState) -> Frame {
        // Before a room every screen draws the room's copy, so no view can show a private field.
        let state = state.shownToRoom()
        var grid = Grid(width: state.size.width, height: state.size.height)
        if Layout.tooSmall(state.size) {
            return Frame(grid: tooSmall(state, grid), cursor: nil)
        }
        titleBar(state, &grid)
        var cursor: (x: Int, y: Int)?
        switch state.screen {
        case .map: cursor = MapView.draw(state, into: &grid)
        default: cursor = list(state, &grid)
        }
        if let prompt = state.prompt {
            cursor = promptBar(prompt, state, &grid)
        } else {
            keyBar(state, &grid)
            statusLine(state, &grid)
        }
        if !state.glyphs.unicode { grid.foldToASCII() }
        return Frame(grid: grid, cursor: cursor)
    }

    static func tooSmall(_ state: AppState, _ grid: Grid) -> Grid {
        var grid = grid
        let min = Layout.minimum
        let lines = ["enlarge the terminal to at least \(min.width)\(state.glyphs.unicode ? "×" : "x")\(min.height)",
                     "(now \(state.size.width)\(state.glyphs.unicode ? "×" : "x")\(state.size.height))"]
        let top = max(0, state.size.height / 2 - 1)
        for (n, line) in lines.enumerated() {
            let wrapped = TextWidth.truncate(line, to: state.size.width, ellipsis: "")
            let x = max(0, (state.size.width - TextWidth.of(wrapped)) / 2)
            grid.text(wrapped, x: x, y: top + n, style: state.theme.style(.emphasis))
        }
        return grid
    }

    static func titleBar(_ state: AppState, _ grid: inout Grid) {
        let theme = state.theme, g = state.glyphs, t = state.scorecard.overall
        let bar = Rect(x: 0, y: 0, width: state.size.width, height: 1)
        grid.fill(bar, style: theme.style(.titleBar))
        let scope = state.assessment.scope.isAll ? "all models"
            : state.assessment.scope.deploymentModels.map { state.catalog.deploymentModel($0)?.name ?? $0 }.joined(by: ", ")
        let right = state.size.width >= 120
            ? " \(t.inScope) in scope\(g.separator)\(g.symbol(.open))\(t.open) open \(g.symbol(.partial))\(t.partial) partial \(g.symbol(.mitigated))\(t.mitigated) mitigated "
            : " \(t.inScope) in scope \(g.symbol(.open))\(t.open) \(g.symbol(.partial))\(t.partial) \(g.symbol(.mitigated))\(t.mitigated) "
        let catalogName = "DASF \(state.catalog.version)" + (state.catalog.id.hasPrefix("dasf-") ? "" : " (\(state.catalog.id))")
            + state.catalog.overlays.map { "+\($0.id)" }.joined(by: "")
        let owner = state.assessment.useCase.businessOwner.map { " (owner: \($0))" } ?? ""
        // What changes how the screen may be used comes first, so it survives truncation.
        let conflicts = state.assessment.conflicts.isEmpty ? "" : "\(g.separator)\(state.assessment.conflicts.count) CONFLICTS (!)"
        let readOnly = state.presenting != nil ? "\(g.separator)PRESENTING"
            : state.readOnly ? "\(g.separator)READ-ONLY" + (state.review ? " (comments allowed)" : "") : ""
        let rightWidth = TextWidth.of(right)
        let leftRoom = state.size.width - rightWidth - 1
        // By priority: the markers (never cut), the title (down to a dozen columns), the catalog
        // (whole or not at all), the scope (cut last), the business owner (first to go).
        let fixed = " dasf\(g.separator)", markers = readOnly + conflicts
        let catalogPart = "\(g.separator)\(catalogName)", scopePart = "\(g.separator)scope: \(scope)"
        let available = leftRoom - TextWidth.of(fixed) - TextWidth.of(markers)
        let title = state.assessment.title
        let titleRoom = min(TextWidth.of(title), max(12, available - TextWidth.of(catalogPart)))
        let titlePart = TextWidth.truncate(title, to: max(0, titleRoom), ellipsis: g.ellipsis)
        var room = available - TextWidth.of(titlePart)
        let catalogShown = TextWidth.of(catalogPart) <= room ? catalogPart : ""
        room -= TextWidth.of(catalogShown)
        let scopeShown = room >= TextWidth.of(g.separator + "scope: ") + 6 ? TextWidth.truncate(scopePart, to: room, ellipsis: g.ellipsis) : ""
        room -= TextWidth.of(scopeShown)
        let ownerShown = TextWidth.of(owner) <= room ? owner : ""
        let left = fixed + titlePart + ownerShown + markers + catalogShown + scopeShown
        grid.text(TextWidth.truncate(left, to: leftRoom, ellipsis: g.ellipsis), x: 0, y: 0, style: theme.style(.titleBar), clip: bar)
        grid.text(right, x: state.size.width - rightWidth, y: 0, style: theme.style(.titleBar), clip: bar)
    }

    static func breadcrumb(_ state: AppState) -> String {
        state.stack.map { Pages.screenName($0.screen) }.joined(by: " > ")
    }

    static func list(_ state: AppState, _ grid: inout Grid) -> (x: Int, y: Int)? {
        let content = Layout.content(state.size)
        let page = Pages.page(state, width: content.width - 2)
        let area = Rect(x: 1, y: content.y, width: content.width - 2, height: content.height)
        let headerHeight = Layout.headerHeight(page, content: content)
        for n in 0..<headerHeight {
            var line = page.header[n]
            if n == headerHeight - 1 && headerHeight < page.header.count {
                line = [Span("\(state.glyphs.ellipsis) more on a larger terminal", state.theme.style(.dim))]
            }
            grid.draw(line, in: area.rows(from: n, count: 1), ellipsis: state.glyphs.unicode ? "…" : "~")
        }
        var top = headerHeight
        if let title = page.listTitle {
            grid.draw(title, in: area.rows(from: top, count: 1))
            top += 1
        }
        let listArea = area.rows(from: top)
        if page.rowCount == 0 {
            grid.text(page.empty, x: listArea.x, y: listArea.y, style: state.theme.style(.dim), clip: listArea)
            return (listArea.x, listArea.y)
        }
        let place = state.place
        var cursor: (x: Int, y: Int)?
        // Ids of the rows, only when something is marked (most frames have no marks).
        let ids: [String] = place.marked.isEmpty ? [] : (state.screen.hasRiskList ? Focus.riskItems(state).map(\.id) : Focus.controlItems(state))
        // "1-19 of 61" sits at the end of the last row, which gives it room rather than being
        // drawn over.
        let position = page.rowCount > listArea.height && listArea.height > 0
            ? " \(place.scroll + 1)-\(min(page.rowCount, place.scroll + listArea.height)) of \(page.rowCount) " : nil
        for row in 0..<listArea.height {
            let index = place.scroll + row
            guard index < page.rowCount else { break }
            var rect = listArea.rows(from: row, count: 1)
            if let position, row == listArea.height - 1 { rect.width = max(0, rect.width - TextWidth.of(position)) }
            grid.draw(page.row(index), in: rect)
            if ids.indices.contains(index), place.marked.contains(ids[index]) {
                grid.text(state.glyphs.unicode ? "▶" : ">", x: 0, y: rect.y, style: state.theme.style(.emphasis))
            }
            if index == place.selected && state.screen != .help {
                let full = Rect(x: 0, y: rect.y, width: state.size.width, height: 1)
                grid.restyle(full) { $0.reverse = true }
                cursor = (rect.x, rect.y)
            }
        }
        if let position {
            grid.text(position, x: area.maxX - TextWidth.of(position), y: listArea.maxY - 1, style: state.theme.style(.dim), clip: area)
        }
        return cursor ?? (listArea.x, listArea.y)
    }

    /// The keys that work here, most useful first. When the row is too narrow, the screen's own
    /// keys give way from the end; the global ones (`? help` above all) are always drawn.
    static func keyBar(_ state: AppState, _ grid: inout Grid) {
        let theme = state.theme, g = state.glyphs
        let row = Rect(x: 0, y: state.size.height - 2, width: state.size.width, height: 1)
        func entry(_ key: String, _ what: String) -> [Span] { [Span(key, theme.style(.keyName)), Span(" " + what + "  ")] }
        var own: [[Span]] = []
        if state.presenting != nil && state.screen == .map { own.append(entry("PgDn/PgUp", "stages")); own.append(entry("9" + (g.unicode ? "⏎" : " Enter"), "component")) }
        if state.screen == .map { own.append(entry(g.arrows, "move")) }
        if state.screen != .map && state.screen != .help { own.append(entry(g.upDown, "move")) }
        if case .conflict = state.save { own.append(entry("Ctrl-W", "overwrite")) }
        if state.search != nil { own.append(entry(KeyMap.searchKeyLabel(on: state.screen, remap: state.keyRemap), "hits")) }
        let globalOnThisScreen: [Command] = state.screen == .map ? [.workshop, .register, .scope, .help, .quit] : [.back, .help, .quit]
        let allBindings = KeyMap.bindings(for: state.screen, remap: state.keyRemap)
        let globalBindings = allBindings.filter { b in KeyMap.global.contains { $0.command == b.command } }
        let bindings = allBindings.filter { b in !KeyMap.global.contains { $0.command == b.command } }
        if !state.readOnly, bindings.contains(where: { if case .setStatus = $0.command { true } else { false } }) {
            own.append(entry("1-4", "status"))
        }
        func allowed(_ binding: Binding) -> Bool {
            let comment = binding.command == .comment || binding.command == .resolveComment
            return !(state.readOnly && binding.command.isEdit && !(comment && state.review))
        }
        func spans(_ binding: Binding) -> [Span] { entry(g.unicode ? binding.label : Pages.asciiLabel(binding.label), short(binding)) }
        own += bindings.filter { $0.inKeyBar && allowed($0) }.map(spans)
        var global = globalBindings.filter { globalOnThisScreen.contains($0.command) && allowed($0) }.map(spans)
        func width(_ list: [[Span]]) -> Int { list.joined().reduce(0) { $0 + TextWidth.of($1.text) } }
        // On a narrow row, the screen's own keys give way first, then the globals but `? help`.
        while !own.isEmpty && width(own) + width(global) > state.size.width + 2 { own.removeLast() }
        if width(global) > state.size.width + 2 { global = global.filter { $0.first?.text == "?" } }
        var line = Array((own + global).joined())
        if let last = line.indices.last { line[last].text = String(line[last].text.dropLast(2)) }
        grid.draw(line, in: row)
    }

    static func short(_ binding: Binding) -> String {
        switch binding.command {
        case .open: "open"
        case .back: "back"
        case .register: "controls"
        case .componentControls: "controls"
        case .scope: "scope"
        case .help: "help"
        case .quit: "quit"
        case .cycleStatus: "cycle"
        case .markNotApplicable: "n/a"
        case .editOwner: "owner"
        case .editEvidence: "evidence"
        case .editNote: "note"
        case .cycleTreatment: "treatment"
        case .markRiskNotApplicable: "n/a"
        case .toggle: "toggle"
        case .assess: "applies"
        case .addThreat: "threat"
        case .removeThreat: "remove threat"
        case .filter: "filter"
        case .mark: "mark"
        case .markRange: "range"
        case .undo: "undo"
        case .workshop: "workshop"
        case .walk: "walk"
        case .right: "next"
        case .left: "previous"
        case .edit: "edit"
        case .targetDate: "target date"
        case .reviewBy: "review by"
        case .verifiedToday: "verified"
        case .comment: "comment"
        case .keepMine: "keep mine"
        case .takeTheirs: "take theirs"
        default: binding.help
        }
    }

    static func statusLine(_ state: AppState, _ grid: inout Grid) {
        let theme = state.theme
        let row = Rect(x: 0, y: state.size.height - 1, width: state.size.width, height: 1)
        let (saveText, saveRole): (String, Role) = {
            // Before a room the line holds still: no save times, only trouble.
            if state.presenting != nil {
                switch state.save {
                case .failed, .conflict: break
                default: return ("presenting", .emphasis)
                }
            }
            switch state.save {
            case .saved(let time): return (time.map { "saved \($0)" } ?? "saved", .statusGood)
            case .pending: return ("saving…", .statusLine)
            case .failed(let reason): return ("NOT SAVED: \(reason)", .statusError)
            case .conflict: return ("NOT SAVED: changed on disk", .statusError)
            case .readOnly: return ("read-only", .emphasis)
            }
        }()
        // The branch beside the save state, where there is room and nobody is watching.
        let vcs = state.presenting == nil && state.size.width >= 60 ? state.versionControl.map { "\($0)\(state.glyphs.separator)" } ?? "" : ""
        let right = " " + vcs + saveText
        let rightWidth = min(TextWidth.of(right), state.size.width / 2)
        var place = breadcrumb(state)
        if state.place.filter != .all { place += " [filter: \(state.place.filter.label)]" }
        if !state.place.marked.isEmpty { place += " [\(state.place.marked.count) marked]" }
        let left = state.message ?? (state.presenting != nil ? place : "\(state.path)\(state.glyphs.separator)\(place)")
        grid.text(TextWidth.truncate(left, to: state.size.width - rightWidth - 1, ellipsis: state.glyphs.ellipsis), x: 0, y: row.y,
                  style: state.message == nil ? theme.style(.statusLine) : Style(), clip: row)
        grid.text(TextWidth.truncate(right, to: rightWidth, ellipsis: state.glyphs.ellipsis), x: state.size.width - rightWidth, y: row.y,
                  style: theme.style(saveRole), clip: row)
    }

    static func promptBar(_ prompt: Prompt, _ state: AppState, _ grid: inout Grid) -> (x: Int, y: Int) {
        promptBar(prompt, size: state.size, theme: state.theme, &grid)
    }

    static func promptBar(_ prompt: Prompt, size: Size, theme: Theme, _ grid: inout Grid) -> (x: Int, y: Int) {
        let state = (size: size, theme: theme)
        let labelRow = Rect(x: 0, y: state.size.height - 2, width: state.size.width, height: 1)
        let inputRow = Rect(x: 0, y: state.size.height - 1, width: state.size.width, height: 1)
        grid.draw([Span(prompt.label, theme.style(.header)), Span("   Enter confirms, Esc cancels", theme.style(.dim))], in: labelRow)
        let room = state.size.width - 3
        let column = prompt.field.cursorColumn
        // Scroll the text so the cursor stays visible.
        var skip = 0
        if column >= room {
            var cells = 0
            for character in prompt.field.text {
                if column - cells < room { break }
                cells += TextWidth.of(character)
                skip += 1
            }
        }
        let shown = String(prompt.field.text.dropFirst(skip))
        let offset = prompt.field.text.prefix(skip).reduce(0) { $0 + TextWidth.of($1) }
        grid.text("> ", x: 0, y: inputRow.y, style: theme.style(.keyName), clip: inputRow)
        grid.fill(Rect(x: 2, y: inputRow.y, width: state.size.width - 2, height: 1), style: theme.style(.prompt))
        grid.text(shown, x: 2, y: inputRow.y, style: theme.style(.prompt), clip: inputRow)
        return (min(state.size.width - 1, 2 + column - offset), inputRow.y)
    }
}
