import ArgumentParser
import Foundation

/// `dasf`: assess an AI system against the Databricks AI Security Framework.
@main
struct DASF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dasf",
        abstract: "Assess the security of an AI system with the Databricks AI Security Framework (DASF).",
        discussion: """
            `dasf` alone opens the interactive map on assessment.dasf.json (created if missing); \
            `dasf FILE` opens FILE. An assessment is one JSON save file holding only what people decided; the DASF catalog \
            (2.0 by default, 1.0 too) is built in. Exit status: 0 on success, 1 when the input \
            is unusable or an edit is refused, 64 for a usage error.
            """,
        version: "0.1.0",
        subcommands: [
            OpenCommand.self, PresentCommand.self, NotesCommand.self, CatalogCommand.self, NewCommand.self, SetCommand.self, StatusCommand.self, JournalCommand.self,
            ReportCommand.self, ExportCommand.self, DiffCommand.self, MergeCommand.self, UpgradeCommand.self, GitCommand.self, PortfolioCommand.self,
            ValidateCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )

    /// As ArgumentParser's own, with the config file's problems said once, before any work,
    /// whichever command runs (not for --help or a usage error).
    static func main() {
        // `dasf` and `dasf FILE`, the map, start without the argument parser: its reflection of
        // every command was a sixth of the time to the first frame.
        // `dasf status FILE`, what scripts run over many files, likewise.
        let arguments = Array(CommandLine.arguments.dropFirst())
        // First of all, when this may be the map (`dasf`, `dasf FILE`): its catalog is made on
        // the other core while the rest starts. Deciding that it is the map took 0.4 ms, most
        // of it first touches of code, which the catalog no longer waits for.
        if arguments.count <= 1, !(arguments.first?.hasPrefix("-") ?? false) {
            OpenCommand.prefetchCatalog(OpenCommand.Options())
        }
        if arguments.count == 2, arguments[0] == "status", !arguments[1].hasPrefix("-") {
            do {
                UserSettings.reportProblems()
                try StatusCommand.show(arguments[1])
            } catch {
                exit(withError: error)
            }
            return
        }
        if let options = fastStart(arguments) {
            do {
                UserSettings.reportProblems()
                try OpenCommand.open(options)
            } catch {
                exit(withError: error)
            }
            return
        }
        do {
            var command = try parseAsRoot()
            UserSettings.reportProblems()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    /// The options of `dasf` or `dasf FILE` when that is all there is: no flag, no command name,
    /// and a FILE that exists or looks like a path (a bare word may be a mistyped command, which
    /// the parser explains).
    static func fastStart(_ arguments: [String]) -> OpenCommand.Options? {
        if arguments.isEmpty { return OpenCommand.Options() }
        guard arguments.count == 1, let word = arguments.first, !word.hasPrefix("-"), !word.isEmpty else { return nil }
        let names = Set(configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"])
        guard !names.contains(word) else { return nil }
        guard word.contains("/") || word.contains(".") || FileManager.default.fileExists(atPath: word) else { return nil }
        return OpenCommand.Options(file: word)
    }
}
