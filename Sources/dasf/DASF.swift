import ArgumentParser

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
        do {
            var command = try parseAsRoot()
            UserSettings.reportProblems()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
