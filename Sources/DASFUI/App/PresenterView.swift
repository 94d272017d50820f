import DASFEngine

/// What the projector shows, as the speaker's notes need it: the screen, and the stage,
/// component, risk or control in focus. Published by the presenter, read by `dasf notes`.
public struct PresenterView: Sendable, Hashable, Codable {
    /// The screen's name as the status line gives it ("map", "component 9", "risk 9.12", …).
    public var screen: String
    /// The stage lit on the map, or the stage of the component in focus.
    public var stage: String?
    /// The component in focus: the one open, or the one a risk or control was reached from.
    public var component: Int?
    public var risk: String?
    public var control: String?

    public init(screen: String, stage: String? = nil, component: Int? = nil, risk: String? = nil, control: String? = nil) {
        self.screen = screen
        self.stage = stage
        self.component = component
        self.risk = risk
        self.control = control
    }
}

extension AppState {
    /// The view to publish while presenting; nil when not presenting.
    public var presenterView: PresenterView? {
        guard let presenting else { return nil }
        var view = PresenterView(screen: Pages.screenName(screen))
        // The focus is what was opened last on the way here: a risk reached from component 9
        // keeps 9 as its component.
        for place in stack {
            switch place.screen {
            case .component(let id), .componentControls(let id): view.component = id; view.risk = nil; view.control = nil
            case .risk(let id): view.risk = id; view.control = nil
            case .control(let id): view.control = id
            case .walk(let n):
                let walk = Focus.walkRisks(self)
                if walk.indices.contains(n) { view.risk = walk[n].id; view.component = walk[n].component }
            default: break
            }
        }
        if view.component == nil, let risk = view.risk { view.component = catalog.risk(risk)?.component }
        if case .map = screen { view = PresenterView(screen: "map", stage: presenting.litStage) }
        view.stage = view.stage ?? view.component.flatMap { catalog.component($0)?.stage }
        return view
    }
}

/// What the presenter publishes: who (the process, to tell a crashed presenter from a running
/// one), what is on the projector, and since when (seconds since 1970).
public struct PresenterMessage: Sendable, Hashable, Codable {
    public var format = "dasf-presenter"
    public var version = 1
    public var pid: Int32
    public var view: PresenterView
    /// When this view came on screen.
    public var since: Double
    /// When presenting began.
    public var session: Double

    public init(pid: Int32, view: PresenterView, since: Double, session: Double) {
        self.pid = pid
        self.view = view
        self.since = since
        self.session = session
    }
}
