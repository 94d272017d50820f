import DASFEngine

/// Presenting to a room: what is hidden, which stage is lit, and the keys typed so far.
public struct Presentation: Sendable, Hashable {
    public var hidden: Set<PrivateField>
    /// The stage lit on the map (the others dimmed); nil lights them all.
    public var litStage: String?
    /// Digits typed on the map, waiting for Enter to open that component.
    public var number = ""
    /// Ctrl-X was pressed: the next key says whether presenting ends.
    public var unlocking = false

    public init(hidden: Set<PrivateField>) { self.hidden = hidden }
}

/// The keys of presenting, taken before the screen's own (lazygit's controller per context): a
/// clicker's PgDn/PgUp step through the stages, a number and Enter open a component, and
/// Ctrl-X then U, which nobody types by accident, ends presenting. Everything else falls through
/// to the screen, where edits are refused because the state is read-only.
enum PresenterController {
    static let bindings: [Binding] = [
        Binding([.pageDown, .character(".")], "PgDn", "light the next stage (the others dimmed); after the last, all", .nextStage),
        Binding([.pageUp, .character(",")], "PgUp", "light the previous stage; on the workshop (W), PgDn and PgUp step through the six steps like slides", .previousStage),
        Binding([], "9 ⏎", "type a component's number and Enter to open it", .open),
        Binding([.control("x")], "Ctrl-X U", "stop presenting: private fields show and edits are on again", .stopPresenting),
    ]

    /// The effects of `key` while presenting, or nil when the screen should handle it.
    static func handle(_ key: Key, _ state: inout AppState) -> [Effect]? {
        guard var presentation = state.presenting else { return nil }
        defer { if state.presenting != nil { state.presenting = presentation } }
        if presentation.unlocking {
            presentation.unlocking = false
            if key == .character("U") || key == .character("u") {
                state.presenting = nil
                state.message = state.openedReadOnly ? "stopped presenting (the file is still read-only)" : "stopped presenting: private fields show, edits are on"
            } else {
                state.message = "still presenting"
            }
            return []
        }
        if key == .control("x") {
            presentation.unlocking = true
            state.message = "Ctrl-X: press U to stop presenting (private fields will show); any other key stays"
            return []
        }
        // The six workshop steps as slides: the clicker steps through them.
        if state.screen == .workshop, key == .pageDown || key == .pageUp {
            Reducer.moveSelection(&state, by: key == .pageDown ? 1 : -1)
            state.message = nil
            return []
        }
        guard state.screen == .map else { return nil }
        switch key {
        case .pageDown, .character("."), .pageUp, .character(","):
            let stages = state.catalog.stages.map(\.id)
            let index = presentation.litStage.flatMap { stages.firstIndex(of: $0) }
            let forward = key == .pageDown || key == .character(".")
            // All lit → first → … → last → all lit, and back.
            let next: Int? = switch (index, forward) {
            case (nil, true): stages.isEmpty ? nil : 0
            case (nil, false): stages.isEmpty ? nil : stages.count - 1
            case (let i?, true): i + 1 < stages.count ? i + 1 : nil
            case (let i?, false): i > 0 ? i - 1 : nil
            }
            presentation.litStage = next.map { stages[$0] }
            presentation.number = ""
            state.message = nil
            return []
        case .character(let c) where c.isASCII && c.isNumber:
            guard presentation.number.count < 3 else { return [] }
            presentation.number.append(c)
            let name = Int(presentation.number).flatMap(state.catalog.component).map { ": " + $0.name } ?? ""
            state.message = "component \(presentation.number)\(name) (Enter opens it, Esc forgets it)"
            return []
        case .backspace where !presentation.number.isEmpty:
            presentation.number.removeLast()
            state.message = presentation.number.isEmpty ? nil : "component \(presentation.number) (Enter opens it)"
            return []
        case .escape where !presentation.number.isEmpty:
            presentation.number = ""
            state.message = nil
            return []
        case .enter where !presentation.number.isEmpty:
            let typed = presentation.number
            presentation.number = ""
            let boxes = MapLayout(catalog: state.catalog, size: state.size).boxes
            guard let id = Int(typed), let index = boxes.firstIndex(where: { $0.component.id == id }) else {
                state.message = "there is no component \(typed)"
                return []
            }
            state.place.selected = index
            state.message = nil
            state.presenting = presentation
            return Reducer.perform(.open, &state)
        default:
            return nil
        }
    }
}
