import DASFEngine

/// The speaker's notes: on the facilitator's own screen, following what the projector shows.
/// For the stage, component or risk on the projector: talking points and questions from the
/// catalog, what is still open there, and the private fields the room does not see; with the
/// time on this screen and in the session. Pure: a function of its input, drawn into a grid.
public struct NotesInput: Sendable {
    public var catalog: Catalog
    /// The whole assessment (private fields included: this screen is the facilitator's).
    public var assessment: Assessment
    public var scorecard: Scorecard
    public var message: PresenterMessage?
    /// Whether the presenter that wrote `message` still runs.
    public var running: Bool
    /// Seconds since 1970.
    public var now: Double
    public var size: Size
    public var theme: Theme
    public var glyphs: Glyphs

    public init(catalog: Catalog, assessment: Assessment, scorecard: Scorecard, message: PresenterMessage?, running: Bool, now: Double,
                size: Size, theme: Theme, glyphs: Glyphs) {
        self.catalog = catalog
        self.assessment = assessment
        self.scorecard = scorecard
        self.message = message
        self.running = running
        self.now = now
        self.size = size
        self.theme = theme
        self.glyphs = glyphs
    }
}

public enum NotesView {
    public static func render(_ input: NotesInput) -> Frame {
        var grid = Grid(width: input.size.width, height: input.size.height)
        guard input.size.width >= 40, input.size.height >= 10 else {
            grid.text("enlarge the terminal", x: 0, y: 0, style: input.theme.style(.emphasis))
            if !input.glyphs.unicode { grid.foldToASCII() }
            return Frame(grid: grid, cursor: nil)
        }
        let theme = input.theme, width = input.size.width
        let bar = Rect(x: 0, y: 0, width: width, height: 1)
        grid.fill(bar, style: theme.style(.titleBar))
        let live = input.message != nil && input.running
        let clock = live ? "on screen \(minutes(input.now - input.message!.since)) \(input.glyphs.separator.trimmingCharacters(in: .whitespaces)) session \(minutes(input.now - input.message!.session)) " : ""
        let title = " dasf notes\(input.glyphs.separator)\(input.assessment.title)"
        grid.text(TextWidth.truncate(title, to: width - TextWidth.of(clock) - 1, ellipsis: input.glyphs.ellipsis), x: 0, y: 0, style: theme.style(.titleBar), clip: bar)
        grid.text(clock, x: width - TextWidth.of(clock), y: 0, style: theme.style(.titleBar), clip: bar)
        var lines: [Line] = []
        if let message = input.message, input.running {
            lines = body(message.view, input, width: width)
        } else {
            lines = [[Span(input.message == nil ? "Waiting for the presenter." : "The presenter has stopped.", theme.style(.header))],
                     [Span("Start it with dasf present FILE (or P on the map) on the same file; these notes follow it.", theme.style(.dim))]]
        }
        let area = Rect(x: 1, y: 2, width: width - 2, height: input.size.height - 3)
        for (n, line) in lines.prefix(area.height).enumerated() {
            grid.draw(line, in: area.rows(from: n, count: 1), ellipsis: input.glyphs.unicode ? "…" : "~")
        }
        let foot = Rect(x: 0, y: input.size.height - 1, width: width, height: 1)
        grid.draw([Span("q", theme.style(.keyName)), Span(" quit  "), Span("these notes are yours: the room does not see them", theme.style(.dim))], in: foot)
        if !input.glyphs.unicode { grid.foldToASCII() }
        return Frame(grid: grid, cursor: nil)
    }

    static func minutes(_ seconds: Double) -> String {
        // The times come from a file: nothing in it may trap the conversion.
        guard seconds.isFinite else { return "--:--" }
        let total = Int(min(max(seconds, 0), 359_999))
        let m = total / 60, s = total % 60
        return "\(m < 10 ? "0" : "")\(m):\(s < 10 ? "0" : "")\(s)"
    }

    static func body(_ view: PresenterView, _ input: NotesInput, width: Int) -> [Line] {
        let theme = input.theme, g = input.glyphs, catalog = input.catalog, a = input.assessment
        var lines: [Line] = []
        let room = max(10, width - 6)
        func heading(_ text: String) { lines.append([]); lines.append([Span(text, theme.style(.header))]) }
        func bullets(_ items: [String], role: Role? = nil) {
            for item in items {
                for (n, part) in TextWidth.wrap(item, width: room).enumerated() {
                    lines.append([Span(n == 0 ? "\(g.unicode ? "•" : "*") " : "  "), Span(part, role.map(theme.style) ?? .plain)])
                }
            }
        }
        let component = view.component.flatMap(catalog.component)
        let stage = view.stage.flatMap { id in catalog.stages.first { $0.id == id } }
        // What is on the projector, in words.
        let risk = view.risk.flatMap(catalog.risk), control = view.control.flatMap(catalog.control)
        var on: String
        if let control {
            on = "\(control.id) \(control.title)" + (risk.map { ", from risk \($0.id) \($0.title)" } ?? "")
        } else if let risk {
            on = "risk \(risk.id) \(risk.title)"
        } else if let component, view.screen.hasPrefix("component") || view.screen.hasPrefix("controls of") {
            on = (view.screen.hasPrefix("controls of") ? "the controls of " : "") + "component \(component.id) \(component.name)"
        } else if view.screen == "map" {
            on = "the map" + (stage.map { ", stage \($0.name) lit" } ?? "")
        } else {
            on = view.screen
        }
        if let component, risk != nil || control != nil { on += " (component \(component.id) \(component.short))" }
        for part in TextWidth.wrap("On the projector: " + on, width: width - 2) { lines.append([Span(part, theme.style(.emphasis))]) }

        let points = component?.talkingPoints ?? stage?.talkingPoints ?? []
        let questions = component?.questions ?? stage?.questions ?? []
        if component == nil && stage == nil {
            heading("The assessment")
            let t = input.scorecard.overall
            bullets(["\(t.inScope) of \(t.risks) risks in scope: \(t.open) open, \(t.partial) partial, \(t.mitigated) mitigated; \(t.assessed) assessed.",
                     "Scope: " + (a.scope.isAll ? "all deployment models" : a.scope.deploymentModels.map { catalog.deploymentModel($0)?.name ?? $0 }.joined(separator: ", "))])
        }
        if !points.isEmpty { heading("Talking points"); bullets(points) }
        if !questions.isEmpty { heading("Questions for the room"); bullets(questions) }

        // What is still to decide where the room is looking.
        let risks: [Risk] = if let risk = view.risk.flatMap(catalog.risk) { [risk] }
            else if let component { catalog.risks(inComponent: component.id) }
            else if let stage { catalog.components(inStage: stage.id).flatMap { catalog.risks(inComponent: $0.id) } }
            else { [] }
        let open = risks.compactMap { risk -> String? in
            guard let e = input.scorecard.evaluation(ofRisk: risk.id), e.state.isInScope else { return nil }
            let undecided = !e.assessed, needsWork = e.state == .open || e.state == .partial
            guard undecided || needsWork else { return nil }
            return "\(g.symbol(e.state)) \(risk.id) \(risk.title): \(e.state.label)" + (undecided ? ", nobody has decided it applies" : "")
                + (e.missingControls.isEmpty ? "" : "; missing \(e.missingControls.prefix(4).joined(separator: ", "))\(e.missingControls.count > 4 ? "…" : "")")
        }
        var stillOpen: [Line] = []
        if !risks.isEmpty {
            stillOpen.append([])
            stillOpen.append([Span("Still open here (\(open.count))", theme.style(.header))])
            let inScope = risks.contains { input.scorecard.evaluation(ofRisk: $0.id)?.state.isInScope ?? false }
            if open.isEmpty {
                stillOpen.append([Span(inScope ? "  nothing: every risk here is decided and dealt with" : "  nothing in scope here: the chosen deployment models leave it out",
                                       theme.style(.dim))])
            }
            // One line each (cut at the edge): the list is a reminder, the projector has the detail.
            stillOpen += open.map { [Span("  " + $0)] }
        }

        // What the projector hides, for the facilitator only.
        var hidden: [String] = []
        if view.screen == "map" || view.screen == "use case" {
            if let owner = a.useCase.businessOwner { hidden.append("business owner: \(owner)") }
            if !a.useCase.stakeholders.isEmpty { hidden.append("stakeholders: \(a.useCase.stakeholders.joined(separator: ", "))") }
        }
        var controls: [String] = []
        if let control = view.control { controls = [control] } else {
            for risk in risks { for id in risk.controls where !controls.contains(id) { controls.append(id) } }
        }
        for id in controls {
            let record = a.record(forControl: id)
            let parts = [record.owner.map { "owner \($0)" }, record.note.map { "note: \($0)" }, record.evidence.map { "evidence \($0)" }].compactMap { $0 }
            if !parts.isEmpty { hidden.append("\(id): " + parts.joined(separator: "; ")) }
        }
        for comment in a.comments where !comment.resolved {
            let here: Bool = switch comment.target {
            case .risk(let id): risks.contains { $0.id == id }
            case .control(let id): controls.contains(id)
            }
            if here { hidden.append("comment by \(comment.author) on \(comment.target): \(comment.text)") }
        }
        // The private fields come before the open list: what only the facilitator can know matters
        // more than what the room can see for itself.
        if !hidden.isEmpty { heading("Not on the projector"); bullets(hidden, role: .dim) }
        return lines + stillOpen
    }
}
