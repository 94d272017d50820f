import Foundation
import DASFEngine

/// A list screen: a header about the thing on screen, then a list of its parts to move through.
struct Page {
    var header: [Line] = []
    var listTitle: Line?
    /// Rows are built only when drawn: a long list costs what is visible, not its length.
    var rowCount = 0
    var row: (Int) -> Line = { _ in [] }
    var empty: String = "nothing here"

    init(header: [Line] = [], empty: String = "nothing here") {
        self.header = header
        self.empty = empty
    }

    mutating func setRows<Item>(_ items: [Item], _ make: @escaping (Item) -> Line) {
        setRows(count: items.count, item: { items[$0] }, make)
    }

    mutating func setRows<Item>(count: Int, item: @escaping (Int) -> Item, _ make: @escaping (Item) -> Line) {
        rowCount = count
        row = { make(item($0)) }
    }
}

/// The content of every list screen, as a function of the state and the width available.
enum Pages {
    static func page(_ state: AppState, width: Int) -> Page {
        switch state.screen {
        case .map: return Page()
        case .component(let id): return component(id, state, width)
        case .risk(let id): return risk(id, state, width)
        case .control(let id): return control(id, state, width)
        case .register: return register(state, width)
        case .componentControls(let number): return componentControls(number, state, width)
        case .scope: return scope(state, width)
        case .workshop: return workshop(state, width)
        case .useCase: return useCase(state, width)
        case .walk(let n): return walk(n, state, width)
        case .progress: return progress(state, width)
        case .journal: return journal(state, width)
        case .organisational: return organisational(state, width)
        case .conflicts: return conflicts(state, width)
        case .help:
            var page = Page(header: [[Span("Keys of the \(screenName(previous(state))) screen, then those that work everywhere.", state.theme.style(.dim))], []])
            page.setRows(helpLines(state)) { $0 }
            return page
        }
    }

    // MARK: - Component

    static func component(_ id: Int, _ state: AppState, _ width: Int) -> Page {
        let theme = state.theme, glyphs = state.glyphs, catalog = state.catalog
        guard let component = catalog.component(id) else { return Page(empty: "component \(id) is not in the catalog") }
        let totals = state.scorecard.totals(ofComponent: id) ?? Totals()
        var page = Page()
        page.header.append([Span("\(component.id)  \(component.name)", theme.style(.header)),
                            Span(glyphs.separator + (catalog.stage(component.stage)?.name ?? component.stage), theme.style(.dim))])
        for line in TextWidth.wrap(component.summary, width: width) { page.header.append([Span(line, theme.style(.dim))]) }
        page.header.append(totalsLine(totals, state))
        for part in component.parts {
            let t = state.scorecard.totals(ofPart: part.id) ?? Totals()
            page.header.append([Span("  \(part.id) \(part.name): ", theme.style(.dim))] + totalsLine(t, state))
        }
        page.header.append([])
        page.listTitle = Columns.line([("", 1, false, .plain), ("risk", 5, false, theme.style(.dim)), ("title", nil, false, theme.style(.dim)),
                                       ("state", 14, false, theme.style(.dim)), ("cover", 5, true, theme.style(.dim)), ("treatment", 9, false, theme.style(.dim)),
                                       ("", 10, false, .plain)],
                                      width: width, ellipsis: glyphs.ellipsis) 
        page.setRows(Focus.riskItems(state)) { risk in riskRow(risk, state, width) }
        page.empty = "no risk matches the filter \(state.place.filter.label) (f changes it)"
        return page
    }

    // MARK: - Risk

    static func risk(_ id: String, _ state: AppState, _ width: Int) -> Page {
        let theme = state.theme, glyphs = state.glyphs, catalog = state.catalog
        guard let risk = catalog.risk(id), let evaluation = state.scorecard.evaluation(ofRisk: id) else {
            return Page(empty: "risk \(id) is not in the catalog")
        }
        let record = state.assessment.record(forRisk: id)
        var page = Page()
        let stateStyle = theme.style(for: evaluation.state)
        page.header.append([Span(glyphs.symbol(evaluation.state) + " ", stateStyle), Span("\(risk.id)  \(risk.title)", theme.style(.header)),
                            Span("  " + evaluation.state.label, stateStyle), Span(evaluation.state.isInScope ? "  \(percent(evaluation)) covered" : "", theme.style(.dim))])
        let component = catalog.component(risk.component)
        let part = component?.part(risk.part).map { "\(glyphs.separator)\($0.id) \($0.name)" } ?? ""
        page.header.append([Span("Component \(risk.component) \(component?.name ?? "")\(part)\(glyphs.separator)\(catalog.stage(component?.stage ?? "")?.name ?? "")\(risk.revision.isEmpty ? "" : "\(glyphs.separator)since DASF \(risk.revision)")", theme.style(.dim))])
        page.header += labelled("Why", evaluation.explanation + (evaluation.state.isInScope && !evaluation.assessed ? " (unassessed: a says it applies)" : ""), width, theme)
        for threat in record.threats {
            let rating = threat.rating.map { " L\(threat.likelihood ?? 0)×I\(threat.impact ?? 0)=\($0)" } ?? ""
            let target = threat.component.map { $0 == risk.component ? "" : " on component \($0)" } ?? ""
            page.header += labelled("Threat \(threat.id)", threat.text + target + rating, width, theme)
        }
        var treatment = record.treatment.rawValue
        if let rationale = record.rationale { treatment += ": " + rationale }
        page.header += labelled("Treatment", treatment, width, theme)
        if let reason = record.notApplicableReason { page.header += labelled("Not applicable", reason, width, theme) }
        page.header += commentLines(.risk(risk.id), state, width)
        page.header += TextWidth.wrap(risk.description, width: width).map { [Span($0)] }
        let models = risk.deploymentModels.map { model in
            (catalog.deploymentModel(model)?.name ?? model) + (state.assessment.scope.isAll || state.assessment.scope.deploymentModels.contains(model) ? "" : " (not in scope)")
        }
        page.header += labelled("Applies to", models.joined(separator: ", "), width, theme)
        if !risk.impacts.isEmpty { page.header += labelled("Impacts", risk.impacts.joined(separator: ", "), width, theme) }
        for framework in catalog.frameworks {
            if let ids = risk.frameworks[framework.id], !ids.isEmpty {
                page.header += labelled(framework.name, ids.joined(separator: ", "), width, theme)
            }
        }
        page.listTitle = [Span("Mitigating controls (\(risk.controls.count))", theme.style(.header))]
        page.setRows(Focus.controlItems(state)) { controlID in
            let record = state.assessment.record(forControl: controlID)
            return controlRow(controlID, catalog.control(controlID)?.title ?? "", record, extra: record.owner ?? "", state, width)
        }
        page.empty = risk.controls.isEmpty ? "no control in the catalog mitigates this risk" : "no control matches the filter (f changes it)"
        return page
    }

    // MARK: - Control

    static func control(_ id: String, _ state: AppState, _ width: Int) -> Page {
        let theme = state.theme, glyphs = state.glyphs, catalog = state.catalog
        guard let control = catalog.control(id) else { return Page(empty: "control \(id) is not in the catalog") }
        let record = state.assessment.record(forControl: id)
        var page = Page()
        page.header.append([Span(glyphs.symbol(record.status) + " ", theme.style(for: record.status)), Span("\(control.id)  \(control.title)", theme.style(.header)),
                            Span("  " + record.status.label, theme.style(for: record.status))])
        let facts = [control.type, control.responsibility, control.kind, control.revision.isEmpty ? "" : "since DASF \(control.revision)"].filter { !$0.isEmpty }
        page.header.append([Span(facts.joined(separator: glyphs.separator), theme.style(.dim))])
        page.header += labelled("Status", record.status.label + (record.notApplicableReason.map { ": \($0)" } ?? ""), width, theme)
        page.header += labelled("Owner", record.owner ?? "(none: o sets it)", width, theme)
        page.header += labelled("Evidence", record.evidence ?? "(none: e sets it)", width, theme)
        page.header += labelled("Note", record.note ?? "(none: n sets it)", width, theme)
        page.header += commentLines(.control(control.id), state, width)
        let stale = record.isStale(today: state.today) ? "  STALE: past its review date" : ""
        page.header += labelled("Dates", "target \(record.targetDate ?? "-") (d)\(glyphs.separator)review by \(record.reviewBy ?? "-") (r)\(glyphs.separator)last verified \(record.lastVerified ?? "-") (y: today)" + stale, width, theme)
        page.header += TextWidth.wrap(control.description, width: width).map { [Span($0)] }
        for framework in catalog.frameworks {
            if let ids = control.frameworks[framework.id], !ids.isEmpty {
                page.header += labelled(framework.name, ids.joined(separator: ", "), width, theme)
            }
        }
        let count = catalog.riskCount(mitigatedBy: id)
        page.listTitle = [Span("Mitigates \(count) risk\(count == 1 ? "" : "s")", theme.style(.header))]
        page.setRows(Focus.riskItems(state)) { risk in riskRow(risk, state, width) }
        page.empty = "this control mitigates no single risk in the catalog; it supports all of them"
        return page
    }

    // MARK: - Register

    static func register(_ state: AppState, _ width: Int) -> Page {
        let theme = state.theme, glyphs = state.glyphs, catalog = state.catalog
        var page = Page()
        let totals = state.scorecard.overall
        var summary: Line = [Span("\(catalog.controls.count) controls:", theme.style(.header))]
        for status in ControlStatus.allCases.reversed() {
            summary.append(Span("  " + glyphs.symbol(status) + "\(totals.controls(status)) \(status.label)", theme.style(for: status)))
        }
        page.header = [summary, []]
        page.listTitle = Columns.line([("", 1, false, .plain), ("control", 7, false, theme.style(.dim)), ("title", nil, false, theme.style(.dim)),
                                       ("status", 14, false, theme.style(.dim)), ("owner", 12, false, theme.style(.dim)), ("risks", 5, true, theme.style(.dim))],
                                      width: width, ellipsis: glyphs.ellipsis)
        page.setRows(Focus.controlItems(state)) { id in
            let record = state.assessment.record(forControl: id)
            return controlRow(id, catalog.control(id)?.title ?? "", record, extra: record.owner ?? "", state, width,
                              count: catalog.riskCount(mitigatedBy: id))
        }
        page.empty = "no control matches the filter \(state.place.filter.label) (f changes it)"
        return page
    }

    /// One component's controls: deciding these decides the component.
    static func componentControls(_ number: Int, _ state: AppState, _ width: Int) -> Page {
        let theme = state.theme, glyphs = state.glyphs, catalog = state.catalog
        let controls = catalog.controls(ofComponent: number)
        let counts = Dictionary(controls.map { ($0.id, $0.risks) }, uniquingKeysWith: { a, _ in a })
        let riskCount = catalog.risks.filter { $0.component == number }.count
        var page = Page()
        let name = catalog.component(number)?.name ?? "component \(number)"
        let done = controls.filter { [.implemented, .notApplicable].contains(state.assessment.status(of: $0.id)) }.count
        page.header = [[Span("\(number) \(name)", theme.style(.header))],
                       [Span("\(controls.count) controls for its \(riskCount) risks; \(done) implemented or not applicable", theme.style(.dim))], []]
        page.listTitle = Columns.line([("", 1, false, .plain), ("control", 7, false, theme.style(.dim)), ("title", nil, false, theme.style(.dim)),
                                       ("status", 14, false, theme.style(.dim)), ("owner", 12, false, theme.style(.dim)), ("of its", 6, true, theme.style(.dim))],
                                      width: width, ellipsis: glyphs.ellipsis)
        page.setRows(Focus.controlItems(state)) { id in
            let record = state.assessment.record(forControl: id)
            return controlRow(id, catalog.control(id)?.title ?? "", record, extra: record.owner ?? "", state, width, count: counts[id] ?? 0)
        }
        page.empty = "no control matches the filter \(state.place.filter.label) (f changes it)"
        return page
    }

    // MARK: - Scope

    static func scope(_ state: AppState, _ width: Int) -> Page {
        let theme = state.theme, glyphs = state.glyphs, catalog = state.catalog
        let scope = state.assessment.scope, totals = state.scorecard.overall
        var page = Page()
        page.header.append([Span("Deployment models in scope", theme.style(.header)),
                            Span(scope.isAll ? "  (none chosen: all apply)" : "", theme.style(.dim))])
        page.header.append(totalsLine(totals, state))
        var stages: Line = []
        for summary in state.scorecard.stages {
            stages.append(Span((stages.isEmpty ? "" : glyphs.separator) + "\(summary.stage.name) \(summary.totals.inScope)/\(summary.totals.risks)", theme.style(.dim)))
        }
        page.header.append(stages)
        page.header.append([])
        page.setRows(catalog.deploymentModels) { model in
            let on = scope.deploymentModels.contains(model.id)
            let count = catalog.risks.filter { $0.deploymentModels.contains(model.id) }.count
            return Columns.line([(glyphs.checkbox(on), 3, false, on ? theme.style(.emphasis) : .plain), (model.name, 22, false, .plain),
                                 ("\(count) risks", 8, true, theme.style(.dim)), (model.summary, nil, false, theme.style(.dim))],
                                width: width, ellipsis: glyphs.ellipsis)
        }
        return page
    }

    // MARK: - Help

    static func previous(_ state: AppState) -> Screen {
        state.stack.dropLast().last { $0.screen != .help }?.screen ?? .map
    }

    static func helpLines(_ state: AppState) -> [Line] {
        let theme = state.theme
        let screen = previous(state)
        let bindings = KeyMap.bindings(for: screen, remap: state.keyRemap)
        // The global bindings come last (fewer when a remapping took one's only key).
        let globalCount = bindings.reversed().prefix { b in KeyMap.global.contains { $0.command == b.command } }.count
        var lines: [Line] = []
        // Help is wrapped to the screen, never cut: the row count follows the width.
        let room = max(20, state.size.width - 2 - 10)
        if state.presenting != nil {
            lines.append([Span("Presenting: private fields are hidden and edits are off", theme.style(.header))])
            for binding in PresenterController.bindings {
                for (m, part) in TextWidth.wrap(binding.help, width: room).enumerated() {
                    lines.append([Span("  " + (m == 0 ? binding.label : "").padding(toLength: 10, withPad: " ", startingAt: 0), theme.style(.keyName)), Span(part)])
                }
            }
            lines.append([])
        }
        for (n, binding) in bindings.enumerated() {
            if n == bindings.count - globalCount { lines.append([]); lines.append([Span("Everywhere", theme.style(.header))]) }
            let label = state.glyphs.unicode ? binding.label : asciiLabel(binding.label)
            for (m, part) in TextWidth.wrap(binding.help, width: room).enumerated() {
                lines.append([Span("  " + (m == 0 ? label : "").padding(toLength: 8, withPad: " ", startingAt: 0), theme.style(.keyName)), Span(part)])
            }
        }
        lines.append([])
        lines.append([Span("Symbols", theme.style(.header))])
        let g = state.glyphs
        let symbols = [
            "risks: \(g.symbol(.open)) open  \(g.symbol(.partial)) partial  \(g.symbol(.mitigated)) mitigated  \(g.symbol(.accepted)) accepted  \(g.symbol(.transferred)) transferred  \(g.symbol(.avoided)) avoided  \(g.symbol(RiskState.notApplicable)) not applicable  \(g.symbol(.outOfScope)) out of scope",
            "? unassessed: nobody has decided about the risk yet (a, x or t decide)  ! stale: a control past its review date",
            "controls: \(g.symbol(.notStarted)) not started  \(g.symbol(.planned)) planned  \(g.symbol(.inProgress)) in progress  \(g.symbol(.implemented)) implemented  \(g.symbol(ControlStatus.notApplicable)) not applicable",
        ]
        for text in symbols {
            lines += TextWidth.wrap(text, width: room + 6).map { [Span("  " + $0)] }
        }
        lines.append([Span("  Every change is saved automatically; Esc cancels text entry.", theme.style(.dim))])
        return lines
    }

    static func asciiLabel(_ label: String) -> String {
        label.replacingOccurrences(of: "↑", with: "Up").replacingOccurrences(of: "↓", with: "Down")
            .replacingOccurrences(of: "←", with: "Left").replacingOccurrences(of: "→", with: "Right").replacingOccurrences(of: "⏎", with: "Enter")
    }

    static func screenName(_ screen: Screen) -> String {
        switch screen {
        case .map: "map"
        case .component(let id): "component \(id)"
        case .risk(let id): "risk \(id)"
        case .control(let id): id
        case .register: "controls register"
        case .componentControls(let number): "controls of component \(number)"
        case .scope: "scope"
        case .help: "help"
        case .workshop: "workshop"
        case .useCase: "use case"
        case .walk(let n): "walk \(n + 1)"
        case .progress: "progress"
        case .journal: "journal"
        case .organisational: "organisational risks"
        case .conflicts: "conflicts"
        }
    }

    // MARK: - Pieces

    /// Review comments on a risk or control: open ones first, resolved ones dimmed.
    static func commentLines(_ target: Comment.Target, _ state: AppState, _ width: Int) -> [Line] {
        let comments = state.assessment.comments.filter { $0.target == target }.sorted { !$0.resolved && $1.resolved }
        return comments.flatMap { comment -> [Line] in
            let when = comment.at.count >= 16 ? String(comment.at.dropFirst(5).prefix(5)) + " " + String(comment.at.dropFirst(11).prefix(5)) : comment.at
            let label = "Comment \(comment.id)" + (comment.resolved ? " (resolved)" : "")
            let lines = labelled(label, "\(comment.author), \(when): \(comment.text)", width, state.theme)
            return comment.resolved ? lines.map { $0.map { Span($0.text, state.theme.style(.dim)) } } : lines
        }
    }

    static func riskRow(_ risk: Risk, _ state: AppState, _ width: Int) -> Line {
        let theme = state.theme, glyphs = state.glyphs
        guard let evaluation = state.scorecard.evaluation(ofRisk: risk.id) else { return [] }
        let style = theme.style(for: evaluation.state)
        let note = evaluation.state.isInScope && !evaluation.assessed ? "unassessed"
            : evaluation.threatCount > 0 ? "\(evaluation.threatCount) threat\(evaluation.threatCount == 1 ? "" : "s")" : ""
        return Columns.line([
            (glyphs.symbol(evaluation.state), 1, false, style), (risk.id, 5, false, .plain), ((risk.part.isEmpty ? "" : "[\(risk.part)] ") + risk.title, nil, false, .plain),
            (evaluation.state.label, 14, false, style), (percent(evaluation), 5, true, .plain), (evaluation.treatment.rawValue, 9, false, .plain),
            (note, 10, false, theme.style(.dim)),
        ], width: width, ellipsis: glyphs.ellipsis)
    }

    static func controlRow(_ id: String, _ title: String, _ record: ControlRecord, extra: String, _ state: AppState, _ width: Int, count: Int? = nil) -> Line {
        let theme = state.theme, glyphs = state.glyphs
        let style = theme.style(for: record.status)
        let stale = record.isStale(today: state.today)
        var cells: [(String, Int?, Bool, Style)] = [(glyphs.symbol(record.status), 1, false, style), (id, 7, false, .plain), (title, nil, false, .plain),
                                                    (record.status.label + (stale ? " STALE" : ""), 14, false, stale ? theme.style(.open) : style),
                                                    (extra, 12, false, theme.style(.dim))]
        if let count { cells.append(("\(count)", 5, true, theme.style(.dim))) }
        return Columns.line(cells, width: width, ellipsis: glyphs.ellipsis)
    }

    static func labelled(_ label: String, _ text: String, _ width: Int, _ theme: Theme) -> [Line] {
        let indent = TextWidth.of(label) + 2
        let lines = TextWidth.wrap(text, width: max(10, width - indent))
        return lines.enumerated().map { n, line in
            [Span(n == 0 ? label + ": " : String(repeating: " ", count: indent), theme.style(.dim)), Span(line)]
        }
    }

    static func totalsLine(_ t: Totals, _ state: AppState) -> Line {
        let theme = state.theme, g = state.glyphs
        return [
            Span("\(t.risks) risks, \(t.inScope) in scope: ", theme.style(.emphasis)),
            Span("\(g.symbol(.open))\(t.open) open  ", theme.style(.open)),
            Span("\(g.symbol(.partial))\(t.partial) partial  ", theme.style(.partial)),
            Span("\(g.symbol(.mitigated))\(t.mitigated) mitigated  ", theme.style(.mitigated)),
            Span("\(g.symbol(.accepted))\(t.accepted + t.transferred + t.avoided) treated  ", theme.style(.treated)),
            Span("\(g.symbol(RiskState.notApplicable))\(t.notApplicable) n/a  \(g.symbol(.outOfScope))\(t.outOfScope) out of scope", theme.style(.dim)),
        ]
    }

    static func percent(_ evaluation: RiskEvaluation) -> String {
        evaluation.state.isInScope ? "\(Int((evaluation.coverage * 100).rounded()))%" : ""
    }
}
