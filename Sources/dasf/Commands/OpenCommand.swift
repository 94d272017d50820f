import ArgumentParser
import DASFEngine
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

    @Argument(help: "The save file (default: assessment.dasf.json). A missing *.dasf.json file is created.")
    var file: String = OpenCommand.defaultFile
    @Flag(name: .long, help: "Open with every edit disabled.") var readonly = false
    @Flag(name: .long, help: "With --readonly: review comments are still allowed (C adds one, X resolves).") var review = false
    @Flag(name: .long, help: "Draw with plain ASCII instead of Unicode symbols and lines.") var ascii = false
    @Flag(name: .customLong("no-color"), help: "No colour (as NO_COLOR does).") var noColor = false
    @Flag(name: .customLong("no-mouse"), help: "Ignore the mouse.") var noMouse = false
    @Option(name: .long, help: "Your name in the journal (default: $DASF_AUTHOR, else your login name).") var author: String?
    @OptionGroup var source: CatalogOption

    func run() throws {
        var notice: String?
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else {
            Console.error("the interactive map needs a terminal; for text use: dasf status \(file)")
            throw ExitCode.failure
        }
        try reportingFailures {
            if !FileManager.default.fileExists(atPath: file) {
                if readonly { throw StoreError(path: file, kind: .unreadable, reason: "no such file (and --readonly creates nothing)") }
                // Only a save-file name is created on the spot, so a typo never leaves a stray file.
                guard file.hasSuffix(".dasf.json") else {
                    throw StoreError(path: file, kind: .unreadable, reason: "no such file (dasf new \(file) creates one)")
                }
                let catalog = try Catalog.resolve(source.catalog ?? BuiltinCatalogs.defaultID)
                _ = try SaveFile.create(file, assessment: Assessment(title: "Untitled assessment", catalog: catalog))
                notice = "created \(file): a new assessment against \(catalog.title)"
            }
        }
        var document: AssessmentDocument!
        try reportingFailures { document = try AssessmentDocument.open(file, catalog: source.catalog) }
        let unicode = NcursesBackend.prepareLocale() && !ascii
        let environmentNoColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        guard let backend = NcursesBackend(color: !(noColor || environmentNoColor), mouse: !noMouse) else {
            Console.error("no usable terminal (is TERM set to a known terminal type?)")
            throw ExitCode.failure
        }
        let state = AppState(
            catalog: document.catalog, assessment: document.assessment, path: file, size: backend.size,
            readOnly: readonly, review: review, unicode: unicode, color: !(noColor || environmentNoColor), mouse: !noMouse,
            message: notice ?? document.warnings.first
                ?? (document.assessment.conflicts.isEmpty ? nil : "\(document.assessment.conflicts.count) merge conflicts to settle: ! lists them"), author: author ?? Author.current, today: Author.today(),
            journal: document.journal)
        let saver = Saver(file: document.file)
        let runtime = Runtime(state: state, backend: backend, now: { Date().timeIntervalSinceReferenceDate },
                              stamp: { Author.timestamp() },
                              report: { [file, catalog = document.catalog] in ReportFiles.write(for: file, catalog: catalog, assessment: $0, journal: $1) },
                              persist: saver.save)
        let unsaved = runtime.run()
        backend.stop()
        if let unsaved {
            let copy = "\(file).unsaved-\(Saver.stamp()).dasf.json"
            do {
                _ = try SaveFile.create(copy, assessment: unsaved)
                let why = saver.conflicted ? "changed on disk while it was open, so it was not overwritten" : "could not be saved (\(saver.lastProblem ?? "unknown reason"))"
                Console.error("\(file) \(why); your version is in \(copy)")
            } catch {
                Console.error("\(file) could not be saved, nor a copy written: \(error)")
            }
            throw ExitCode.failure
        }
    }
}

/// Saves through the store and reports in the runtime's terms.
final class Saver {
    var file: SaveFile
    var lastProblem: String?
    var conflicted = false

    init(file: SaveFile) { self.file = file }

    func save(_ assessment: Assessment, journal: [JournalEntry], force: Bool) -> SaveOutcome {
        do {
            try file.save(assessment, journal: journal, force: force)
            conflicted = false
            return .saved(time: Self.clock())
        } catch {
            lastProblem = error.reason
            conflicted = error.kind == .changedOnDisk
            return conflicted ? .conflict(error.reason) : .failed(error.reason)
        }
    }

    static func clock() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: Date())
    }

    static func stamp() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }
}
