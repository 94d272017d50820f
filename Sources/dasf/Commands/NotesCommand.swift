import ArgumentParser
import DASFEngine
import DASFImport
import DASFStore
import DASFTerminal
import DASFUI
import Foundation

/// `dasf notes FILE`: the speaker's notes, in a second terminal, following `dasf present FILE`.
struct NotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notes",
        abstract: "Speaker's notes in a second terminal, following a presentation of the same file.",
        discussion: """
            For the stage, component or risk on the projector: talking points and questions for the \
            room (from the catalog), what is still open there, and the private fields the room does \
            not see; with the time on this screen and in the session. Start it before or after dasf \
            present; either may quit and come back, and more than one notes window may follow. The two \
            meet through a file in $XDG_RUNTIME_DIR/dasf (no network). The save file is only read.
            """
    )

    @Argument(help: "The save file being presented.", completion: .file(extensions: ["json"])) var file: String
    @Flag(name: .long, help: "Draw with plain ASCII instead of Unicode symbols and lines.") var ascii = false
    @Flag(name: .customLong("no-color"), help: "No colour (as NO_COLOR does).") var noColor = false
    @Option(name: .long, help: "dark, light, high-contrast, colour-blind or monochrome.") var theme: ThemeWord?
    @OptionGroup var source: CatalogOption

    func run() throws {
        let term = try TerminalCheck.require("the notes", drawing: "the notes", instead: "they need a terminal that can move the cursor")
        var document: AssessmentDocument!
        try reportingFailures { document = try source.open(file) }
        guard let channel = PresenterChannel(saveFile: file) else {
            Console.error("no private folder for the presenter's messages: set XDG_RUNTIME_DIR to a folder of your own (mode 0700)")
            throw ExitCode.failure
        }
        let unicode = NcursesBackend.prepareLocale() && !ascii && !term.hasPrefix("linux")
        let themeName = UserSettings.theme(flag: theme, noColor: noColor)
        guard let backend = NcursesBackend(color: Theme(themeName).color, mouse: false) else {
            Console.error("no usable terminal (is TERM set to a known terminal type?)")
            throw ExitCode.failure
        }
        defer { backend.stop() }
        var stamp = document.file.diskStamp()
        var scorecard = Scorecard(catalog: document.catalog, assessment: document.assessment, today: Author.today())
        loop: while true {
            // The save file may change while the room talks: read it again when it does.
            let now = document.file.diskStamp()
            if now != stamp, let fresh = try? source.open(file) {
                document = fresh
                scorecard = Scorecard(catalog: fresh.catalog, assessment: fresh.assessment, today: Author.today())
                stamp = now
            }
            let message = channel.read().flatMap { try? JSONDecoder().decode(PresenterMessage.self, from: $0) }
            let input = NotesInput(catalog: document.catalog, assessment: document.assessment, scorecard: scorecard, message: message,
                                   running: message.map { PresenterChannel.isRunning($0.pid) } ?? false,
                                   now: Date().timeIntervalSince1970, size: backend.size, theme: Theme(themeName), glyphs: Glyphs(unicode: unicode))
            backend.draw(NotesView.render(input))
            switch backend.nextEvent(timeout: 250) {
            case .stop, .key(.character("q")), .key(.control("c")): break loop
            case .key(.control("l")): backend.invalidate()
            default: break
            }
        }
    }
}
