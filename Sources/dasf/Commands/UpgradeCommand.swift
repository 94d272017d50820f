import ArgumentParser
import DASFEngine
import DASFImport
import DASFStore
import Foundation

/// `dasf upgrade FILE --to ID|PATH`: the assessment, carried to another catalog.
struct UpgradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Carry an assessment to another catalog, keeping every answer.",
        discussion: """
            Answers are kept by id. A control whose meaning changed between the two catalogs (DASF 38 and \
            39 between 1.0 and 2.0, and any the new catalog marks) is asked again: its status is reset and \
            its old answer written into its note. New risks and controls are listed (unassessed, not \
            started); answers for ids the new catalog lacks stay in the file and are listed. The version \
            replaced is kept as FILE.bak (and at --backup PATH if given); the upgrade is one journal entry.

              dasf upgrade claims.dasf.json --to dasf-2.0 --dry-run
              dasf upgrade claims.dasf.json --to dasf-3.0-imported.json --backup claims-2.0.dasf.json
              dasf upgrade claims.dasf.json --to dasf-2.0 --overlay acme-controls.yaml

            With --overlay the overlays are the target's (the file's own are read from the file); an \
            overlay's controls and risks are listed as new, and the file records the overlay.
            """
    )

    @Argument(help: "The save file.", completion: .file(extensions: ["json"])) var file: String
    @Option(name: .long, help: ArgumentHelp("The catalog to carry it to: a built-in id (dasf-2.0, dasf-1.0) or a catalog file.", valueName: "id|path"))
    var to: String
    @Flag(name: .customLong("dry-run"), help: "Say what would change; write nothing.") var dryRun = false
    @Option(name: .long, help: ArgumentHelp("Also keep the version before the upgrade at this path.", valueName: "path")) var backup: String?
    @Option(name: .long, help: "Your name in the journal (default: $DASF_AUTHOR, the config file, else your login name).") var author: String?
    @OptionGroup var source: CatalogOption

    func run() throws {
        try reportingFailures {
            // The file as it stands (its own overlays); --overlay names the target's.
            var document = try AssessmentDocument.open(file, using: try source.resolved(), readOverlay: CatalogYAML.overlay)
            document.warnings.forEach(Console.warn)
            var target = try CatalogYAML.resolve(to)
            for path in source.overlay {
                target = try target.applying(try CatalogYAML.overlay(path), path: OverlayPaths.recorded(path, saveFile: file), origin: path)
            }
            let sameOverlays = target.overlays.map { [$0.id, $0.digest] } == document.assessment.catalog.overlays.map { [$0.id, $0.digest] }
            if target.id == document.catalog.id && sameOverlays && BuiltinCatalogs.sameFacts(target, digest: document.assessment.catalog.digest) {
                Console.out("\(file) is already assessed against \(target.id) \(target.version); nothing to do")
                return
            }
            let (upgraded, report) = document.assessment.upgraded(from: document.catalog, to: target)
            report.lines.forEach { Console.out($0) }
            if dryRun {
                Console.out("dry run: \(file) is unchanged")
                return
            }
            if let backup {
                guard let bytes = FileManager.default.contents(atPath: file) else {
                    throw StoreError(path: file, kind: .unreadable, reason: "cannot be read to keep a copy")
                }
                try DurableWrite.write(bytes, to: backup)
            }
            let entry = JournalEntry(at: Author.timestamp(), by: UserSettings.author(author),
                                     change: Change(target: "assessment", field: "catalog", from: report.from.label, to: report.to.label))
            try document.replace(with: upgraded, journal: [entry])
            Console.out("upgraded \(file) to \(target.reference.label) (the version before is \(file).bak\(backup.map { " and \($0)" } ?? ""))")
        }
    }
}
