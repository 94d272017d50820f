import DASFEngine

/// What the portfolio asks of the outside world.
public enum PortfolioEffect: Sendable, Hashable {
    /// Open this system on its map (at a component, or a risk of it); come back on Esc.
    case open(path: String, component: Int?, risk: String?)
    case quit
}

/// The portfolio's keys: one meaning each, on the grid and in an opened component column.
public enum PortfolioController {
    public static let keyBar = "↑↓←→ move  ⏎ open  9 c column  o order  f filter  / search  q quit"

    public static func reduce(_ state: inout PortfolioState, _ key: Key) -> [PortfolioEffect] {
        if case .resize(let size) = key { state.size = size; scroll(&state); return [] }
        if state.prompt != nil { return promptKey(&state, key) }
        state.message = nil
        let count = state.view == .grid ? state.rows.count : state.componentLines.count
        switch key {
        case .up, .character("k"): move(&state, by: -1, count)
        case .down, .character("j"): move(&state, by: 1, count)
        case .pageUp: move(&state, by: -visibleRows(state), count)
        case .pageDown: move(&state, by: visibleRows(state), count)
        case .home, .character("g"): move(&state, by: -count, count)
        case .end, .character("G"): move(&state, by: count, count)
        case .left, .character("h"): if state.view == .grid { state.column = max(-1, state.column - 1); state.number = "" }
        case .right, .character("l"): if state.view == .grid { state.column = min(state.columns.count - 1, state.column + 1); state.number = "" }
        case .character(let c) where c.isASCII && c.isNumber && state.view == .grid:
            // "9" picks component 9; "1" then "0" picks 10 where there is a 10.
            let typed = state.number + String(c)
            if let n = state.columns.firstIndex(where: { "\($0.id)" == typed }) {
                state.column = n
                state.number = state.columns.contains { "\($0.id)".hasPrefix(typed) && "\($0.id)" != typed } ? typed : ""
            } else if let n = state.columns.firstIndex(where: { "\($0.id)" == String(c) }) {
                state.column = n
                state.number = String(c)
            } else {
                state.message = "no component \(typed)"
                state.number = ""
            }
        case .enter:
            return open(&state)
        case .character("c"):
            guard state.view == .grid else { return [] }
            guard state.columns.indices.contains(state.column) else {
                state.message = "pick a component first: ← → or its number, then c"
                return []
            }
            state.gridPlace = (state.row, state.top)
            state.view = .component(state.columns[state.column].id)
            state.row = 0
            state.top = 0
        case .escape, .backspace:
            if state.view != .grid {
                state.view = .grid
                (state.row, state.top) = state.gridPlace
            } else if !state.filter.isEmpty {
                state.set(filter: Portfolio.Filter())
                state.message = "filter cleared"
            }
        case .character("o"):
            let all = Portfolio.Order.allCases
            let next = all[((all.firstIndex(of: state.order) ?? 0) + 1) % all.count]
            state.set(order: next)
            state.message = "sorted by \(next.rawValue)"
        case .character("f"):
            state.prompt = Prompt(purpose: .portfolioFilter, label: "Filter: model:ID owner:NAME catalog:ID stage:ID (empty clears)", text: filterText(state.filter))
        case .character("/"):
            state.prompt = Prompt(purpose: .portfolioSearch, label: "Search system names and paths:", text: state.filter.search ?? "")
        case .character("q"):
            return [.quit]
        case .character(let c):
            state.message = "\(c == " " ? "space" : String(c)) does nothing here"
        default:
            break
        }
        scroll(&state)
        return []
    }

    static func open(_ state: inout PortfolioState) -> [PortfolioEffect] {
        switch state.view {
        case .grid:
            guard state.rows.indices.contains(state.row) else { return [] }
            let component = state.columns.indices.contains(state.column) ? state.columns[state.column].id : nil
            return [.open(path: state.rows[state.row].path, component: component, risk: nil)]
        case .component(let id):
            let lines = state.componentLines
            guard lines.indices.contains(state.row) else { return [] }
            return [.open(path: lines[state.row].system.path, component: id, risk: lines[state.row].risk)]
        }
    }

    static func promptKey(_ state: inout PortfolioState, _ key: Key) -> [PortfolioEffect] {
        guard var prompt = state.prompt else { return [] }
        switch key {
        case .escape:
            state.prompt = nil
            state.message = "cancelled"
        case .enter:
            state.prompt = nil
            let text = prompt.field.text.trimmingCharacters(in: .whitespaces)
            if case .portfolioSearch = prompt.purpose {
                var filter = state.filter
                filter.search = text.isEmpty ? nil : text
                state.set(filter: filter)
            } else {
                do {
                    state.set(filter: try Portfolio.Filter.parse(text))
                } catch {
                    state.message = error.description
                    state.prompt = prompt
                    return []
                }
            }
            state.view = .grid
            state.message = state.filter.isEmpty ? "no filter" : "filter: \(state.filter.label) (\(state.rows.count) of \(state.portfolio.systems.count) systems; Esc clears)"
        default:
            if prompt.field.handle(key) { state.prompt = prompt }
        }
        scroll(&state)
        return []
    }

    static func filterText(_ f: Portfolio.Filter) -> String {
        [f.deploymentModel.map { "model:\($0)" }, f.owner.map { "owner:\($0)" }, f.catalog.map { "catalog:\($0)" }, f.stage.map { "stage:\($0)" }, f.search]
            .compactMap { $0 }.joined(separator: " ")
    }

    static func move(_ state: inout PortfolioState, by delta: Int, _ count: Int) {
        guard count > 0 else { state.row = 0; return }
        state.row = max(0, min(count - 1, state.row + delta))
    }

    /// Rows of systems (or of the component view) the screen shows at once.
    static func visibleRows(_ state: PortfolioState) -> Int { PortfolioView.listRect(state).height }

    static func scroll(_ state: inout PortfolioState) {
        let visible = max(1, visibleRows(state))
        if state.row < state.top { state.top = state.row }
        if state.row >= state.top + visible { state.top = state.row - visible + 1 }
        state.top = max(0, state.top)
    }
}
