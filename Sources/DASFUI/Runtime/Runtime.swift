import DASFEngine

/// The loop: read a key, reduce, run effects, render. Saving is debounced (at most about a
/// second after an edit) and always done before the loop ends, whatever ends it. Saves run on
/// the `SaveWorker` (a queue of their own in the map); edits made while one runs are kept and
/// saved after it, merged with whatever it found on disk.
///
/// Not generic over the backend: a generic class's metadata is made at run time, and making
/// `Runtime<NcursesBackend>` searched every conformance record in the binary for the backend's
/// (0.27 M instructions before the first frame). One call through an existential per frame is
/// nothing beside that.
public final class Runtime {
    public private(set) var state: AppState
    let backend: any TerminalBackend
    /// Writes the assessment and the journal; `force` overwrites a file changed on disk.
    let persist: (Assessment, Journal, _ force: Bool) -> SaveOutcome
    /// The file's git state, asked at start and after each save or reload (never while idle).
    let versionControl: () -> String?
    /// Something was handled since the last frame: only then is the screen drawn again.
    var changed = false
    let now: () -> Double
    /// The journal's timestamp for this moment ("2026-11-22T14:02:11Z").
    let stamp: () -> String
    /// Writes the reports for the current assessment and says where.
    let report: (Catalog, Assessment, Journal) -> String
    /// Whether the file changed on disk since this program last read or wrote it: a cheap look
    /// (its size and time), made about once a second.
    let changedOnDisk: () -> Bool
    /// Reads the file's new version, as an action for the reducer (or nil when there is none).
    let reload: () -> Action?
    /// Tells the speaker's notes what the projector shows (nil: not presenting, or gone).
    let publish: (PresenterView?) -> Void
    private var published: PresenterView?
    /// Edits not yet handed to a save: the assessment saved is always the one on screen.
    private var pending = false
    /// What the running save is writing (nil: none runs).
    private var inFlight: SaveSnapshot?
    let worker: SaveWorker
    private var lastLook = 0.0
    private var firstPending = 0.0
    private var lastEdit = 0.0

    /// Quiet time after the last edit before saving, and the longest an edit waits.
    public static var settle: Double { 0.3 }
    public static var longest: Double { 1.0 }

    public init(
        state: AppState, backend: any TerminalBackend, now: @escaping () -> Double, stamp: @escaping () -> String = { "" },
        report: @escaping (Catalog, Assessment, Journal) -> String = { _, _, _ in "reports are not available here" },
        changedOnDisk: @escaping () -> Bool = { false }, reload: @escaping () -> Action? = { nil },
        publish: @escaping (PresenterView?) -> Void = { _ in },
        versionControl: @escaping () -> String? = { nil },
        worker: SaveWorker = InlineSaveWorker(),
        persist: @escaping (Assessment, Journal, Bool) -> SaveOutcome
    ) {
        self.worker = worker
        self.publish = publish
        self.versionControl = versionControl
        self.changedOnDisk = changedOnDisk
        self.reload = reload
        self.state = state
        self.backend = backend
        self.now = now
        self.stamp = stamp
        self.report = report
        self.persist = persist
    }

    /// Runs until quit, a stop signal or closed input. Returns the assessment if its last save
    /// failed, so the caller can keep it somewhere safe. `firstFrame`, when given, is
    /// `Renderer.render` of this runtime's state at the size it was made for (drawn on another
    /// core while the terminal was set up); it is drawn as it is when the terminal has that size.
    public func run(firstFrame: Frame? = nil) -> Assessment? {
        state.size = backend.size
        if let firstFrame, firstFrame.grid.width == state.size.width, firstFrame.grid.height == state.size.height {
            backend.draw(firstFrame)
        } else {
            backend.draw(Renderer.render(state))
        }
        announce()
        // Git is asked after the first frame, so a repository never delays it.
        handle(.versionControl(versionControl()))
        if state.versionControl != nil { backend.draw(Renderer.render(state)) }
        changed = false
        defer { if published != nil { publish(nil) } }
        loop: while true {
            // While a save runs, the loop looks for its end every few milliseconds.
            let event = backend.nextEvent(timeout: inFlight != nil ? 10 : pending ? 100 : 1000)
            switch event {
            case .stop:
                break loop
            case .timeout:
                break
            case .key(.control("l")):
                backend.invalidate()
                changed = true
                lookAtDisk()
            case .key(.control("s")):
                saveNow()
            case .key(let key):
                handle(.clock(stamp()))
                if handle(.key(key)) { break loop }
            }
            collect()
            flush(force: false)
            if now() - lastLook >= 1 { lookAtDisk() }
            // Idle costs nothing: a frame only when something happened (a key, a save, a reload).
            guard changed else { continue }
            changed = false
            backend.draw(Renderer.render(state))
            announce()
        }
        // Leaving: the running save ends first; what waits is saved; a failed save is tried once
        // more (a full disk may have room now), a conflict only if the file changed since (the
        // same bytes would refuse again).
        collect(waiting: true)
        var retry = pending
        switch state.save {
        case .failed: retry = true
        case .conflict: retry = retry || changedOnDisk()
        default: break
        }
        if retry {
            saveUnsaved()
            collect(waiting: true)
        }
        switch state.save {
        case .failed, .conflict: return state.assessment
        default: return nil
        }
    }

    /// Publishes the presenter's view when it changed (and only then: the notes window reads
    /// the file each time it does).
    func announce() {
        let view = state.presenterView
        guard view != published else { return }
        published = view
        publish(view)
    }

    /// Whether what is on screen holds edits the file does not: waiting to be saved, or left
    /// over from a save that failed (then `pending` is empty but the edits are not on disk).
    var hasUnsavedEdits: Bool {
        if pending || inFlight != nil { return true }
        switch state.save {
        case .failed, .conflict: return true
        default: return false
        }
    }

    /// Saves the edits on screen now, whatever their settle time, and after a failed save too;
    /// the store merges them with whatever is on disk.
    func saveUnsaved() {
        if let running = inFlight {
            // After the running save, at once, when there is more here than it writes.
            if running.assessment != state.assessment || running.journal != state.journal {
                pending = true
                firstPending = -Double.infinity
            }
            return
        }
        begin(force: false)
    }

    /// Hands the assessment and journal on screen to the worker; the result comes back through
    /// `collect` as `Action.saved`, which knows what was written and so what was edited since.
    func begin(force: Bool) {
        pending = false
        let snapshot = SaveSnapshot(assessment: state.assessment, journal: state.journal)
        inFlight = snapshot
        let persist = self.persist, versionControl = self.versionControl
        worker.start {
            let outcome = persist(snapshot.assessment, snapshot.journal, force)
            return SaveResult(outcome: outcome, versionControl: versionControl())
        }
        collect()
    }

    /// Takes the running save's result when it has one (or, `waiting`, once it ends).
    func collect(waiting: Bool = false) {
        guard let snapshot = inFlight, let result = waiting ? worker.wait() : worker.finished() else { return }
        inFlight = nil
        handle(.saved(result.outcome, wrote: snapshot))
        handle(.versionControl(result.versionControl))
    }

    /// Ctrl-S: writes what is waiting now instead of in a moment, or tries a failed save again.
    func saveNow() {
        handle(.clock(stamp()))
        if hasUnsavedEdits {
            saveUnsaved()
        } else {
            handle(.notice(state.readOnly ? "read-only: nothing is saved" : "nothing waiting: every change is already saved"))
        }
    }

    /// When someone else saved the file: with nothing unsaved here, shows their version; with
    /// edits here (waiting, or after a failed save), saves them now, which merges the two. A
    /// reload never replaces edits the file does not hold.
    func lookAtDisk() {
        // The saver's file belongs to the running save; the look waits for it to end.
        guard inFlight == nil else { return }
        lastLook = now()
        guard changedOnDisk() else { return }
        if hasUnsavedEdits {
            saveUnsaved()
        } else if let action = reload() {
            handle(action)
        }
    }

    /// Reduces one action and runs its effects; true when the app should stop.
    @discardableResult
    public func handle(_ action: Action) -> Bool {
        changed = true
        var quit = false
        defer {
            if case .reloaded = action { _ = Reducer.reduce(&state, .versionControl(versionControl())) }
        }
        for effect in Reducer.reduce(&state, action) {
            switch effect {
            case .save:
                if !pending { firstPending = now() }
                pending = true
                lastEdit = now()
            case .record(let changes, let undo):
                let at = stamp()
                handle(.journaled(changes.map { JournalEntry(at: at, by: state.author, change: $0, undo: undo) }))
            case .overwrite:
                // Asked for after a conflict: whatever save runs ends first, then this one.
                collect(waiting: true)
                begin(force: true)
            case .readJournal:
                do {
                    _ = try state.journal.entries()
                    handle(.journalRead(nil))
                } catch {
                    handle(.journalRead(error.reason))
                }
            case .writeReport:
                handle(.notice(report(state.catalog, state.assessment, state.journal)))
            case .quit:
                quit = true
            }
        }
        return quit
    }

    /// Saves the pending edit when it has settled, or now when `force` (leaving).
    func flush(force: Bool) {
        guard pending, inFlight == nil else { return }
        if case .conflict = state.save, !force { return }
        let t = now()
        guard force || t - lastEdit >= Self.settle || t - firstPending >= Self.longest else { return }
        if case .conflict = state.save {
            pending = false
            return
        }
        begin(force: false)
    }
}
