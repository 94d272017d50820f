import DASFEngine

/// The one place state changes. Pure and total: no I/O, no traps; what needs the outside world
/// comes back as an `Effect`.
public enum Reducer {
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .notice(let text):
            state.message = text
            return []
        case .clock(let now):
            state.now = now
            return []
        case .versionControl(let text):
            state.versionControl = text
            return []
        case .journaled(let entries):
            for entry in entries { state.journal.record(entry) }
            return []
        case .journalRead(let problem):
            if let problem { state.message = "the journal cannot be read: \(problem)" }
            if state.screen == .journal { moveSelection(&state, to: Int.max) }
            return []
        case .saved(let outcome, let wrote):
            // Edits made while the save ran are on screen but not in the file: still to save.
            let editedSince = wrote.map { $0.assessment != state.assessment || $0.journal != state.journal } ?? false
            switch outcome {
            case .saved(let time):
                if case .conflict = state.save { state.message = "written over the copy on disk" }
                state.save = editedSince ? .pending : .saved(time)
            case .merged(let time, let merged, let journal, let summary):
                if let wrote, editedSince {
                    // The file holds what was written merged with another writer's change; the
                    // edits made since are applied to that, as if made after it.
                    let rebased = Assessment.merge(base: wrote.assessment, mine: state.assessment, theirs: merged).assessment
                    let common = zip(state.journal.recorded, wrote.journal.recorded).prefix { $0 == $1 }.count
                    adopt(rebased, journal: journal.adding(Array(state.journal.recorded[common...])), &state)
                    state.save = .pending
                } else {
                    adopt(merged, journal: journal, &state)
                    state.save = .saved(time)
                }
                // Before a room, nothing changes on its own (and the summary names people).
                state.message = state.presenting == nil ? summary : nil
            case .failed(let reason):
                state.save = .failed(reason)
                state.message = "not saved: \(reason) (your edits are kept; quitting writes them to a copy)"
            case .conflict(let reason):
                state.save = .conflict(reason)
                state.message = "not saved: the file changed on disk. Ctrl-W writes yours over it; q keeps yours in a copy"
            }
            return []
        case .reloaded(let fresh, let journal, let summary):
            adopt(fresh, journal: journal, &state)
            state.message = state.presenting == nil ? summary : nil
            return []
        case .key(.resize(let size)):
            state.size = size
            clampSelection(&state)
            return []
        case .key(let key):
            if state.prompt != nil { return promptKey(&state, key) }
            if let effects = PresenterController.handle(key, &state) { return effects }
            if case .mouse(let x, let y, let double) = key { return click(&state, x: x, y: y, double: double) }
            if case .wheel(let up) = key {
                // Three rows a notch, as terminals scroll; the map has no list to scroll.
                if state.mouse && state.screen != .map { moveSelection(&state, by: up ? -3 : 3) }
                return []
            }
            if state.search != nil, let command = KeyMap.searchCommand(for: key, on: state.screen, remap: state.keyRemap) {
                state.message = nil
                return perform(command, &state)
            }
            guard let command = KeyMap.command(for: key, on: state.screen, remap: state.keyRemap) else {
                if case .character(let c) = key {
                    let name = c == " " ? "space" : c.isWhitespace ? "that key" : String(c)
                    state.message = "\(name) does nothing here; ? lists the keys"
                }
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
            if state.screen == .map {
                MapNavigation.move(&state, command)
            } else if case .walk(let n) = state.screen, command == .left || command == .right {
                let count = Focus.walkRisks(state).count
                let next = n + (command == .right ? 1 : -1)
                guard (0..<count).contains(next) else {
                    state.message = command == .right ? "that was the last risk in scope" : "this is the first risk in scope"
                    return []
                }
                state.place = Place(.walk(next))
            } else {
                moveSelection(&state, by: command == .up ? -1 : command == .down ? 1 : 0)
            }
        case .previousRisk, .nextRisk:
            let forward = command == .nextRisk
            if case .walk = state.screen { return perform(forward ? .right : .left, &state) }
            guard case .risk(let id) = state.screen, let risk = state.catalog.risk(id) else { return [] }
            let siblings = state.catalog.risks.filter { $0.component == risk.component }
            guard let index = siblings.firstIndex(where: { $0.id == id }), siblings.indices.contains(index + (forward ? 1 : -1)) else {
                state.message = forward ? "that was the component's last risk" : "this is the component's first risk"
                return []
            }
            state.place = Place(.risk(siblings[index + (forward ? 1 : -1)].id))
        case .top: moveSelection(&state, to: 0)
        case .bottom: moveSelection(&state, to: Int.max)
        case .pageUp: moveSelection(&state, by: -max(1, Layout.listRect(state).height - 1))
        case .pageDown: moveSelection(&state, by: max(1, Layout.listRect(state).height - 1))
        case .open: return open(&state)
        case .back:
            if !state.place.marked.isEmpty {
                state.place.marked = []
                state.message = "marks cleared"
            } else if state.stack.count > 1 { state.stack.removeLast() } else if state.backLeaves { return [.quit] } else { state.message = "this is the map; q quits" }
        case .quit: return [.quit]
        case .help: if state.screen != .help { state.stack.append(Place(.help)) }
        case .home: state.stack = [state.stack[0]]
        case .register: push(.register, &state)
        case .componentControls:
            if case .component(let number) = state.screen { push(.componentControls(number), &state) }
        case .scope: push(.scope, &state)
        case .toggle: return toggleModel(&state)
        case .cycleStatus:
            guard let id = Focus.control(state) else { return [] }
            let targets = marked(state, or: id)
            if targets.count > 1 {
                // Cycling each marked row from the cursor row's status would undo decisions made
                // elsewhere (controls are shared): a bulk change asks which status it means.
                ask(.bulkStatus(targets), "Set the \(targets.count) marked controls to: \(KeyMap.statusChoices) (Esc cancels)", "", &state)
                return []
            }
            let status = state.assessment.status(of: id)
            return edit(.setControlStatus(control: id, status: status.next), &state, done: "\(id): \(status.next.label)")
        case .setStatus(let status):
            guard let id = Focus.control(state) else { return [] }
            return setStatus(status, of: marked(state, or: id), &state)
        case .markNotApplicable:
            guard let id = Focus.control(state) else { return [] }
            let targets = marked(state, or: id)
            if targets.count > 1 {
                ask(.bulkNotApplicable(targets), "Why are these \(targets.count) controls not applicable?", "", &state)
                return []
            }
            if state.assessment.status(of: id) == .notApplicable {
                return edit(.setControlStatus(control: id, status: .notStarted), &state, done: "\(id): applicable again, not started")
            }
            ask(.controlNotApplicable(id), "Why is \(id) not applicable?", "", &state)
        case .editOwner:
            guard let id = Focus.control(state) else { return [] }
            let targets = marked(state, or: id)
            if targets.count > 1 {
                ask(.bulkOwner(targets), "Owner of these \(targets.count) controls:", "", &state)
            } else {
                ask(.controlOwner(id), "Owner of \(id):", state.assessment.record(forControl: id).owner ?? "", &state)
            }
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
            let targets = state.screen.hasRiskList ? marked(state, or: id) : [id]
            if targets.count > 1 {
                ask(.bulkRiskNotApplicable(targets), "Why do these \(targets.count) risks not apply?", "", &state)
                return []
            }
            if state.assessment.record(forRisk: id).notApplicableReason != nil {
                return edit(.markRiskApplicable(risk: id), &state, done: "\(id): applicable again")
            }
            ask(.riskNotApplicable(id), "Why does risk \(id) not apply?", "", &state)
        case .redraw, .saveNow:
            break
        case .workshop: push(.workshop, &state)
        case .useCase: push(.useCase, &state)
        case .walk:
            if case .walk = state.screen { break }
            let risks = Focus.walkRisks(state)
            let current = Focus.risk(state)
            let start = risks.firstIndex { $0.id == current } ?? risks.firstIndex { !(state.scorecard.evaluation(ofRisk: $0.id)?.assessed ?? true) } ?? 0
            state.stack.removeAll { if case .walk = $0.screen { true } else { false } }
            state.stack.append(Place(.walk(start)))
        case .progress: push(.progress, &state)
        case .journal:
            push(.journal, &state)
            // Entries kept in the file are read by the runtime, then the newest is selected.
            guard state.journal.isRead else { return [.readJournal] }
            moveSelection(&state, to: Int.max)
        case .organisational: push(.organisational, &state)
        case .search: ask(.search, "Search ids, titles, descriptions and framework ids (empty clears):", "", &state, editing: false)
        case .jump: ask(.jump, "Jump to (9.1, DASF 54, c9):", "", &state, editing: false)
        case .searchNext, .searchPrevious: stepSearch(&state, by: command == .searchNext ? 1 : -1)
        case .filter:
            let cycle = ListFilter.cycle(for: state.screen)
            let index = cycle.firstIndex(of: state.place.filter) ?? 0
            state.place.filter = cycle[(index + 1) % cycle.count]
            state.place.marked = []
            state.message = "filter: \(state.place.filter.label) (\(Focus.itemCount(state)) shown)"
            moveSelection(&state, to: 0)
        case .mark:
            guard let id = Focus.itemID(state, at: state.place.selected) else { return [] }
            if state.place.marked.contains(id) { state.place.marked.remove(id) } else { state.place.marked.insert(id) }
            state.place.anchor = state.place.selected
            let was = state.place.selected
            moveSelection(&state, by: 1)
            let moved = state.place.selected != was ? " (cursor moved down to the next row)" : ""
            state.message = "\(id) \(state.place.marked.contains(id) ? "marked" : "unmarked"): \(state.place.marked.count) marked, the next action applies to all\(moved)"
        case .markRange:
            let from = state.place.anchor ?? state.place.selected
            for index in min(from, state.place.selected)...max(from, state.place.selected) {
                if let id = Focus.itemID(state, at: index) { state.place.marked.insert(id) }
            }
            state.place.anchor = state.place.selected
            state.message = "\(state.place.marked.count) marked; the next action applies to all of them"
        case .assess:
            guard let id = Focus.risk(state) else { return [] }
            let targets = state.screen.hasRiskList ? marked(state, or: id) : [id]
            return finishBulk(edits(targets.map { .markRiskAssessed(risk: $0) }, &state,
                                    done: targets.count > 1 ? "\(targets.count) risks assessed: they apply" : "\(id) assessed: it applies"), &state)
        case .addThreat:
            guard let id = Focus.risk(state) else { return [] }
            ask(.addThreat(id), "Threat to \(id), in your words (the rating comes next):", "", &state)
        case .removeThreat:
            guard let id = Focus.risk(state) else { return [] }
            let threats = state.assessment.record(forRisk: id).threats
            if threats.isEmpty { state.message = "\(id) has no threats"; return [] }
            ask(.removeThreat(id), "Remove which threat of \(id) (\(threats.map(\.id).joined(separator: ", ")))?", threats.last?.id ?? "", &state)
        case .rateThreat:
            guard let id = Focus.risk(state) else { return [] }
            let threats = state.assessment.record(forRisk: id).threats
            guard let last = threats.last else { state.message = "\(id) has no threats"; return [] }
            ask(.rateThreat(id), "Re-rate which threat of \(id) (\(threats.map(\.id).joined(separator: ", "))), e.g. \"\(last.id) L3 I5\":", "\(last.id) ", &state)
        case .targetDate, .reviewBy:
            guard let id = Focus.control(state) else { return [] }
            let targets = marked(state, or: id)
            let field: DateField = command == .targetDate ? .target : .reviewBy
            let record = state.assessment.record(forControl: id)
            let current = targets.count > 1 ? "" : (field == .target ? record.targetDate : record.reviewBy) ?? ""
            ask(.controlDate(field, targets), "\(field.rawValue.capitalized) for \(targets.count > 1 ? "\(targets.count) controls" : id) (YYYY-MM-DD, empty clears):", current, &state)
        case .verifiedToday:
            guard let id = Focus.control(state), let today = state.today else { return [] }
            let targets = marked(state, or: id)
            return finishBulk(edits(targets.map { .setControlLastVerified(control: $0, date: today) }, &state,
                                    done: "\(targets.count > 1 ? "\(targets.count) controls" : id) verified \(today)"), &state)
        case .rate(let value):
            let risks = OrganisationalRisk.allCases
            guard risks.indices.contains(state.place.selected) else { return [] }
            let risk = risks[state.place.selected]
            return edit(.rateOrganisationalRisk(risk, rating: value == 0 ? nil : value), &state,
                        done: "\(risk.name): \(value == 0 ? "rating cleared" : "rated \(value) of 5")")
        case .edit:
            switch state.screen {
            case .useCase:
                let a = state.assessment
                let values = [a.title, a.useCase.businessOwner ?? "", a.useCase.description ?? "", a.useCase.stakeholders.joined(separator: ", ")]
                let n = state.place.selected
                guard values.indices.contains(n) else { return [] }
                ask(.useCaseField(n), "\(Pages.useCaseFields[n])\(n == 3 ? " (comma-separated)" : ""):", values[n], &state)
            case .organisational:
                let risks = OrganisationalRisk.allCases
                guard risks.indices.contains(state.place.selected) else { return [] }
                let risk = risks[state.place.selected]
                ask(.organisationalNotes(risk), "Notes on \(risk.name.lowercased()):", state.assessment.organisationalRisks[risk]?.notes ?? "", &state)
            default: break
            }
        case .report: return [.writeReport]
        case .conflicts: push(.conflicts, &state)
        case .keepMine, .takeTheirs:
            let conflicts = state.assessment.conflicts
            guard conflicts.indices.contains(state.place.selected) else { return [] }
            let conflict = conflicts[state.place.selected]
            let theirs = command == .takeTheirs
            return edit(.resolveConflict(field: conflict.field, takeTheirs: theirs), &state,
                        done: "\(conflict.label): \(theirs ? "took theirs" : "kept mine") (\(conflicts.count - 1) left)")
        case .comment:
            let target: Comment.Target
            if case .control(let id) = state.screen { target = .control(id) } else if let id = Focus.risk(state) { target = .risk(id) } else { return [] }
            if state.readOnly && !state.review { state.message = readOnlyReason(state, comment: true); return [] }
            ask(.comment(target), "Comment on \(target):", "", &state, editing: false)
        case .resolveComment:
            let target: Comment.Target
            if case .control(let id) = state.screen { target = .control(id) } else if let id = Focus.risk(state) { target = .risk(id) } else { return [] }
            let comments = state.assessment.comments.filter { $0.target == target }
            guard !comments.isEmpty else { state.message = "no comment on \(target)"; return [] }
            if state.readOnly && !state.review { state.message = readOnlyReason(state, comment: true); return [] }
            ask(.resolveComment(comments.map(\.id)), "Resolve or reopen which comment (\(comments.map(\.id).joined(separator: ", ")))?",
                comments.last { !$0.resolved }?.id ?? comments.last?.id ?? "", &state, editing: false)
        case .undo: return undo(&state)
        case .redo: return redo(&state)
        case .present:
            state.presenting = Presentation(hidden: state.hiddenInRoom)
            state.prompt = nil
            state.message = "presenting: private fields hidden, edits off; PgDn lights the stages one by one, Ctrl-X U stops"
        case .nextStage, .previousStage, .stopPresenting:
            // Keys of presenting (PresenterController); outside it they mean nothing.
            state.message = "not presenting: P starts"
        case .upgradeCatalog:
            UpgradeController.ask(&state)
        case .overwrite:
            if case .conflict = state.save { return [.overwrite] }
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
        case .risk, .register, .walk, .componentControls:
            if let id = Focus.control(state) { push(.control(id), &state) }
        case .scope:
            return toggleModel(&state)
        case .workshop:
            let steps = Pages.workshopSteps
            guard steps.indices.contains(state.place.selected) else { return [] }
            if case .walk = steps[state.place.selected].screen { return perform(.walk, &state) }
            push(steps[state.place.selected].screen, &state)
        case .help, .useCase, .progress, .journal, .organisational, .conflicts:
            break
        }
        return []
    }

    static func toggleModel(_ state: inout AppState) -> [Effect] {
        let models = state.catalog.deploymentModels
        guard state.screen == .scope, models.indices.contains(state.place.selected) else { return [] }
        let id = models[state.place.selected].id
        // Checked means chosen; none chosen means all apply. The first pick narrows the scope.
        var chosen = Set(state.assessment.scope.deploymentModels)
        if chosen.contains(id) { chosen.remove(id) } else { chosen.insert(id) }
        let note = chosen.isEmpty ? " (none chosen: all apply)" : ""
        let ids = models.map(\.id).filter(chosen.contains)
        return edit(.setScope(ids), &state, done: "scope: \(ids.isEmpty ? "all deployment models" : ids.joined(separator: ", "))\(note)")
    }

    /// Applies an edit through the engine, the same way `dasf set` does, and asks for a save.
    /// Why an edit is refused, and what would allow it.
    static func readOnlyReason(_ state: AppState, comment: Bool = false) -> String {
        if state.presenting != nil { return "presenting: edits are off (Ctrl-X then U stops presenting)" }
        return comment ? "read-only: open with --readonly --review to comment" : "read-only: opened with --readonly, edits are disabled"
    }

    static func edit(_ edit: Edit, _ state: inout AppState, done: String) -> [Effect] {
        edits([edit], &state, done: done)
    }

    /// Applies edits as one step (one undo restores them all); nothing changes if one is refused.
    static func edits(_ edits: [Edit], _ state: inout AppState, done: String) -> [Effect] {
        if state.readOnly && !(state.review && edits.allSatisfy(\.isComment)) {
            state.message = readOnlyReason(state)
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
    /// `journal`, when given, is what the journal records instead of every changed field (an
    /// upgrade is one entry, as on the command line).
    static func commit(_ changed: Assessment, _ state: inout AppState, done: String, undo: Bool, journal: [Change]? = nil) -> [Effect] {
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
        return [.record(journal ?? changes, undo: undo), .save]
    }

    /// Takes a version that came from disk (someone else's save, merged or not) as the current
    /// one. Undo and redo keep working on this person's own steps: each remembered version gets
    /// the other writer's changes too, so undoing never takes theirs back.
    static func adopt(_ fresh: Assessment, journal: Journal, _ state: inout AppState) {
        let old = state.assessment
        func rebase(_ version: Assessment) -> Assessment {
            var merged = Assessment.merge(base: old, mine: version, theirs: fresh).assessment
            merged.conflicts = fresh.conflicts
            return merged
        }
        state.undoStack = state.undoStack.map(rebase)
        state.redoStack = state.redoStack.map(rebase)
        state.update(fresh)
        state.journal = journal
        clampSelection(&state)
    }

    static func undo(_ state: inout AppState) -> [Effect] { step(back: true, &state) }
    static func redo(_ state: inout AppState) -> [Effect] { step(back: false, &state) }

    /// Moves one version back (undo) or forward (redo); the move is committed like an edit.
    static func step(back: Bool, _ state: inout AppState) -> [Effect] {
        if state.readOnly { state.message = readOnlyReason(state); return [] }
        guard let target = back ? state.undoStack.popLast() : state.redoStack.popLast() else {
            state.message = back ? "nothing to undo" : "nothing to redo"
            return []
        }
        if back { state.redoStack.append(state.assessment) } else { state.undoStack.append(state.assessment) }
        let changes = target.changes(from: state.assessment)
        let what = changes.count == 1 ? changes[0].description : "\(changes.count) changes" + (changes.first.map { ", first \($0.description)" } ?? "")
        return commit(target, &state, done: back ? "undone: \(what) (Ctrl-R redoes)" : "redone: \(what)", undo: true)
    }

    static let ratingLabel = "Rating (optional): C<component> L1-5 I1-5, e.g. \"C10 L4 I5\"; Enter for none:"

    static func ask(_ purpose: PromptPurpose, _ label: String, _ text: String, _ state: inout AppState, editing: Bool = true) {
        if state.readOnly && editing {
            state.message = readOnlyReason(state)
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
        case _ where { if case .upgradeCatalog = prompt.purpose { true } else { false } }():
            guard case .upgradeCatalog(let id) = prompt.purpose else { return [] }
            return UpgradeController.answer(key, target: id, &state)
        case .character(let c) where { if case .bulkStatus = prompt.purpose { true } else { false } }():
            guard case .bulkStatus(let targets) = prompt.purpose else { return [] }
            guard let binding = KeyMap.statusKeys.first(where: { $0.keys.contains(.character(c)) }), case .setStatus(let status) = binding.command else {
                state.message = "\(c == " " ? "space" : String(c)) is not one of the choices"
                return []
            }
            state.prompt = nil
            return setStatus(status, of: targets, &state)
        case .enter:
            state.prompt = nil
            let text = prompt.field.text
            switch prompt.purpose {
            case .bulkStatus:
                state.prompt = prompt
                state.message = "press 1-4 to choose, Esc to cancel"
                return []
            case .upgradeCatalog, .portfolioFilter, .portfolioSearch:
                // Answered by the first key, above, or the portfolio's own; never reached.
                return []
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
            case .useCaseField(let n):
                let edit: Edit = switch n {
                case 0: .setTitle(text)
                case 1: .setUseCaseOwner(text)
                case 2: .setUseCaseDescription(text)
                default: .setStakeholders(text.split(separator: ",").map(String.init))
                }
                return self.edit(edit, &state, done: "use case: \(Pages.useCaseFields[min(n, 3)].lowercased()) set")
            case .addThreat(let id):
                guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                    state.message = "no threat added: the text was empty"
                    return []
                }
                ask(.threatRating(risk: id, text: text), Self.ratingLabel, "", &state)
                return []
            case .threatRating(let id, let threatText):
                switch ThreatRating.parse(text) {
                case .failure(let error):
                    state.prompt = prompt
                    state.prompt?.label = "Not understood: \(error.reason). " + Self.ratingLabel
                    return []
                case .success(let rating):
                    return edit(.addThreat(risk: id, text: threatText, component: rating.component, likelihood: rating.likelihood, impact: rating.impact),
                                &state, done: "\(id): threat added")
                }
            case .rateThreat(let id):
                let words = text.split(whereSeparator: \.isWhitespace)
                let threat = words.first.map(String.init) ?? ""
                switch ThreatRating.parse(words.dropFirst().joined(separator: " "), allowComponent: false) {
                case .failure(let error):
                    state.prompt = prompt
                    state.prompt?.label = "Not understood: \(error.reason). Re-rate as \"t1 L3 I5\":"
                    return []
                case .success(let rating):
                    return edit(.rateThreat(risk: id, threat: threat, likelihood: rating.likelihood, impact: rating.impact), &state,
                                done: "\(id): threat \(threat) rated")
                }
            case .removeThreat(let id):
                return edit(.removeThreat(risk: id, threat: text.trimmingCharacters(in: .whitespaces)), &state, done: "\(id): threat \(text) removed")
            case .controlDate(let field, let ids):
                let edits: [Edit] = ids.map { field == .target ? .setControlTargetDate(control: $0, date: text) : .setControlReviewBy(control: $0, date: text) }
                return finishBulk(self.edits(edits, &state, done: "\(ids.count > 1 ? "\(ids.count) controls" : ids[0]): \(field.rawValue) \(text.isEmpty ? "cleared" : text)"), &state)
            case .organisationalNotes(let risk):
                return edit(.setOrganisationalRiskNotes(risk, notes: text), &state, done: "\(risk.name): notes \(text.isEmpty ? "cleared" : "set")")
            case .bulkOwner(let ids):
                return finishBulk(edits(ids.map { .setControlOwner(control: $0, owner: text) }, &state, done: "\(ids.count) controls: owner \(text.isEmpty ? "cleared" : text)"), &state)
            case .bulkNotApplicable(let ids):
                return finishBulk(edits(ids.map { .markControlNotApplicable(control: $0, reason: text) }, &state, done: "\(ids.count) controls: not applicable"), &state)
            case .bulkRiskNotApplicable(let ids):
                return finishBulk(edits(ids.map { .markRiskNotApplicable(risk: $0, reason: text) }, &state, done: "\(ids.count) risks: not applicable"), &state)
            case .search:
                startSearch(text, &state)
                return []
            case .jump:
                jump(text, &state)
                return []
            case .comment(let target):
                return edit(.addComment(target, author: state.author, at: state.now, text: text), &state, done: "comment added on \(target)")
            case .resolveComment(let ids):
                let id = text.trimmingCharacters(in: .whitespaces)
                guard ids.contains(id), let comment = state.assessment.comments.first(where: { $0.id == id }) else {
                    state.message = "no comment \(id) here"
                    return []
                }
                return edit(.resolveComment(id: id, resolved: !comment.resolved), &state, done: "comment \(id) \(comment.resolved ? "reopened" : "resolved")")
            }
        default:
            if case .mouse = key { return [] }
            _ = prompt.field.handle(key)
            state.prompt = prompt
            return []
        }
    }

    /// The marked rows of this screen's list when they are of `id`'s kind, else just `id`.
    static func marked(_ state: AppState, or id: String) -> [String] {
        guard !state.place.marked.isEmpty else { return [id] }
        let risks = Focus.riskItems(state).map(\.id), controls = Focus.controlItems(state)
        let order = risks.contains(id) ? risks : controls.contains(id) ? controls : []
        let chosen = order.filter(state.place.marked.contains)
        return chosen.isEmpty ? [id] : chosen
    }

    /// A bulk action clears the marks once it has been applied.
    /// Marks stay after a bulk action, so a second one can follow; Esc clears them.
    static func finishBulk(_ effects: [Effect], _ state: inout AppState) -> [Effect] {
        if !effects.isEmpty && !state.place.marked.isEmpty { state.message = (state.message ?? "") + " (still marked; Esc clears)" }
        return effects
    }

    static func setStatus(_ status: ControlStatus, of targets: [String], _ state: inout AppState) -> [Effect] {
        let done = targets.count > 1 ? "\(targets.count) controls → \(status.label)" : "\(targets[0]): \(status.label)"
        return finishBulk(edits(targets.map { .setControlStatus(control: $0, status: status) }, &state, done: done), &state)
    }

    // MARK: - Search and jump

    static func startSearch(_ query: String, _ state: inout AppState) {
        let query = query.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else {
            state.search = nil
            state.message = "search cleared"
            return
        }
        let hits = SearchIndex.hits(query, in: state.catalog)
        guard !hits.isEmpty else {
            state.search = nil
            state.message = "no match for \"\(query)\""
            return
        }
        state.search = Search(query: query, hits: hits, index: 0)
        showHit(&state)
    }

    static func stepSearch(_ state: inout AppState, by delta: Int) {
        guard var search = state.search else { return }
        search.index = (search.index + delta + search.hits.count) % search.hits.count
        state.search = search
        showHit(&state)
    }

    static func showHit(_ state: inout AppState) {
        guard let search = state.search else { return }
        let screen: Screen = switch search.hits[search.index] {
        case .risk(let id): .risk(id)
        case .control(let id): .control(id)
        }
        // Hits replace each other on the stack, so Esc returns to where the search began.
        if case .risk = state.screen, state.stack.count > 1 { state.stack.removeLast() }
        else if case .control = state.screen, state.stack.count > 1 { state.stack.removeLast() }
        state.stack.append(Place(screen))
        state.message = "\"\(search.query)\": hit \(search.index + 1) of \(search.hits.count) (\(KeyMap.searchKeyLabel(on: screen, remap: state.keyRemap)) next/previous, / then Enter on empty clears)"
    }

    /// `:9` (or `:c9`) a component, `:9.1` a risk, `:d9`, `:DASF 9` a control: one reading each,
    /// so a bare number never means a control.
    static func jump(_ text: String, _ state: inout AppState) {
        let target = text.trimmingCharacters(in: .whitespaces)
        let catalog = state.catalog
        let lower = target.lowercased()
        let componentNumber = Int(target) ?? (lower.hasPrefix("c") ? Int(target.dropFirst()) : nil)
        let controlNumber = lower.hasPrefix("d") && !lower.hasPrefix("dasf") ? Int(target.dropFirst()) : nil
        if let number = componentNumber, catalog.component(number) != nil {
            push(.component(number), &state)
        } else if catalog.risk(target) != nil {
            push(.risk(target), &state)
        } else if let number = controlNumber, catalog.control("DASF \(number)") != nil {
            push(.control("DASF \(number)"), &state)
        } else if lower.hasPrefix("dasf"), let id = catalog.controlID(matching: target) {
            push(.control(id), &state)
        } else if let control = catalog.controls.first(where: { $0.id.lowercased() == lower }) {
            // A control of an overlay or one's own catalog ("ACME 1"), by its id.
            push(.control(control.id), &state)
        } else {
            state.message = "nothing called \"\(target)\" (:9 component, :9.1 risk, :d54 or :DASF 54 control)"
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
