import DASFEngine

/// The one place state changes. Pure and total: no I/O, no traps; what needs the outside world
/// comes back as an `Effect`.
public enum Reducer {
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .journaled(let entries):
            state.journal.append(contentsOf: entries)
            return []
        case .saved(let outcome):
            switch outcome {
            case .saved(let time):
                if case .conflict = state.save { state.message = "written over the copy on disk" }
                state.save = .saved(time)
            case .failed(let reason):
                state.save = .failed(reason)
                state.message = "not saved: \(reason) (your edits are kept; quitting writes them to a copy)"
            case .conflict(let reason):
                state.save = .conflict(reason)
                state.message = "not saved: the file changed on disk. W writes yours over it; q keeps yours in a copy"
            }
            return []
        case .key(.resize(let size)):
            state.size = size
            clampSelection(&state)
            return []
        case .key(let key):
            if state.prompt != nil { return promptKey(&state, key) }
            if case .mouse(let x, let y, let double) = key { return click(&state, x: x, y: y, double: double) }
            guard let command = KeyMap.command(for: key, on: state.screen) else {
                if case .character(let c) = key { state.message = "\(c) does nothing here; ? lists the keys" }
                return []
            }
            state.message = nil
            return perform(command, &state)
        }
    }

    // MARK: - Commands

    static func perform(_ command: Command, _ state: inout AppState) -> [Effect] {
        switch command {
        case .up, .down, .left, .right:
            if state.screen == .map { MapNavigation.move(&state, command) } else { moveSelection(&state, by: command == .up ? -1 : command == .down ? 1 : 0) }
        case .top: moveSelection(&state, to: 0)
        case .bottom: moveSelection(&state, to: Int.max)
        case .pageUp: moveSelection(&state, by: -max(1, Layout.listRect(state).height - 1))
        case .pageDown: moveSelection(&state, by: max(1, Layout.listRect(state).height - 1))
        case .open: return open(&state)
        case .back:
            if state.stack.count > 1 { state.stack.removeLast() } else { state.message = "this is the map; q quits" }
        case .quit: return [.quit]
        case .help: if state.screen != .help { state.stack.append(Place(.help)) }
        case .home: state.stack = [state.stack[0]]
        case .register: push(.register, &state)
        case .scope: push(.scope, &state)
        case .toggle: return toggleModel(&state)
        case .cycleStatus:
            guard let id = Focus.control(state) else { return [] }
            let status = state.assessment.status(of: id)
            return edit(.setControlStatus(control: id, status: status.next), &state, done: "\(id): \(status.next.label)")
        case .markNotApplicable:
            guard let id = Focus.control(state) else { return [] }
            if state.assessment.status(of: id) == .notApplicable {
                return edit(.setControlStatus(control: id, status: .notStarted), &state, done: "\(id): applicable again, not started")
            }
            ask(.controlNotApplicable(id), "Why is \(id) not applicable?", "", &state)
        case .editOwner:
            guard let id = Focus.control(state) else { return [] }
            ask(.controlOwner(id), "Owner of \(id):", state.assessment.record(forControl: id).owner ?? "", &state)
        case .editEvidence:
            guard let id = Focus.control(state) else { return [] }
            ask(.controlEvidence(id), "Evidence for \(id) (a link or reference):", state.assessment.record(forControl: id).evidence ?? "", &state)
        case .editNote:
            guard let id = Focus.control(state) else { return [] }
            ask(.controlNote(id), "Note on \(id):", state.assessment.record(forControl: id).note ?? "", &state)
        case .cycleTreatment:
            guard let id = Focus.risk(state) else { return [] }
            let record = state.assessment.record(forRisk: id)
            let all = RiskTreatment.allCases
            let next = all[(all.firstIndex(of: record.treatment)! + 1) % all.count]
            if next == .mitigate {
                return edit(.setRiskTreatment(risk: id, treatment: .mitigate, rationale: nil), &state, done: "\(id): mitigate")
            }
            ask(.riskRationale(id, treatment: next), "Why \(next.rawValue) risk \(id)?", record.rationale ?? "", &state)
        case .markRiskNotApplicable:
            guard let id = Focus.risk(state) else { return [] }
            if state.assessment.record(forRisk: id).notApplicableReason != nil {
                return edit(.markRiskApplicable(risk: id), &state, done: "\(id): applicable again")
            }
            ask(.riskNotApplicable(id), "Why does risk \(id) not apply?", "", &state)
        case .redraw:
            break
        case .undo: return undo(&state)
        case .redo: return redo(&state)
        case .overwrite:
            if case .conflict = state.save { return [.overwrite(state.assessment)] }
            state.message = "W writes over a file that changed on disk; nothing to do now"
        }
        return []
    }

    static func push(_ screen: Screen, _ state: inout AppState) {
        if state.screen == screen { return }
        if let existing = state.stack.lastIndex(where: { $0.screen == screen }) {
            state.stack.removeSubrange((existing + 1)...)
        } else {
            state.stack.append(Place(screen))
        }
    }

    static func open(_ state: inout AppState) -> [Effect] {
        switch state.screen {
        case .map:
            let components = state.catalog.components
            if components.indices.contains(state.place.selected) { push(.component(components[state.place.selected].id), &state) }
        case .component, .control:
            if let id = Focus.risk(state) { push(.risk(id), &state) }
        case .risk, .register:
            if let id = Focus.control(state) { push(.control(id), &state) }
        case .scope:
            return toggleModel(&state)
        case .help:
            break
        }
        return []
    }

    static func toggleModel(_ state: inout AppState) -> [Effect] {
        let models = state.catalog.deploymentModels
        guard state.screen == .scope, models.indices.contains(state.place.selected) else { return [] }
        let id = models[state.place.selected].id
        let scope = state.assessment.scope
        var chosen = Set(scope.isAll ? models.map(\.id) : scope.deploymentModels)
        if chosen.contains(id) { chosen.remove(id) } else { chosen.insert(id) }
        let note = chosen.isEmpty || chosen.count == models.count ? " (none or every model chosen means all)" : ""
        let ids = chosen.count == models.count ? [] : models.map(\.id).filter(chosen.contains)
        return edit(.setScope(ids), &state, done: "scope: \(ids.isEmpty ? "all deployment models" : ids.joined(separator: ", "))\(note)")
    }

    /// Applies an edit through the engine, the same way `dasf set` does, and asks for a save.
    static func edit(_ edit: Edit, _ state: inout AppState, done: String) -> [Effect] {
        edits([edit], &state, done: done)
    }

    /// Applies edits as one step (one undo restores them all); nothing changes if one is refused.
    static func edits(_ edits: [Edit], _ state: inout AppState, done: String) -> [Effect] {
        if state.readOnly {
            state.message = "read-only: opened with --readonly, edits are disabled"
            return []
        }
        do {
            var changed = state.assessment
            for edit in edits { try changed.apply(edit, in: state.catalog) }
            return commit(changed, &state, done: done, undo: false)
        } catch {
            state.message = "\(error)"
            return []
        }
    }

    /// Makes `changed` the current assessment: remembers the old one for undo, asks for the
    /// journal entries and a save.
    static func commit(_ changed: Assessment, _ state: inout AppState, done: String, undo: Bool) -> [Effect] {
        let changes = changed.changes(from: state.assessment)
        guard !changes.isEmpty else {
            state.message = done + " (no change)"
            return []
        }
        if !undo {
            state.undoStack.append(state.assessment)
            state.redoStack.removeAll()
        }
        state.update(changed)
        if case .conflict = state.save {} else { state.save = .pending }
        state.message = done
        clampSelection(&state)
        return [.record(changes, undo: undo), .save(changed)]
    }

    static func undo(_ state: inout AppState) -> [Effect] {
        if state.readOnly { state.message = "read-only: opened with --readonly, edits are disabled"; return [] }
        guard let previous = state.undoStack.popLast() else {
            state.message = "nothing to undo"
            return []
        }
        state.redoStack.append(state.assessment)
        let count = previous.changes(from: state.assessment).count
        return commit(previous, &state, done: "undone: \(count) change\(count == 1 ? "" : "s") (Ctrl-R redoes)", undo: true)
    }

    static func redo(_ state: inout AppState) -> [Effect] {
        if state.readOnly { state.message = "read-only: opened with --readonly, edits are disabled"; return [] }
        guard let next = state.redoStack.popLast() else {
            state.message = "nothing to redo"
            return []
        }
        state.undoStack.append(state.assessment)
        let count = next.changes(from: state.assessment).count
        return commit(next, &state, done: "redone: \(count) change\(count == 1 ? "" : "s")", undo: true)
    }

    static func ask(_ purpose: PromptPurpose, _ label: String, _ text: String, _ state: inout AppState) {
        if state.readOnly {
            state.message = "read-only: opened with --readonly, edits are disabled"
            return
        }
        state.prompt = Prompt(purpose: purpose, label: label, text: text)
    }

    static func promptKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var prompt = state.prompt else { return [] }
        switch key {
        case .escape:
            state.prompt = nil
            state.message = "cancelled"
            return []
        case .enter:
            state.prompt = nil
            let text = prompt.field.text
            switch prompt.purpose {
            case .controlNotApplicable(let id):
                return edit(.markControlNotApplicable(control: id, reason: text), &state, done: "\(id): not applicable")
            case .controlOwner(let id):
                return edit(.setControlOwner(control: id, owner: text), &state, done: "\(id): owner \(text.isEmpty ? "cleared" : text)")
            case .controlEvidence(let id):
                return edit(.setControlEvidence(control: id, evidence: text), &state, done: "\(id): evidence \(text.isEmpty ? "cleared" : "set")")
            case .controlNote(let id):
                return edit(.setControlNote(control: id, note: text), &state, done: "\(id): note \(text.isEmpty ? "cleared" : "set")")
            case .riskNotApplicable(let id):
                return edit(.markRiskNotApplicable(risk: id, reason: text), &state, done: "\(id): not applicable")
            case .riskRationale(let id, let treatment):
                return edit(.setRiskTreatment(risk: id, treatment: treatment, rationale: text), &state, done: "\(id): \(treatment.rawValue)")
            }
        default:
            if case .mouse = key { return [] }
            _ = prompt.field.handle(key)
            state.prompt = prompt
            return []
        }
    }

    // MARK: - Selection

    static func moveSelection(_ state: inout AppState, by delta: Int) {
        moveSelection(&state, to: state.place.selected + delta)
    }

    static func moveSelection(_ state: inout AppState, to index: Int) {
        let count = Focus.itemCount(state)
        state.place.selected = count == 0 ? 0 : min(max(0, index), count - 1)
        keepVisible(&state)
    }

    static func clampSelection(_ state: inout AppState) {
        for n in state.stack.indices {
            var probe = state
            probe.stack = Array(state.stack[...n])
            let count = Focus.itemCount(probe)
            state.stack[n].selected = count == 0 ? 0 : min(state.stack[n].selected, count - 1)
        }
        keepVisible(&state)
    }

    /// Scrolls the list so the selected row is on screen.
    static func keepVisible(_ state: inout AppState) {
        guard state.screen != .map else { return }
        let height = max(1, Layout.listRect(state).height)
        var place = state.place
        if place.screen == .help {
            // Help has no selection: moving scrolls the text.
            place.scroll = max(0, min(place.selected, Focus.itemCount(state) - height))
            place.selected = place.scroll
            state.place = place
            return
        }
        if place.selected < place.scroll { place.scroll = place.selected }
        if place.selected >= place.scroll + height { place.scroll = place.selected - height + 1 }
        place.scroll = max(0, min(place.scroll, max(0, Focus.itemCount(state) - height)))
        state.place = place
    }

    static func click(_ state: inout AppState, x: Int, y: Int, double: Bool) -> [Effect] {
        guard state.mouse, !Layout.tooSmall(state.size) else { return [] }
        if state.screen == .map {
            let boxes = MapLayout(catalog: state.catalog, size: state.size).boxes
            guard let hit = boxes.firstIndex(where: { $0.rect.contains(x: x, y: y) }) else { return [] }
            state.place.selected = hit
            return double ? open(&state) : []
        }
        let list = Layout.listRect(state)
        guard list.contains(x: x, y: y) else { return [] }
        let index = state.place.scroll + (y - list.y)
        guard index < Focus.itemCount(state) else { return [] }
        state.place.selected = index
        return double ? open(&state) : []
    }
}
