import ArgumentParser
import DASFEngine
import DASFImport
import DASFStore
import DASFTerminal
import DASFUI
import Foundation

/// `dasf [FILE]`: the interactive map. The default command.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open an assessment on the interactive map (the default command).",
        discussion: """
            Without FILE, opens assessment.dasf.json in the current directory, creating it (DASF 2.0, \
            all deployment models) if it does not exist. Every change is saved automatically. \
            Press ? on any screen for its keys. Honours NO_COLOR.
            """
    )

    static let defaultFile = "assessment.dasf.json"

    @Argument(help: "The save file (default: assessment.dasf.json). A missing *.dasf.json file is created.", completion: .file(extensions: ["json"]))
    var file: String = OpenCommand.defaultFile
    @Flag(name: .long, help: "Open with every edit disabled.") var readonly = false
    @Flag(name: .long, help: "With --readonly: review comments are still allowed (C adds one, X resolves).") var review = false
    @Flag(name: .long, help: "Draw with plain ASCII instead of Unicode symbols and lines.") var ascii = false
    @Flag(name: .customLong("no-color"), help: "No colour (as NO_COLOR does).") var noColor = false
    @Flag(name: .customLong("no-mouse"), help: "Ignore the mouse.") var noMouse = false
    @Flag(name: .long, help: "Start presenting to a room (as dasf present does).") var present = false
    @Option(name: .long, help: "dark, light, high-contrast, colour-blind or monochrome (default: $DASF_THEME, else light where the terminal says its background is light, else dark).")
    var theme: ThemeWord?
    @Option(name: .long, help: "Your name in the journal (default: $DASF_AUTHOR, else your login name).") var author: String?
    @OptionGroup var source: CatalogOption

    /// `dasf stauts x` is a typo for a command, not a file to open: say which command was meant.
    func validate() throws {
        guard !FileManager.default.fileExists(atPath: file), !file.contains("/"), !file.contains(".") else { return }
        let names = DASF.configuration.subcommands.compactMap { $0.configuration.commandName }
        if let near = names.min(by: { Typo.distance(file, $0) < Typo.distance(file, $1) }), Typo.distance(file, near) <= 2 {
            throw ValidationError("unknown command \"\(file)\"; did you mean \"\(near)\"? (dasf --help lists the commands)")
        }
    }

    func run() throws {
        try Self.open(Options(file: file, readonly: readonly, review: review, ascii: ascii, noColor: noColor, noMouse: noMouse,
                              present: present, theme: theme, author: author, catalog: source.catalog, overlay: source.overlay))
    }

    /// What `dasf [FILE]` was asked, as plain values: the fast start (`DASF.main`) fills it
    /// without the argument parser; the parsed command fills it from its flags.
    struct Options {
        var file = OpenCommand.defaultFile
        var readonly = false, review = false, ascii = false, noColor = false, noMouse = false, present = false
        var theme: ThemeWord?
        var author: String?
        var catalog: String?
        var overlay: [String] = []
    }

    /// Starts making the catalog most files use on the other core, once, unless another was
    /// asked for: it was a seventh of the time to the first frame, and the file is read and the
    /// terminal set up meanwhile.
    static func prefetchCatalog(_ o: Options) {
        guard o.catalog == nil, lane == nil else { return }
        let lane = Lane()
        self.lane = lane
        BuiltinCatalogs.prefetch(BuiltinCatalogs.defaultID, start: lane.enqueue)
    }

    /// The thread making the prefetched catalog, which goes on to the map's first frame.
    nonisolated(unsafe) private static var lane: Lane?

    static func open(_ o: Options) throws {
        let (file, readonly, review, ascii, noColor, noMouse, present, theme, author) = (o.file, o.readonly, o.review, o.ascii, o.noColor, o.noMouse, o.present, o.theme, o.author)
        let source = CatalogChoice(catalog: o.catalog, overlay: o.overlay)
        prefetchCatalog(o)
        var notice: String?
        let term = try TerminalCheck.require("the interactive map", drawing: "the map", instead: "for text use: dasf status \(file)")
        try reportingFailures {
            if !FileManager.default.fileExists(atPath: file) {
                if readonly || present {
                    throw StoreError(path: file, kind: .unreadable, reason: "no such file (and \(present ? "presenting" : "--readonly") creates nothing)")
                }
                // Only a save-file name is created on the spot, so a typo never leaves a stray file.
                guard file.hasSuffix(".dasf.json") else {
                    throw StoreError(path: file, kind: .unreadable, reason: "no such file (dasf new \(file) creates one)")
                }
                let catalog = try CatalogYAML.resolve(source.catalog ?? UserSettings.current.catalog ?? BuiltinCatalogs.defaultID)
                _ = try SaveFile.create(file, assessment: Assessment(title: "Untitled assessment", catalog: catalog))
                notice = "created \(file): a new assessment against \(catalog.title)"
            }
        }
        // Everything that can refuse the file happens before the terminal is touched, so a bad
        // file leaves the screen as it was. Opening against a built-in catalog with no overlay
        // named on the command line cannot fail once the file is read: that part waits until
        // the terminal is set up, by when the catalog has been made.
        let saveFile = try reportingFailures { try SaveFile.open(file) }
        let given = try reportingFailures { try source.resolved() }
        let deferred = given == nil && source.overlay.isEmpty && BuiltinCatalogs.ids.contains(saveFile.assessment.catalog.id)
        var opened: AssessmentDocument?
        if !deferred {
            opened = try reportingFailures {
                try AssessmentDocument.open(saveFile, using: given, overlays: source.overlay.isEmpty ? nil : source.overlay, readOverlay: CatalogYAML.overlay)
            }
        }
        // The Linux console's font lacks the state symbols (◐ ✓ ✗), so it gets the ASCII set.
        let unicode = NcursesBackend.prepareLocale() && !ascii && !term.hasPrefix("linux")
        let settings = UserSettings.current
        let themeName = UserSettings.theme(flag: theme, noColor: noColor)
        let mouse = !noMouse && (settings.mouse ?? true)
        /// The session: made where the state is, since finding the login name asks the system's
        /// user database (a dozen calls), which the other core can do while ncurses starts.
        func session() -> MapSession {
            MapSession(unicode: unicode, mouse: mouse, themeName: themeName, author: UserSettings.author(author), review: review, present: present)
        }
        /// The map's start from the file as read: the document, the state and (when the size is
        /// known) its first frame.
        func start(_ document: AssessmentDocument, size: Size) -> (AssessmentDocument, AppState, MapSession) {
            let session = session()
            // A file that cannot be saved is said so now and opened read-only, not discovered later.
            let unwritable = readonly ? nil : document.file.whyNotWritable
            return (document, session.state(file: file, document: document, size: size, readOnly: readonly || unwritable != nil,
                                            notice: unwritable.map { "opened read-only: \($0)" } ?? notice), session)
        }
        // Against a built-in catalog, the document, the state and the first frame are made on the
        // other core while ncurses starts (a sixth of the time to the first frame); the terminal's
        // size is asked of the kernel, and should ncurses see another, the frame is made again.
        let ahead = deferred ? NcursesBackend.terminalSize().map { size in
            Background(on: lane) { () throws -> (AssessmentDocument, AppState, MapSession, Frame) in
                let (document, state, session) = start(try AssessmentDocument.open(saveFile, using: nil, readOverlay: CatalogYAML.overlay), size: size)
                return (document, state, session, Renderer.render(state))
            }
        } : nil
        lane?.close()
        guard let backend = NcursesBackend(color: Theme(themeName).color, mouse: mouse) else {
            Console.error("no usable terminal (is TERM set to a known terminal type?)")
            throw ExitCode.failure
        }
        let document: AssessmentDocument, state: AppState, session: MapSession, firstFrame: Frame?
        do {
            if let ahead {
                (document, state, session, firstFrame) = try ahead.value()
            } else {
                (document, state, session) = start(try opened ?? AssessmentDocument.open(saveFile, using: nil, readOverlay: CatalogYAML.overlay), size: backend.size)
                firstFrame = nil
            }
        } catch {
            backend.stop()
            try reportingFailures { throw error }
            return
        }
        let unsaved = session.run(file: file, document: document, backend: backend, state: state, firstFrame: firstFrame)
        backend.stop()
        if let unsaved { try unsaved.report(file: file) }
    }
}

/// One save file on the map, from `dasf FILE` or opened from the portfolio: the state, the
/// runtime and the saver put together, and what to say when the last save failed.
struct MapSession {
    let unicode: Bool
    let mouse: Bool
    let themeName: ThemeName
    let author: String
    var review = false
    var present = false

    /// What could not be saved, kept for the caller to put somewhere safe.
    struct Unsaved {
        let assessment: Assessment
        let journal: Journal
        let why: String

        func report(file: String) throws {
            Console.error(keep(file: file))
            throw ExitCode.failure
        }

        /// Writes the copy now and says where.
        func keep(file: String) -> String {
            // Entries kept in a file that can no longer be read stay in that file.
            if let place = UnsavedCopy.keep(assessment, journal: (try? journal.entries()) ?? journal.recorded, of: file) {
                return "\(file) \(why); your version, with its journal, is in \(place)"
            }
            return "\(file) \(why), and no copy could be written anywhere; your edits are lost"
        }
    }

    /// Runs the map until quit (or, with `backLeaves`, Esc on the map).
    func run(file: String, document: AssessmentDocument, backend: NcursesBackend, readOnly: Bool, notice: String?,
             backLeaves: Bool = false, component: Int? = nil, risk: String? = nil) -> Unsaved? {
        let state = state(file: file, document: document, size: backend.size, readOnly: readOnly, notice: notice,
                          backLeaves: backLeaves, component: component, risk: risk)
        return run(file: file, document: document, backend: backend, state: state, firstFrame: nil)
    }

    /// The map's state for `document` as the map starts (pure: it may be made on another thread).
    func state(file: String, document: AssessmentDocument, size: Size, readOnly: Bool, notice: String?,
               backLeaves: Bool = false, component: Int? = nil, risk: String? = nil) -> AppState {
        let settings = UserSettings.current
        let conflicts = AppState.conflictNotice(count: document.assessment.conflicts.count)
        var state = AppState(
            catalog: document.catalog, assessment: document.assessment, path: file, size: size,
            readOnly: readOnly, review: review, unicode: unicode, mouse: mouse,
            message: UserSettings.loaded.problems.first ?? (present ? "presenting: private fields hidden, edits off; PgDn lights the stages one by one, ? lists the keys"
                : notice ?? document.warnings.first ?? conflicts
                    ?? BuiltinCatalogs.newer(than: document.catalog).map { "DASF \($0.version) is built in: > upgrades, keeping every answer (u takes it back)" }
                    ?? (backLeaves ? "Esc on the map goes back to the portfolio" : nil)),
            author: author, today: Author.today(), journal: document.journal, presenting: present,
            hiddenInRoom: settings.hiddenInRoom ?? Set(PrivateField.allCases), themeName: themeName, keys: settings.keys)
        state.backLeaves = backLeaves
        state.open(component: component, risk: risk)
        return state
    }

    /// Runs the map from `state`; `firstFrame` is its rendering at its size, when made already.
    func run(file: String, document: AssessmentDocument, backend: NcursesBackend, state: AppState, firstFrame: Frame?) -> Unsaved? {
        let saver = Saver(file: document.file)
        let runtime = Runtime(state: state, backend: backend, now: { Date().timeIntervalSinceReferenceDate },
                              stamp: { Author.timestamp() },
                              report: { catalog, assessment, _ in ReportFiles.write(for: file, catalog: catalog, assessment: assessment) },
                              changedOnDisk: saver.changedOnDisk, reload: saver.reload,
                              publish: PresenterPublisher(saveFile: file).publish,
                              versionControl: { GitState.of(file)?.summary },
                              worker: QueueSaveWorker(), persist: saver.save)
        guard let unsaved = runtime.run(firstFrame: firstFrame) else { return nil }
        let why = saver.conflicted ? "changed on disk while it was open, so it was not overwritten" : "could not be saved (\(saver.lastProblem ?? "unknown reason"))"
        return Unsaved(assessment: unsaved, journal: runtime.state.journal, why: why)
    }
}

/// Saves through the store and reports in the runtime's terms. On the map a field both writers
/// changed is kept both ways, for the `!` screen, rather than refused. `save` runs on the map's
/// save queue; the runtime calls nothing else here while a save runs (its look at the disk
/// waits), and reads `lastProblem` and `conflicted` only after the last save has ended.
final class Saver {
    var file: SaveFile
    var lastProblem: String?
    var conflicted = false
    /// What the file looked like (`SaveFile.diskStamp`) when last read or written here.
    private var stamp: String?
    /// A version on disk that could not be read or saved over is dealt with once, not every second.
    private var reportedStamp: String?

    init(file: SaveFile) {
        self.file = file
        stamp = file.diskStamp()
    }

    func save(_ assessment: Assessment, journal: Journal, force: Bool) -> SaveOutcome {
        do {
            let outcome = try file.save(assessment, journal: journal, force: force, conflicts: .keepBoth)
            stamp = file.diskStamp()
            conflicted = false
            if outcome.kind == .merged {
                return .merged(time: Self.clock(), file.assessment, journal: file.journal, summary: outcome.summary ?? "merged")
            }
            return .saved(time: Self.clock())
        } catch {
            // Not tried again until the file on disk changes once more.
            reportedStamp = file.diskStamp()
            // The store says "not saved: …" itself; the status line says it once.
            lastProblem = error.reason.hasPrefix("not saved: ") ? String(error.reason.dropFirst("not saved: ".count)) : error.reason
            conflicted = error.kind == .changedOnDisk
            return conflicted ? .conflict(lastProblem ?? error.reason) : .failed(lastProblem ?? error.reason)
        }
    }

    func changedOnDisk() -> Bool {
        let now = file.diskStamp()
        return now != nil && now != stamp && now != reportedStamp
    }

    /// The version on disk, when it differs from the one here: "reloaded: 2 changes by Ana".
    func reload() -> Action? {
        let now = file.diskStamp()
        do {
            guard let fresh = try file.readIfChanged() else {
                stamp = now
                return nil
            }
            let before = AssessmentFields.flatten(file.assessment), after = AssessmentFields.flatten(fresh.assessment)
            let changes = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.count
            let authors = Self.newAuthors(fresh.journal, since: file.journal)
            file = fresh
            stamp = now
            let who = authors.isEmpty ? "" : " by " + authors.joined(separator: ", ")
            return .reloaded(fresh.assessment, journal: fresh.journal, summary: "reloaded: \(changes) change\(changes == 1 ? "" : "s")\(who)")
        } catch {
            reportedStamp = now
            return .notice("\(file.path) changed on disk but cannot be read (\(error.reason)); showing the last good version")
        }
    }

    /// Who wrote the entries `fresh` has beyond `old`. When both journals are still in their
    /// files, only the newest entry is read (a reload never reads 100,000 lines to say a name).
    static func newAuthors(_ fresh: Journal, since old: Journal) -> [String] {
        if fresh.kept == nil, old.kept == nil, let earlier = try? old.entries(), let now = try? fresh.entries() {
            let seen = Set(earlier)
            return Array(Set(now.filter { !seen.contains($0) }.map(\.by))).sorted()
        }
        guard let last = fresh.last, last != old.last else { return [] }
        return [last.by]
    }

    static func clock() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: Date())
    }
}

/// Writes what the projector shows to the presenter channel for `dasf notes`, with the time it
/// came on screen and when presenting began; takes it away when presenting stops.
final class PresenterPublisher {
    private let saveFile: String
    /// Found on first use: the channel's name comes from the file's real path, worked out with
    /// Foundation's URL, which cost every map's first frame about 1.5 M instructions when it
    /// was done up front, presenting or not.
    private lazy var channel: PresenterChannel? = PresenterChannel(saveFile: saveFile)
    private var session: Double?

    init(saveFile: String) { self.saveFile = saveFile }

    func publish(_ view: PresenterView?) {
        guard let channel else { return }
        guard let view else {
            channel.withdraw()
            session = nil
            return
        }
        let now = Date().timeIntervalSince1970
        let started = session ?? now
        session = started
        // The notes are a help, not the presentation: a failed write is not worth interrupting it.
        if let data = try? JSONEncoder().encode(PresenterMessage(pid: getpid(), view: view, since: now, session: started)) {
            try? channel.publish(data)
        }
    }
}
