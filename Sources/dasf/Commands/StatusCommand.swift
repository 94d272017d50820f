import Foundation
import ArgumentParser
import DASFEngine
import DASFImport
import DASFStore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show where an assessment stands: risk states and roll-ups per stage and component.",
        discussion: "The JSON form is documented in docs/json-output.md and kept stable."
    )

    @Argument(help: "The save file (- reads standard input).", completion: .file(extensions: ["json"])) var file: String
    @Option(name: .long, help: "text or json.") var format: OutputFormat = .text
    @Option(name: .long, help: ArgumentHelp("Judge staleness on this day (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var today: String?
    @OptionGroup var source: CatalogOption

    func validate() throws {
        if let today, !CalendarDate.isValid(today) { throw ValidationError("--today takes a date as YYYY-MM-DD") }
    }

    func run() throws {
        try Self.show(file, format: format, today: today, choice: source.choice)
    }

    /// The status of one file; `dasf status FILE` alone comes here without the argument parser
    /// (`DASF.fastStatus`), as a script running it over a thousand files does.
    static func show(_ file: String, format: OutputFormat = .text, today: String? = nil, choice: CatalogChoice = CatalogChoice()) throws {
        try reportingFailures {
            // The status never shows the journal: it is stepped over unread.
            let document = try choice.open(file, journal: false)
            document.warnings.forEach(Console.warn)
            let day = today ?? Author.today()
            switch format {
            case .json:
                var report = StatusReport.document(document, today: day)
                report.git = GitState.of(file)
                Console.json(try JSONText.encode(report))
            case .text: Console.out(StatusReport.text(document, today: day))
            }
        }
    }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a save file or a catalog file. Exit status 0 when sound.",
        discussion: "A save file is checked against its catalog; ids the catalog lacks are warnings (errors with --strict)."
    )

    @Argument(help: "A save file or a catalog file (- reads a save file from standard input).", completion: .file(extensions: ["json"])) var file: String
    @Flag(name: .long, help: "Treat warnings as errors.") var strict = false
    @Option(name: .long, help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var source: CatalogOption

    func run() throws {
        try reportingFailures {
            if FileKind.isCatalog(file) {
                let catalog = try CatalogYAML.resolve(file)
                if format == .json {
                    Console.json(try JSONText.encode(CommandResult.Validated(file: file, kind: "catalog", sound: true, warnings: [], unknownFields: [], unsettledConflicts: [])))
                    return
                }
                Console.out("\(file): sound catalog \(catalog.id) \(catalog.version): \(catalog.stages.count) stages, \(catalog.components.count) components, \(catalog.risks.count) risks, \(catalog.controls.count) controls")
                return
            }
            let document = try source.open(file)
            // Validating reads the journal too, wherever it is, and names what it does not know.
            let unknown = document.file.unknownFields + (try document.file.checkedJournal())
            if format == .json {
                let conflicts = document.assessment.conflicts.map(\.label)
                let sound = !strict || (document.warnings.isEmpty && unknown.isEmpty && conflicts.isEmpty)
                Console.json(try JSONText.encode(CommandResult.Validated(file: file, kind: "assessment", sound: sound, warnings: document.warnings,
                                                                         unknownFields: unknown, unsettledConflicts: conflicts)))
                if !sound { throw ExitCode.failure }
                return
            }
            document.warnings.forEach(Console.warn)
            if !unknown.isEmpty {
                let shown = unknown.prefix(20).joined(separator: ", ") + (unknown.count > 20 ? " and \(unknown.count - 20) more" : "")
                Console.warn("\(file): fields this dasf does not know (kept as they are): \(shown)")
            }
            let conflicts = document.assessment.conflicts
            if !conflicts.isEmpty {
                Console.warn("\(file): \(conflicts.count) unsettled merge conflict\(conflicts.count == 1 ? "" : "s") (settle them on the map with !): "
                             + conflicts.map(\.label).joined(separator: ", "))
            }
            if strict && !(document.warnings.isEmpty && unknown.isEmpty && conflicts.isEmpty) {
                Console.error("\(file): \(document.warnings.count + (unknown.isEmpty ? 0 : 1) + (conflicts.isEmpty ? 0 : 1)) warning(s) with --strict")
                throw ExitCode.failure
            }
            let assessment = document.assessment
            Console.out("\(file): sound assessment \"\(assessment.title)\" (catalog \(document.catalog.id) \(document.catalog.version), \(assessment.risks.count) risk and \(assessment.controls.count) control entries)")
        }
    }
}

/// Tells a catalog file from a save file by its `format` field, without trusting the name.
enum FileKind {
    static func isCatalog(_ path: String) -> Bool {
        guard path != "-", let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return false }
        return object["format"] as? String == "dasf-catalog"
    }
}
